// Chooses the UI locale for a request: the user's preference, then the cookie, then
// Accept-Language, then the default.
import { DEFAULT_LOCALE, isUiLocale, localeFromAcceptLanguage } from '../../i18n/locales';

export const LOCALE_COOKIE = 'polyphony_locale';

export function detectLocale(input: {
	userLocale?: string | null;
	cookie?: string | null;
	acceptLanguage?: string | null;
}): string {
	if (isUiLocale(input.userLocale)) return input.userLocale;
	if (isUiLocale(input.cookie)) return input.cookie;
	return localeFromAcceptLanguage(input.acceptLanguage ?? null) ?? DEFAULT_LOCALE;
}
