import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requireTranslator } from '$lib/server/auth/guards';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { readClause, upsertTranslation } from '$lib/server/clauses/service';
import { translatedFrom, translationWorklist } from '$lib/server/translations/service';
import { renderMarkdown } from '$lib/server/markdown';
import { wordDiff } from '$lib/server/versions/diff';
import { diffMarkLabels, renderedDiff, withSpokenMarks } from '$lib/server/versions/rendered-diff';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { MAX_BODY_CHARS, MAX_HEADING_CHARS } from '$lib/server/drafts/parse';
import { multiLine, singleLine } from '$lib/server/validation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

const translationInput = z.object({
	revision: z.coerce.number().int().positive(),
	heading: singleLine(MAX_HEADING_CHARS, 'errors.tooLong', { directionControls: 'balance' }),
	body: multiLine(MAX_BODY_CHARS).refine((s) => s.length > 0, { error: 'errors.required' })
});

function target(event: RequestEvent) {
	const ctx = consultationContext(event, event.params.slug);
	requireTranslator(event, ctx.consultation, event.params.lang);
	if (!ctx.version) error(404, event.locals.t('errors.versionNotFound'));
	const clause = readClause(getDb(), ctx.version.id, event.params.key, ctx.consultation.sourceLanguage, event.params.lang);
	if (!clause) error(404, event.locals.t('errors.clauseNotFound'));
	return { ...ctx, clause };
}

export const load: PageServerLoad = (event) => {
	const { consultation, version, clause } = target(event);
	const language = event.params.lang;
	const db = getDb();
	const before = clause.translation?.outdated ? translatedFrom(db, clause.revisionId, language) : null;
	const worklist = translationWorklist(db, version!.id, language);
	const next = worklist.find((w, i) => i > clause.position && w.status !== 'current') ?? worklist.find((w) => w.status !== 'current' && w.key !== clause.key);
	return {
		consultation: publicConsultation(consultation, event),
		versionNumber: version!.number,
		language,
		clause: {
			revisionId: clause.revisionId,
			key: clause.key,
			label: clause.label,
			source: { ...clause.original, html: renderMarkdown(clause.original.body) },
			translation: clause.translation,
			/** What changed in the source since the outdated translation was made. */
			sourceChanges: before
				? {
						heading: wordDiff(before.heading, clause.original.heading, consultation.sourceLanguage),
						// Formatted, as readers see it; the Markdown itself is under "Markdown source".
						bodyHtml: withSpokenMarks(
							renderedDiff(before.body, clause.original.body, consultation.sourceLanguage),
							diffMarkLabels(event.locals.t, event.locals.locale, event.locals.dir)
						)
					}
				: null
		},
		next: next ? { key: next.key, label: next.label } : null
	};
};

export const actions: Actions = postRedirectGet({
	default: async (event) => {
		const { clause } = target(event);
		const user = event.locals.user!;
		const values = formValues(await readForm(event));
		const input = validate(event, translationInput, values);
		if (!input.ok) return fail(400, { values, errors: input.errors });
		if (input.data.revision !== clause.revisionId) {
			return fail(409, { values, errors: { form: event.locals.t('errors.revisionNotCurrent') } });
		}
		upsertTranslation(getDb(), {
			revisionId: clause.revisionId,
			language: event.params.lang,
			heading: input.data.heading,
			body: input.data.body,
			translatorId: user.id
		});
		return { saved: true };
	}
});
