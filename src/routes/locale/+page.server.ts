// Sets the UI locale: remembered in a cookie, and on the profile of a signed-in user.
import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { setUserLocale } from '$lib/server/accounts/service';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { isSecureContext } from '$lib/server/auth/cookies';
import { LOCALE_COOKIE } from '$lib/server/i18n/detect';
import { readForm } from '$lib/server/http/forms';
import { fieldText } from '$lib/server/form-fields';
import { isUiLocale } from '$lib/i18n/locales';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = ({ url }) => ({ redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo')) });

export const actions: Actions = postRedirectGet({
	default: async (event) => {
		const form = await readForm(event);
		const locale = fieldText(form, 'locale');
		if (isUiLocale(locale)) {
			event.cookies.set(LOCALE_COOKIE, locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				secure: isSecureContext(event.url),
				maxAge: 60 * 60 * 24 * 365
			});
			if (event.locals.user) setUserLocale(getDb(), event.locals.user.id, locale);
		}
		redirect(303, safeRedirectTarget(fieldText(form, 'redirectTo', '/')));
	}
});
