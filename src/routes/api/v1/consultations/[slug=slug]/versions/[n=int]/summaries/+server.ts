import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation, getVersion } from '$lib/server/consultations/service';
import { permissionsFor } from '$lib/server/roles/service';
import { apiError } from '$lib/server/http/api';
import { summariesJson } from '$lib/server/summaries/api';
import { requestedLanguage } from '$lib/server/consultations/api';
import type { RequestHandler } from './$types';

/** The published liaison summaries of version n (documented in docs/api.md). */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const version = getVersion(db, consultation.id, Number(event.params.n));
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	if (!version || (version.status !== 'published' && !committee)) return apiError(event, 404, 'errors.versionNotFound');
	const language = requestedLanguage(consultation, event.url.searchParams.get('lang'));
	if ('error' in language) return apiError(event, 400, language.error);
	return json(summariesJson(db, consultation, version, language.tag));
};
