// "Waiting for translation" into one language: feedback in the consultation's other languages that
// no one has translated into it yet, most discussed first, with a form to translate each item here.
// Open to anyone signed in who reads this language and another of the consultation's, and to its
// translators, liaisons and the committee (translations/waiting.ts).
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { waitingForTranslation, waitingLanguagesFor } from '$lib/server/translations/waiting';
import { MAX_TRANSLATION_CHARS } from '$lib/server/comments/translations';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import { postRedirectGet } from '$lib/server/http/flash';
import { participationFailure } from '$lib/server/http/participation';
import { translateWaitingItem } from '$lib/server/participation';
import { multiLine } from '$lib/server/validation';
import type { Consultation } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

const translateInput = z.object({
	kind: z.enum(['comment', 'reason', 'quote'], { error: 'errors.invalid' }),
	id: z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' }),
	body: multiLine(MAX_TRANSLATION_CHARS, 'errors.translationTooLong').refine((s) => s.length > 0, { error: 'errors.translationEmpty' })
});

/** Who may open this language's page: 404 for a language the consultation does not run in, 403 for others. */
function waitingReader(event: RequestEvent, consultation: Consultation, language: string) {
	const user = requireUser(event);
	if (!consultation.languages.includes(language)) error(404, event.locals.t('errors.languageNotInConsultation'));
	const permissions = permissionsIn(event, consultation);
	const allowed =
		permissions.committee ||
		permissions.translatorFor.includes(language) ||
		permissions.liaisonFor.includes(language) ||
		waitingLanguagesFor(user.languages, consultation.languages).includes(language);
	if (!allowed) error(403, event.locals.t('errors.waitingForbidden'));
	return { user, permissions };
}

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	const language = event.params.lang;
	const { user, permissions } = waitingReader(event, consultation, language);
	const page = Math.max(1, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1);
	return {
		consultation: publicConsultation(consultation, event),
		language,
		list: waitingForTranslation(getDb(), consultation.id, language, { committee: permissions.committee, page }),
		// The languages the reader may translate from (a form is shown on those items only).
		reads: user.languages,
		open: consultation.status === 'open',
		// The other waiting pages this reader may open.
		otherLanguages: consultation.languages.filter(
			(l) =>
				l !== language &&
				(permissions.committee || permissions.translatorFor.includes(l) || permissions.liaisonFor.includes(l) || waitingLanguagesFor(user.languages, consultation.languages).includes(l))
		)
	};
};

export const actions: Actions = postRedirectGet({
	/** A translation of one listed item into this page's language, by someone who reads both. */
	translate: async (event) => {
		const consultation = loadConsultation(event, event.params.slug);
		const language = event.params.lang;
		const { user } = waitingReader(event, consultation, language);
		const values = formValues(await readForm(event));
		const id = asText(values.id);
		const formId = /^\d{1,12}$/.test(id) ? `translate-${values.kind === 'comment' || values.kind === 'reason' || values.kind === 'quote' ? values.kind : 'item'}-${id}` : 'translate';
		const input = validate(event, translateInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		try {
			translateWaitingItem(getDb(), user, { consultation, kind: input.data.kind, id: input.data.id, language, body: input.data.body });
		} catch (e) {
			// The form has no language field: the page is the language.
			return participationFailure(event, e, { action: formId, values }, ['body']);
		}
		// The item leaves the list: the page opens at the confirmation above it.
		return { action: 'translate', translated: formId, anchor: 'translate-result' };
	}
});
