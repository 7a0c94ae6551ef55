// The session cookie: httpOnly, SameSite=Lax, Secure everywhere but on localhost.
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isSecureContext(url: URL): boolean {
	return !LOCAL_HOSTS.has(url.hostname);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureContext(url),
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureContext(url) });
}
