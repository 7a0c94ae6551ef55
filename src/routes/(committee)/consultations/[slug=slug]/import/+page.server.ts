import { fail, redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireCommittee, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { currentVersion } from '$lib/server/consultations/service';
import { discardDraft, DraftError, importVersion, pendingDraft, pendingDraftView, publishVersion } from '$lib/server/drafts/service';
import { documentFrom, draftSubmission, parseDraft, previewOf } from '$lib/server/drafts/submission';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import { reviewMatches } from '$lib/server/drafts/review';
import type { Consultation } from '$lib/server/db/schema';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	requireCommittee(event, consultation);
	const db = getDb();
	return {
		consultation: publicConsultation(consultation, event),
		currentNumber: currentVersion(db, consultation.id)?.number ?? null,
		draft: pendingDraftView(db, consultation)
	};
};

/** Parses the submission and matches it to the previous version; or a failure to show beside the form. */
async function submission(event: RequestEvent, consultation: Consultation) {
	const form = await readForm(event);
	const document = await documentFrom(form);
	const values: Record<string, unknown> = { ...formValues(form), document: 'text' in document ? document.text : '' };
	const echo = { document: String(values.document), headingLevel: asText(values.headingLevel, '2'), note: asText(values.note) };
	if ('errorKey' in document) return { failure: fail(400, { values: echo, errors: { document: event.locals.t(document.errorKey) } }) };
	const input = validate(event, draftSubmission, values);
	if (!input.ok) return { failure: fail(400, { values: echo, errors: input.errors }) };
	const parsed = parseDraft(input.data.document, input.data.headingLevel);
	const matching = reviewMatches(getDb(), consultation, parsed.clauses, input.data.document, form);
	if (!matching.ok) parsed.errors.push(matching.problem);
	return {
		input: input.data,
		parsed,
		matching,
		echo,
		preview: { ...previewOf(parsed, event.locals.t), review: matching.review }
	};
}

async function importAs(event: RequestEvent, publish: boolean) {
	const user = requireUser(event);
	const consultation = loadConsultation(event, event.params.slug);
	requireCommittee(event, consultation);
	const result = await submission(event, consultation);
	if ('failure' in result) return result.failure;
	if (result.parsed.errors.length > 0 || !result.matching.ok) {
		return fail(400, { values: result.echo, preview: result.preview, errors: { form: event.locals.t('import.fixErrors') } });
	}
	if (result.matching.stale) {
		// The document changed after the matching was reviewed: show the new proposal instead of guessing.
		return fail(409, { values: result.echo, preview: result.preview, errors: { form: event.locals.t('import.matchingStale') } });
	}
	try {
		importVersion(getDb(), {
			consultationId: consultation.id,
			clauses: result.matching.clauses,
			note: result.input.note,
			publish,
			createdBy: user.id
		});
	} catch (e) {
		if (e instanceof DraftError) return fail(409, { values: result.echo, errors: { form: event.locals.t(e.code) } });
		throw e;
	}
	redirect(303, publish ? paths.consultation(consultation.slug) : paths.import(consultation.slug));
}

function draftAction(event: RequestEvent, act: (versionId: number) => void) {
	const consultation = loadConsultation(event, event.params.slug);
	requireCommittee(event, consultation);
	const draft = pendingDraft(getDb(), consultation.id);
	if (!draft) return fail(404, { errors: { form: event.locals.t('errors.versionNotFound') } });
	try {
		act(draft.id);
	} catch (e) {
		if (e instanceof DraftError) return fail(409, { errors: { form: event.locals.t(e.code) } });
		throw e;
	}
	return null;
}

export const actions: Actions = postRedirectGet({
	preview: async (event) => {
		const consultation = loadConsultation(event, event.params.slug);
		requireCommittee(event, consultation);
		const result = await submission(event, consultation);
		if ('failure' in result) return result.failure;
		return { values: result.echo, preview: result.preview };
	},
	publish: (event) => importAs(event, true),
	saveDraft: (event) => importAs(event, false),
	publishDraft: (event) => {
		const failure = draftAction(event, (id) => publishVersion(getDb(), id));
		if (failure) return failure;
		redirect(303, paths.consultation(event.params.slug));
	},
	discardDraft: (event) => {
		const failure = draftAction(event, (id) => discardDraft(getDb(), id));
		if (failure) return failure;
		return { discarded: true };
	}
});
