import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { authenticate } from '$lib/server/accounts/service';
import { logInInput } from '$lib/server/accounts/schemas';
import { readKnownDeviceCookie } from '$lib/server/auth/cookies';
import { knownDeviceFor } from '$lib/server/auth/known-device';
import { startSession } from '$lib/server/auth/login';
import { demoAccountRefused } from '$lib/server/demo/mode';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { loginAttempt, loginFailed, loginSucceeded } from '$lib/server/ratelimit';
import { clientAddress, refuse } from '$lib/server/ratelimit/http';
import type { FieldErrors } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = postRedirectGet({
	default: async (event) => {
		const values = formValues(await readForm(event));
		const redirectTo = safeRedirectTarget(String(values.redirectTo ?? '/'));
		const username = String(values.username ?? '');
		const input = validate(event, logInInput, values);
		if (!input.ok) return fail(400, { username, errors: input.errors });
		// Per account (existing or not: the answer must not tell) — or per device, from a browser that
		// logged in to this account before (auth/known-device.ts) — and per address, with a delay
		// that grows with each failure; checked before the costly password hash.
		const address = clientAddress(event);
		const device = knownDeviceFor(getDb(), readKnownDeviceCookie(event.cookies, event.url), input.data.username);
		const attempt = loginAttempt(input.data.username, address, Date.now(), device);
		if (!attempt.ok) return refuse(event, attempt, { username }, 'errors.loginThrottled');
		const user = await authenticate(getDb(), input.data.username, input.data.password);
		// One message whether the username exists or not — or is a demo account outside demo mode,
		// whose password is public (the server's console says why at start-up).
		if (!user || demoAccountRefused(user)) {
			loginFailed(input.data.username, address, Date.now(), device);
			const errors: FieldErrors = { form: event.locals.t('errors.loginFailed') };
			return fail(400, { username, errors });
		}
		loginSucceeded(input.data.username, address, device);
		startSession(event, user);
		redirect(303, redirectTo);
	}
});
