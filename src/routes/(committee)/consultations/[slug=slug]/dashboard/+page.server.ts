import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireCommittee } from '$lib/server/auth/guards';
import { publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { currentVersion, getVersion, listVersions } from '$lib/server/consultations/service';
import { updateMeasureSettings, versionResults } from '$lib/server/aggregation/service';
import { liaisonSummariesByLanguage } from '$lib/server/summaries/published';
import { measureSettingsInput, queryValues, resultsQuery } from '$lib/server/aggregation/schemas';
import { resultsView } from '$lib/server/aggregation/view';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { AFFILIATIONS } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

// Plain HTML: the filters and the settings are ordinary forms, and no data is sent twice for hydration.
export const csr = false;

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	requireCommittee(event, consultation);
	const db = getDb();
	const query = parseQuery(event);
	const versions = listVersions(db, consultation.id);
	const version =
		query.version === null
			? (currentVersion(db, consultation.id) ?? versions[0])
			: getVersion(db, consultation.id, query.version);
	if (query.version !== null && !version) error(404, event.locals.t('errors.versionNotFound'));

	const base = {
		consultation: publicConsultation(consultation, event),
		versions: versions.map((v) => ({ number: v.number, status: v.status })),
		query: { lang: query.lang, affiliation: query.affiliation === '' ? 'none' : query.affiliation, sort: query.sort },
		settings: { minCommunitySize: consultation.minCommunitySize, includeLiaisonCounts: consultation.measuresIncludeLiaisonCounts },
		affiliations: [...AFFILIATIONS, 'none'] as const
	};
	if (!version) return { ...base, version: null, languages: consultation.languages, results: null, liaison: [] };

	const results = versionResults(db, consultation, version, { community: query.lang, affiliation: query.affiliation });
	const languages = [...consultation.languages, ...results.communities.filter((c) => !consultation.languages.includes(c))];
	if (query.lang && !languages.includes(query.lang)) languages.push(query.lang);
	return {
		...base,
		version: publicVersion(version),
		languages,
		results: resultsView(results, { sort: query.sort, page: query.page }),
		liaison: liaisonSummariesByLanguage(db, version.id, query.lang)
	};
};

function parseQuery(event: RequestEvent) {
	const parsed = resultsQuery.safeParse(queryValues(event.url));
	if (!parsed.success) {
		const key = parsed.error.issues[0]?.message;
		error(400, event.locals.t(key?.startsWith('errors.') ? key : 'errors.invalid'));
	}
	return parsed.data;
}

export const actions: Actions = postRedirectGet({
	settings: async (event) => {
		const consultation = loadConsultation(event, event.params.slug);
		requireCommittee(event, consultation);
		const values = formValues(await readForm(event));
		const input = validate(event, measureSettingsInput, values);
		if (!input.ok) return fail(400, { settings: { values, errors: input.errors } });
		updateMeasureSettings(getDb(), consultation.id, input.data);
		return { settings: { saved: true } };
	}
});
