import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation, getVersion } from '$lib/server/consultations/service';
import { permissionsFor } from '$lib/server/roles/service';
import { versionResults } from '$lib/server/aggregation/service';
import { talliesJson } from '$lib/server/aggregation/api';
import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const version = getVersion(db, consultation.id, Number(event.params.n));
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	if (!version || (version.status !== 'published' && !committee)) return apiError(event, 404, 'errors.versionNotFound');
	return json(talliesJson(consultation, version, versionResults(db, consultation, version)));
};
