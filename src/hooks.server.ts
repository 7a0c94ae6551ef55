// Every request passes through: security headers, session, locale, API rate limit, page cache, body size limit.
import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
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
import { getPageCache } from '$lib/server/http/cache';
import { isStorable, wantsFresh, type CachedPage } from '$lib/server/http/page-cache';
import { setCacheHeaders } from '$lib/server/http/cache-headers';
import { hasFlashCookie } from '$lib/server/http/flash';

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

/**
 * Serves a page again while nothing it was made from can have changed (src/lib/server/http/page-cache.ts);
 * any request that may write empties the cache once it is answered.
 */
const pageCache: Handle = async ({ event, resolve }) => {
	const cache = getPageCache();
	const method = event.request.method;
	if (!cache || method === 'HEAD') return resolve(event);
	if (method !== 'GET') {
		event.locals.cachePurge = false;
		try {
			return await resolve(event);
		} finally {
			if (addsFeedback(event) && !event.locals.cachePurge) cache.invalidate();
			else cache.purge();
		}
	}
	// A page carrying a form post's one-time answer (http/flash.ts) is made for that request only.
	if (event.locals.sessionCookieChanged || hasFlashCookie(event)) return resolve(event);
	const visitor = !event.locals.session;
	// The address as requested: SvelteKit takes `/__data.json` and `x-sveltekit-invalidated` out of
	// event.url, but a page and its data (or data with other layouts reloaded) are different answers.
	// Not the Accept header: no route here has both a page and an endpoint, so it changes nothing.
	const requested = new URL(event.request.url);
	const key = [
		event.locals.session?.id ?? '-',
		event.locals.locale,
		event.isDataRequest ? 'data' : 'page',
		requested.pathname + requested.search
	].join(' ');
	if (!wantsFresh(event.request)) {
		const hit = cache.get(key);
		if (hit) return cachedResponse(hit);
		// Visitors asking for the same page at once wait for one rendering of it.
		const pending = visitor ? visitorRenderings.get(key) : undefined;
		const shared = pending && (await pending);
		if (shared) return cachedResponse(shared);
	}
	// The first visitor to miss renders the page; others asking for it meanwhile wait for that.
	const rendering = visitor && !visitorRenderings.has(key) ? deferred<CachedPage | null>() : undefined;
	if (rendering) visitorRenderings.set(key, rendering.promise);
	let page: CachedPage | null = null;
	try {
		const stamp = cache.stamp();
		const response = await resolve(event);
		if (!isStorable(response)) return response;
		const made = { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
		if (cache.set(key, stamp, made, Date.now(), visitor)) page = made;
		return new Response(made.body, { status: response.status, headers: response.headers });
	} finally {
		if (rendering) {
			visitorRenderings.delete(key);
			rendering.resolve(page);
		}
	}
};

/** Visitors' pages being rendered now, by cache key (pageCache). */
const visitorRenderings = new Map<string, Promise<CachedPage | null>>();

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((settle) => (resolve = settle));
	return { promise, resolve };
}

function cachedResponse(page: CachedPage): Response {
	const headers = new Headers(page.headers);
	headers.set('x-polyphony-cache', 'hit');
	return new Response(page.body, { status: page.status, headers });
}

/**
 * The clause page's stance and comment actions add to the feedback (or move a stance): after them
 * visitors may see a page a few seconds old — unless the action set `locals.cachePurge` because it
 * took public text away (a public reason changed, removed or made committee-only). Everything else —
 * withdrawals, moderation, edits, deletions, settings, publishing — purges every cached page at once.
 */
function addsFeedback(event: RequestEvent): boolean {
	if (event.route.id !== '/(public)/consultations/[slug=slug]/clauses/[key=key]') return false;
	return /^\?\/(stance|comment)(&|$)/.test(event.url.search);
}

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
