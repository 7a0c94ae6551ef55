// The one-time "what you can do here" note after signing up: the sign-up action sets a short-lived
// cookie, and the first page rendered afterwards (the page the person came from, through
// redirectTo) shows the note and deletes the cookie, so a reload no longer shows it. A cookie
// rather than a query parameter: nothing to remove from the address, and a page that sets or
// deletes a cookie is never kept in the page cache (http/page-cache.ts).
import type { Cookies } from '@sveltejs/kit';
import { cookieName, isSecureContext } from './cookies';

export const WELCOME_COOKIE = 'polyphony_welcome';
/** Long enough for the redirect after signing up, short enough not to greet someone days later. */
const WELCOME_SECONDS = 10 * 60;

function options(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' || isSecureContext(url) } as const;
}

export function setWelcome(cookies: Cookies, url: URL): void {
	cookies.set(cookieName(WELCOME_COOKIE, url), '1', { ...options(url), maxAge: WELCOME_SECONDS });
}

/** Whether this page should show the note; deletes the cookie when it does (shown once). */
export function takeWelcome(cookies: Cookies, url: URL): boolean {
	const name = cookieName(WELCOME_COOKIE, url);
	if (cookies.get(name) === undefined) return false;
	cookies.delete(name, options(url));
	return true;
}
