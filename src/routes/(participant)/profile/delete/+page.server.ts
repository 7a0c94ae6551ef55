import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { authenticate } from '$lib/server/accounts/service';
import { deleteAccount, deleteAccountInput, LastAdminError } from '$lib/server/accounts/deletion';
import { deletionPreview } from '$lib/server/accounts/personal-data';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { loginAttempt, loginFailed, loginSucceeded } from '$lib/server/ratelimit';
import { clientAddress, refuse } from '$lib/server/ratelimit/http';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';
import { paths } from '$lib/paths';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { preview: deletionPreview(getDb(), user.id) };
};

export const actions: Actions = postRedirectGet({
	/** Irreversible: the password and a ticked confirmation box are both required. */
	default: async (event) => {
		const user = requireUser(event);
		const t = event.locals.t;
		const values = formValues(await readForm(event));
		const echo = { comments: values.comments === 'delete' ? 'delete' : 'keep' };
		const input = validate(event, deleteAccountInput, values);
		if (!input.ok) return fail(400, { values: echo, errors: input.errors });
		// The password check counts as a log-in attempt, so it cannot be used to guess passwords.
		const address = clientAddress(event);
		const attempt = loginAttempt(user.username, address);
		if (!attempt.ok) return refuse(event, attempt, { values: echo }, 'errors.loginThrottled');
		if (!(await authenticate(getDb(), user.username, input.data.password))) {
			loginFailed(user.username, address);
			return fail(400, { values: echo, errors: { password: t('errors.currentPasswordWrong') } });
		}
		loginSucceeded(user.username, address);
		try {
			deleteAccount(getDb(), { userId: user.id, comments: input.data.comments });
		} catch (e) {
			if (e instanceof LastAdminError) return fail(409, { values: echo, errors: { form: t(e.code) } });
			throw e;
		}
		// Its sessions went with the user row; the browser forgets this one.
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, paths.accountDeleted({ comments: input.data.comments }));
	}
});
