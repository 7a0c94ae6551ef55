// The translator's page for the consultation's texts other than clauses (title, description,
// version notes, committee responses, liaison key points and channel descriptions): each text's
// source beside its translation, what changed since an outdated one, one form per text.
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireTranslator } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { MARKDOWN_KINDS, setTextTranslation, sourceHash, textWorklist, TextTranslationError } from '$lib/server/translations/texts';
import { translationProgress } from '$lib/server/translations/service';
import { currentVersion } from '$lib/server/consultations/service';
import { renderMarkdown } from '$lib/server/markdown';
import { wordDiff } from '$lib/server/versions/diff';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import { postRedirectGet } from '$lib/server/http/flash';
import { multiLine } from '$lib/server/validation';
import { TEXT_KINDS } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

const textInput = z.object({
	kind: z.enum(TEXT_KINDS),
	subject: z.coerce.number().int().positive(),
	part: z.coerce.number().int().min(0),
	source: z.string().max(64),
	// The per-kind limit is the service's (MAX_TEXT_CHARS); this one only bounds what is read.
	text: multiLine(20_000).refine((s) => s.trim().length > 0, { error: 'errors.required' })
});

/** The id of a text's form, its error summary (`…-errors`) and its confirmation (`…-result`). */
const formId = (kind: string, subject: number, part: number) => `text-${kind}-${subject}-${part}`;

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const consultation = loadConsultation(event, event.params.slug);
	const language = event.params.lang;
	requireTranslator(event, consultation, language);
	const version = currentVersion(db, consultation.id);
	const rank = { outdated: 0, missing: 1, current: 2 } as const;
	const items = textWorklist(db, consultation.id, language)
		.map((item, position) => ({ item, position }))
		// What needs work first (outdated, then missing), each in reading order.
		.sort((a, b) => rank[a.item.status] - rank[b.item.status] || a.position - b.position)
		.map(({ item }) => {
			const markdown = MARKDOWN_KINDS.includes(item.kind);
			return {
				id: formId(item.kind, item.subjectId, item.part),
				kind: item.kind,
				subjectId: item.subjectId,
				part: item.part,
				status: item.status,
				version: item.version,
				clauseLabel: item.clauseLabel,
				community: item.community,
				source: { language: item.language, text: item.text, html: markdown ? renderMarkdown(item.text) : null, hash: sourceHash(item.text) },
				markdown,
				translation: item.translation,
				/** What changed in the source since the outdated translation was made. */
				changes: item.translatedFrom !== null ? wordDiff(item.translatedFrom, item.text, item.language) : null
			};
		});
	return {
		consultation: publicConsultation(consultation, event),
		language,
		progress: version ? translationProgress(db, version.id, [language])[0] : null,
		items
	};
};

export const actions: Actions = postRedirectGet({
	save: async (event) => {
		const consultation = loadConsultation(event, event.params.slug);
		requireTranslator(event, consultation, event.params.lang);
		const user = event.locals.user!;
		const t = event.locals.t;
		const values = formValues(await readForm(event));
		const input = validate(event, textInput, values);
		const action = input.ok ? formId(input.data.kind, input.data.subject, input.data.part) : formIdOf(values);
		if (!input.ok) return fail(400, { action, values, errors: input.errors });
		try {
			setTextTranslation(getDb(), {
				consultationId: consultation.id,
				kind: input.data.kind,
				subjectId: input.data.subject,
				part: input.data.part,
				language: event.params.lang,
				text: input.data.text,
				translatorId: user.id,
				sourceHash: input.data.source
			});
		} catch (e) {
			if (e instanceof TextTranslationError) {
				if (e.code === 'errors.textNotFound') error(404, t('errors.textNotFound'));
				const status = e.code === 'errors.textSourceChanged' ? 409 : 400;
				return fail(status, { action, values, errors: { [e.code === 'errors.textSourceChanged' ? 'form' : 'text']: t(e.code) } });
			}
			throw e;
		}
		return { action, saved: true };
	}
});

/** The form a refused post came from, as well as its fields say. */
function formIdOf(values: Record<string, unknown>): string {
	const id = formId(asText(values.kind), Number(values.subject), Number(values.part));
	return /^text-[a-z-]+-\d+-\d+$/.test(id) ? id : 'form';
}
