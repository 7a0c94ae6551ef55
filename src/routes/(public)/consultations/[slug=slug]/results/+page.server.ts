import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation } from '$lib/server/auth/guards';
import { publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { getVersion, listVersions } from '$lib/server/consultations/service';
import { latestVersionWithFeedback } from '$lib/server/consultations/continuity';
import { readingLanguage } from '$lib/server/clauses/service';
import { cachedVersionPeople, participationFingerprint, versionResults } from '$lib/server/aggregation/service';
import { tallyFingerprint } from '$lib/server/tallies/read';
import { queryValues, resultsQuery } from '$lib/server/aggregation/schemas';
import { resultsView } from '$lib/server/aggregation/view';
import type { PageServerLoad } from './$types';

// Plain HTML, like the dashboard: everything here is a link or a GET form.
export const csr = false;

/** The public results of a published version: the same aggregates as the committee's dashboard, without its filters and settings. */
export const load: PageServerLoad = (event) => {
	const db = getDb();
	const consultation = loadConsultation(event, event.params.slug);
	const parsed = resultsQuery.safeParse({ ...queryValues(event.url), lang: null, affiliation: null });
	if (!parsed.success) error(404, event.locals.t('errors.versionNotFound'));
	const query = parsed.data;
	const published = listVersions(db, consultation.id).filter((v) => v.status === 'published');
	// Without ?version=, the newest version that has feedback: one just published would show only zeros.
	const version = query.version === null ? latestVersionWithFeedback(db, consultation.id) : getVersion(db, consultation.id, query.version);
	// Unpublished versions have no public results, for anyone.
	if (query.version !== null && (!version || version.status !== 'published')) error(404, event.locals.t('errors.versionNotFound'));

	const base = {
		consultation: publicConsultation(consultation, event),
		versions: published.map((v) => v.number),
		sort: query.sort
	};
	if (!version) return { ...base, version: null, results: null, people: null, busierBefore: null };
	const language = readingLanguage(consultation, {
		requested: event.url.searchParams.get('lang'),
		userLanguages: event.locals.user?.languages,
		uiLocale: event.locals.locale
	});
	const results = versionResults(db, consultation, version, { headingLanguage: language });
	const people = cachedVersionPeople(db, version.id, participationFingerprint(results));
	// A new version gathers feedback slowly: say when the one before it heard from more people.
	const before = published.filter((v) => v.number < version.number).sort((a, b) => b.number - a.number)[0];
	const beforePeople = before ? cachedVersionPeople(db, before.id, tallyFingerprint(db, before.id)).total : 0;
	return {
		...base,
		version: publicVersion(version),
		results: resultsView(results, { sort: query.sort, page: query.page }),
		people,
		busierBefore: before && beforePeople > people.total ? { number: before.number, people: beforePeople } : null
	};
};
