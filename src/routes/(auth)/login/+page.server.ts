import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { authenticate } from '$lib/server/accounts/service';
import { logInInput } from '$lib/server/accounts/schemas';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { startSession } from '$lib/server/auth/login';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import type { FieldErrors } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await readForm(event));
		const redirectTo = safeRedirectTarget(String(values.redirectTo ?? '/'));
		const username = String(values.username ?? '');
		const input = validate(event, logInInput, values);
		if (!input.ok) return fail(400, { username, errors: input.errors });
		const user = await authenticate(getDb(), input.data.username, input.data.password);
		// One message whether the username exists or not.
		if (!user) return fail(400, { username, errors: { form: event.locals.t('errors.loginFailed') } as FieldErrors });
		startSession(event, user.id);
		redirect(303, redirectTo);
	}
};
