// A page of the comments on one clause of a version, as the caller may read them (docs/api.md).
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getConsultation, getVersion } from '$lib/server/consultations/service';
import { readClause } from '$lib/server/clauses/service';
import { listComments } from '$lib/server/comments/service';
import { commentsJson } from '$lib/server/comments/api';
import { permissionsFor } from '$lib/server/roles/service';
import { readerOf } from '$lib/server/privacy/visibility';
import { canonicalLanguageTag } from '$lib/server/validation';
import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const db = getDb();
	const consultation = getConsultation(db, event.params.slug);
	if (!consultation) return apiError(event, 404, 'errors.consultationNotFound');
	const version = getVersion(db, consultation.id, Number(event.params.n));
	const permissions = permissionsFor(db, event.locals.user, consultation.id);
	if (!version || (version.status !== 'published' && !permissions.committee)) return apiError(event, 404, 'errors.versionNotFound');
	const clause = readClause(db, version.id, event.params.key, consultation.sourceLanguage, consultation.sourceLanguage);
	if (!clause) return apiError(event, 404, 'errors.clauseNotFound');

	const params = event.url.searchParams;
	const order = params.get('order') === 'oldest' ? 'oldest' : 'newest';
	let language: string | null = null;
	if (params.get('lang')) {
		language = canonicalLanguageTag(params.get('lang')!);
		if (!language) return apiError(event, 400, 'errors.languageInvalid');
	}
	const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
	const listing = listComments(db, clause.revisionId, {
		order,
		language,
		page,
		reader: readerOf(event.locals.user, permissions)
	});
	return json(commentsJson({ consultation: consultation.slug, version: version.number, clause: clause.key, order, language }, listing));
};
