import { error, fail, redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn, requireLiaison, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { listVersions } from '$lib/server/consultations/service';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { limitOr429 } from '$lib/server/ratelimit/http';
import { newSummaryInput } from '$lib/server/summaries/schemas';
import { listSummaries, startSummary, SummaryError } from '$lib/server/summaries/service';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const consultation = loadConsultation(event, event.params.slug);
	const permissions = permissionsIn(event, consultation);
	if (!permissions.committee && permissions.liaisonFor.length === 0) error(403, event.locals.t('errors.forbidden'));
	// The committee writes for every language community; a liaison for theirs.
	const languages = permissions.committee
		? consultation.languages
		: consultation.languages.filter((l) => permissions.liaisonFor.includes(l));
	const db = getDb();
	return {
		consultation: publicConsultation(consultation, event),
		languages,
		versions: listVersions(db, consultation.id)
			.filter((v) => v.status === 'published')
			.map((v) => v.number),
		summaries: listSummaries(db, consultation.id, { languages: permissions.committee ? null : languages })
	};
};

export const actions: Actions = postRedirectGet({
	/** Starts the summary of a version for a language, or opens the one that exists. */
	create: async (event) => {
		const user = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		const values = formValues(await readForm(event));
		const input = validate(event, newSummaryInput, values);
		if (!input.ok) return fail(400, { values, errors: input.errors });
		requireLiaison(event, consultation, input.data.language);
		const limited = limitOr429(event, 'post', user.id, { values });
		if (limited) return limited;
		let id: number;
		try {
			id = startSummary(getDb(), {
				consultation,
				versionNumber: input.data.version,
				language: input.data.language,
				authorId: user.id
			}).summary.id;
		} catch (e) {
			if (e instanceof SummaryError) {
				return fail(400, { values, errors: { [String(e.issues[0].path[0] ?? 'form')]: event.locals.t(e.code) } });
			}
			throw e;
		}
		redirect(303, paths.summaryEdit(consultation.slug, id));
	}
});
