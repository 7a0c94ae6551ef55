import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation } from '$lib/server/consultations/service';
import { permissionsFor } from '$lib/server/roles/service';
import { apiError } from '$lib/server/http/api';
import { visibleVersions } from '$lib/server/versions/service';
import { versionListJson } from '$lib/server/versions/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	return json(versionListJson(consultation, visibleVersions(db, consultation.id, committee)));
};
