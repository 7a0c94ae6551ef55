import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';
import { paths } from '$lib/paths';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, paths.home());
	return {};
};

export const actions: Actions = postRedirectGet({
	default: ({ locals, cookies, url }) => {
		if (locals.session) invalidateSession(getDb(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, paths.home());
	}
});
