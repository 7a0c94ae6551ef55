import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation, getVersion } from '$lib/server/consultations/service';
import { versionClausesJson } from '$lib/server/consultations/api';
import { permissionsFor } from '$lib/server/roles/service';
import { canonicalLanguageTag } from '$lib/server/validation';
import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const version = getVersion(db, consultation.id, Number(event.params.n));
	const { committee } = permissionsFor(db, event.locals.user, consultation.id);
	if (!version || (version.status !== 'published' && !committee)) return apiError(event, 404, 'errors.versionNotFound');

	const requested = event.url.searchParams.get('lang');
	let language = consultation.sourceLanguage;
	if (requested !== null) {
		const tag = canonicalLanguageTag(requested);
		if (!tag) return apiError(event, 400, 'errors.languageInvalid');
		if (!consultation.languages.includes(tag)) return apiError(event, 400, 'errors.languageNotInConsultation');
		language = tag;
	}
	return json(versionClausesJson(db, consultation, version, language));
};
