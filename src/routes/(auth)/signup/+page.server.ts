import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signUp, UsernameTakenError } from '$lib/server/accounts/service';
import { signUpInput } from '$lib/server/accounts/schemas';
import { startSession } from '$lib/server/auth/login';
import { setWelcome } from '$lib/server/auth/welcome';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { fieldText } from '$lib/server/form-fields';
import { clientAddress, limitOr429 } from '$lib/server/ratelimit/http';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';
import { chosenLanguages, echoLanguages } from '$lib/server/accounts/language-fields';
import { languageOptions } from '$lib/i18n/languages';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	// The language list by name, in the interface's language (i18n/languages.ts).
	return { redirectTo, suggestedLanguages: locals.locale, languageOptions: languageOptions(locals.locale) };
};

export const actions: Actions = postRedirectGet({
	default: async (event) => {
		const form = await readForm(event);
		// Home language, boxes ticked, codes typed — or the ordered list the enhanced picker posts.
		const values = { ...formValues(form), languages: chosenLanguages(form) };
		const echo = {
			username: fieldText(form, 'username'),
			displayName: fieldText(form, 'displayName'),
			languages: echoLanguages(form),
			affiliation: fieldText(form, 'affiliation')
		};
		const input = validate(event, signUpInput, values);
		if (!input.ok) return fail(400, { values: echo, errors: input.errors });
		// Counted once the form is valid: a person correcting mistakes is not held back.
		const limited = limitOr429(event, 'signup', clientAddress(event), { values: echo });
		if (limited) return limited;
		try {
			const user = await signUp(getDb(), input.data);
			startSession(event, user);
			setWelcome(event.cookies, event.url);
		} catch (e) {
			if (e instanceof UsernameTakenError) {
				return fail(400, { values: echo, errors: { username: event.locals.t('errors.usernameTaken') } });
			}
			throw e;
		}
		redirect(303, safeRedirectTarget(fieldText(form, 'redirectTo', '/')));
	}
});
