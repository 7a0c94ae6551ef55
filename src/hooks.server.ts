// Every request passes through: security headers, session, locale, API rate limit, page cache, body size limit.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { batchedWrite, getDb } from '$lib/server/db';
import { openCheckedDatabase, refuseToStart } from '$lib/server/db/startup';
import { configureLimits } from '$lib/server/ratelimit';
import { apiLimitOr429, clientAddress } from '$lib/server/ratelimit/http';
import { invalidateSession, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, isSecureContext, readSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { detectLocale, LOCALE_COOKIE } from '$lib/server/i18n/detect';
import { CATALOGS } from '$lib/server/i18n/catalogs';
import { translatorFor } from '$lib/i18n/translator';
import { UI_LOCALES } from '$lib/i18n/locales';
import { bodyLimitFor, tooLargeResponse } from '$lib/server/http/limits';
import { demoAtStartup } from '$lib/server/demo/startup';
import { demoAccountRefused } from '$lib/server/demo/mode';
import { pageCache } from '$lib/server/http/page-cache-hook';
import { setCacheHeaders } from '$lib/server/http/cache-headers';

/** Checks the database and the settings first: on a broken file or setting, stops with a clear message and exit code 1. */
export const init: ServerInit = async () => {
	try {
		configureLimits();
		const db = openCheckedDatabase();
		await demoAtStartup(db);
	} catch (e) {
		refuseToStart(e);
	}
};

/** A session's expiry and last-seen date ride along with the next group commit, unawaited. */
function deferSessionWrite(write: () => void): void {
	batchedWrite(write).catch((e) => console.error('Could not record session use:', e));
}

const session: Handle = async ({ event, resolve }) => {
	const token = readSessionCookie(event.cookies, event.url);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.sessionCookieChanged = false;
	if (token) {
		const { session, user, renewed } = validateSessionToken(getDb(), token, Date.now(), deferSessionWrite);
		// A demo account's session (its password is public) ends once demo mode is off.
		if (session && demoAccountRefused(user)) invalidateSession(getDb(), session.id);
		if (session && !demoAccountRefused(user)) {
			// The cookie expires with the session: set it again only when the expiry slid forward.
			if (renewed) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			event.locals.user = user;
			event.locals.session = session;
			event.locals.sessionCookieChanged = renewed;
		} else {
			deleteSessionCookie(event.cookies, event.url);
			event.locals.sessionCookieChanged = true;
		}
	}
	return resolve(event);
};

const locale: Handle = async ({ event, resolve }) => {
	const code = detectLocale({
		userLocale: event.locals.user?.locale,
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	const ui = UI_LOCALES.find((l) => l.code === code)!;
	event.locals.locale = ui.code;
	event.locals.dir = ui.dir;
	event.locals.t = translatorFor(ui.code, CATALOGS[ui.code]);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%polyphony.lang%', ui.code).replace('%polyphony.dir%', ui.dir)
	});
};

/** Refuses bodies over the route's limit before anything reads them. */
const bodyLimit: Handle = async ({ event, resolve }) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > bodyLimitFor(event.url.pathname)) return tooLargeResponse(event);
	return resolve(event);
};

/** The JSON API, per client address (RATE_LIMIT_API): 429 with Retry-After, in the caller's language. */
const apiLimit: Handle = async ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/')) {
		const limited = apiLimitOr429(event, 'api', clientAddress(event));
		if (limited) return limited;
	}
	return resolve(event);
};

/**
 * First in the chain, so that every answer carries them — cached pages and early refusals (413, 429)
 * too — and so that `Cache-Control` is set after the page cache kept a page (http/cache-headers.ts).
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	const locals = event.locals;
	setCacheHeaders(headers, Boolean(locals.session || locals.user || locals.sessionCookieChanged || headers.has('set-cookie')));
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Cross-Origin-Resource-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	if (isSecureContext(event.url) && event.url.protocol === 'https:') {
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};

export const handle = sequence(securityHeaders, session, locale, apiLimit, pageCache, bodyLimit);
