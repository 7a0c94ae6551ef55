import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation } from '$lib/server/consultations/service';
import { consultationJson, requestedLanguage } from '$lib/server/consultations/api';
import { permissionsFor } from '$lib/server/roles/service';
import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	const language = requestedLanguage(consultation, event.url.searchParams.get('lang'));
	if ('error' in language) return apiError(event, 400, language.error);
	return json(consultationJson(db, consultation, committee, language.tag));
};
