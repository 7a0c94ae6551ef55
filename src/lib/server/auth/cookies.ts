// The session and known-device cookies: httpOnly, SameSite=Lax, Secure everywhere but on localhost.
// Over https their names carry the `__Host-` prefix: browsers then accept them only with Secure,
// Path=/ and no Domain, so no other site on the domain (a subdomain) can set or overwrite them.
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
export const KNOWN_DEVICE_COOKIE = 'polyphony_device';

export function isSecureContext(url: URL): boolean {
	return !LOCAL_HOSTS.has(url.hostname);
}

/**
 * The name a cookie has on this site: `__Host-name` over https, `name` over plain http (browsers
 * refuse the prefix there). Only that name is read: over https a plain-named cookie could have been
 * set by another site on the domain.
 */
export function cookieName(name: string, url: URL): string {
	return url.protocol === 'https:' ? `__Host-${name}` : name;
}

function options(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' || isSecureContext(url) } as const;
}

export function readSessionCookie(cookies: Cookies, url: URL): string | undefined {
	return cookies.get(cookieName(SESSION_COOKIE, url));
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(cookieName(SESSION_COOKIE, url), token, { ...options(url), expires: new Date(expiresAt) });
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(cookieName(SESSION_COOKIE, url), options(url));
}

export function readKnownDeviceCookie(cookies: Cookies, url: URL): string | undefined {
	return cookies.get(cookieName(KNOWN_DEVICE_COOKIE, url));
}

export function setKnownDeviceCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(cookieName(KNOWN_DEVICE_COOKIE, url), token, { ...options(url), expires: new Date(expiresAt) });
}
