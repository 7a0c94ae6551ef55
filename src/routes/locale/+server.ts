// Sets the UI locale: remembered in a cookie, and on the profile of a signed-in user.
import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { setUserLocale } from '$lib/server/accounts/service';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { LOCALE_COOKIE } from '$lib/server/i18n/detect';
import { isSecureContext } from '$lib/server/auth/cookies';
import { isUiLocale } from '$lib/i18n/locales';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	const target = safeRedirectTarget(String(form.get('redirectTo') ?? '/'));
	if (isUiLocale(locale)) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: isSecureContext(url),
			maxAge: 60 * 60 * 24 * 365
		});
		if (locals.user) setUserLocale(getDb(), locals.user.id, locale);
	}
	redirect(303, target);
};
