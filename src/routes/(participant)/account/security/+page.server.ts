import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { invalidateOtherSessions, invalidateUserSession, listUserSessions } from '$lib/server/auth/session';
import { describeUserAgent } from '$lib/server/auth/user-agent';
import { changePassword } from '$lib/server/accounts/security';
import { passwordChangeInput } from '$lib/server/accounts/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { fieldText } from '$lib/server/form-fields';
import { loginAttempt, loginFailed, loginSucceeded } from '$lib/server/ratelimit';
import { clientAddress, refuse } from '$lib/server/ratelimit/http';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const currentId = event.locals.session?.id;
	return {
		sessions: listUserSessions(getDb(), user.id).map((s) => ({
			id: s.id,
			current: s.id === currentId,
			createdAt: s.createdAt,
			lastSeenAt: s.lastSeenAt ?? s.createdAt,
			...describeUserAgent(s.userAgent)
		}))
	};
};

export const actions: Actions = postRedirectGet({
	/** A new password: the current one is checked (and counts as a log-in attempt); other sessions end. */
	password: async (event) => {
		const user = requireUser(event);
		const t = event.locals.t;
		const input = validate(event, passwordChangeInput, formValues(await readForm(event)));
		if (!input.ok) return fail(400, { action: 'password', errors: input.errors });
		const address = clientAddress(event);
		const attempt = loginAttempt(user.username, address);
		if (!attempt.ok) return refuse(event, attempt, { action: 'password' }, 'errors.loginThrottled');
		const result = await changePassword(getDb(), {
			userId: user.id,
			currentPassword: input.data.currentPassword,
			newPassword: input.data.newPassword,
			keepSessionId: event.locals.session!.id
		});
		if (!result.changed) {
			loginFailed(user.username, address);
			return fail(400, { action: 'password', errors: { currentPassword: t('errors.currentPasswordWrong') } });
		}
		loginSucceeded(user.username, address);
		return { action: 'password', changed: true };
	},

	/** Ends one of the person's other sessions (this one ends by logging out). */
	revoke: async (event) => {
		const user = requireUser(event);
		const id = fieldText(await readForm(event), 'session');
		const ended = /^[0-9a-f]{64}$/.test(id) && id !== event.locals.session?.id && invalidateUserSession(getDb(), user.id, id);
		if (!ended) return fail(404, { action: 'sessions', errors: { form: event.locals.t('errors.sessionNotFound') } });
		return { action: 'sessions', revoked: true };
	},

	revokeOthers: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		invalidateOtherSessions(getDb(), user.id, event.locals.session!.id);
		return { action: 'sessions', revokedOthers: true };
	}
});
