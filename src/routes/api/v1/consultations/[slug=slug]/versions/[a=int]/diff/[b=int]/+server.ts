import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation, getVersion } from '$lib/server/consultations/service';
import { permissionsFor } from '$lib/server/roles/service';
import { apiError } from '$lib/server/http/api';
import { compareVersions } from '$lib/server/versions/diff';
import { versionDiffJson } from '$lib/server/versions/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	// Unpublished versions exist only for the committee; to anyone else they are not there.
	const visible = (n: number) => {
		const version = getVersion(db, consultation.id, n);
		return version && (version.status === 'published' || committee) ? version : undefined;
	};
	const from = visible(Number(event.params.a));
	const to = visible(Number(event.params.b));
	if (!from || !to) return apiError(event, 404, 'errors.versionNotFound');
	if (from.id === to.id) return apiError(event, 400, 'errors.sameVersion');
	return json(versionDiffJson(consultation, from, to, compareVersions(db, from.id, to.id, consultation.sourceLanguage)));
};
