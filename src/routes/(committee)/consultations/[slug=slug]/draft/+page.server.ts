import { fail, redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import type { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireCommittee, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { currentVersion } from '$lib/server/consultations/service';
import { discardDraft, DraftError, pendingDraft, pendingDraftView, publishVersion } from '$lib/server/drafts/service';
import { addDraftClause, editDraftClause, moveDraftClause, removeDraftClause, setDraftNote, startDraft } from '$lib/server/drafts/editing';
import { addClauseInput, editClauseInput, moveInput, noteInput, removeInput } from '$lib/server/drafts/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
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

/**
 * Runs one change on the pending draft: authorised, validated, and refused with a translated
 * message (next to the clause it concerns) when the draft rules say no.
 */
async function onDraft<S extends z.ZodType>(event: RequestEvent, schema: S, change: (draftId: number, input: z.output<S>) => unknown) {
	const consultation = loadConsultation(event, event.params.slug);
	requireCommittee(event, consultation);
	const values = formValues(await readForm(event));
	const target = String(values.key ?? values.form ?? 'form');
	const input = validate(event, schema, values);
	if (!input.ok) return fail(400, { target, values, errors: input.errors });
	const draft = pendingDraft(getDb(), consultation.id);
	if (!draft) return fail(404, { target, values, errors: { form: event.locals.t('errors.versionNotFound') } });
	try {
		change(draft.id, input.data);
	} catch (e) {
		if (e instanceof DraftError) return fail(409, { target, values, errors: { form: event.locals.t(e.code) } });
		throw e;
	}
	return { target, saved: true };
}

export const actions: Actions = postRedirectGet({
	start: (event) => {
		const user = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		requireCommittee(event, consultation);
		try {
			startDraft(getDb(), consultation.id, consultation.sourceLanguage, user.id);
		} catch (e) {
			if (e instanceof DraftError) return fail(409, { target: 'form', errors: { form: event.locals.t(e.code) } });
			throw e;
		}
		return { target: 'form', started: true };
	},
	save: (event) =>
		onDraft(event, editClauseInput, (id, input) =>
			editDraftClause(getDb(), id, input.key, { ...input, affectsTranslations: !input.minor })
		),
	add: (event) => onDraft(event, addClauseInput, (id, input) => addDraftClause(getDb(), id, input)),
	remove: (event) => onDraft(event, removeInput, (id, input) => removeDraftClause(getDb(), id, input.key)),
	move: (event) => onDraft(event, moveInput, (id, input) => moveDraftClause(getDb(), id, input.key, input.by)),
	note: (event) => onDraft(event, noteInput, (id, input) => setDraftNote(getDb(), id, input.note)),
	publish: async (event) => {
		// The change note and the publication land together or not at all.
		const result = await onDraft(event, noteInput, (id, input) =>
			getDb().transaction((tx) => {
				setDraftNote(tx, id, input.note);
				publishVersion(tx, id);
			})
		);
		if ('saved' in result) redirect(303, paths.consultation(event.params.slug));
		return result;
	},
	discard: async (event) => {
		const result = await onDraft(event, noteInput, (id) => discardDraft(getDb(), id));
		if ('saved' in result) redirect(303, paths.consultation(event.params.slug));
		return result;
	}
});
