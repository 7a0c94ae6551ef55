import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { updateProfile } from '$lib/server/accounts/service';
import { profileInput } from '$lib/server/accounts/schemas';
import { requireUser } from '$lib/server/auth/guards';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { fieldText } from '$lib/server/form-fields';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';
import { chosenLanguages, echoLanguages } from '$lib/server/accounts/language-fields';
import { languageOptions } from '$lib/i18n/languages';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		profile: {
			username: user.username,
			displayName: user.displayName,
			languages: user.languages.join(', '),
			affiliation: user.affiliation
		},
		// The language list by name, in the interface's language (i18n/languages.ts).
		languageOptions: languageOptions(event.locals.locale)
	};
};

export const actions: Actions = postRedirectGet({
	default: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event);
		const echo = {
			displayName: fieldText(form, 'displayName'),
			languages: echoLanguages(form),
			affiliation: fieldText(form, 'affiliation')
		};
		const input = validate(event, profileInput, { ...formValues(form), languages: chosenLanguages(form) });
		if (!input.ok) return fail(400, { values: echo, errors: input.errors });
		updateProfile(getDb(), user.id, input.data);
		return { saved: true };
	}
});
