// Every request passes through: body size limit, session, locale, security headers.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db';
import { migrateDatabase } from '$lib/server/db/migrate';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, isSecureContext, setSessionCookie } from '$lib/server/auth/cookies';
import { detectLocale, LOCALE_COOKIE } from '$lib/server/i18n/detect';
import { CATALOGS } from '$lib/server/i18n/catalogs';
import { createTranslator } from '$lib/i18n/translator';
import { UI_LOCALES } from '$lib/i18n/locales';
import { bodyLimitFor, tooLargeResponse } from '$lib/server/http/limits';
import { announceDemo, demoMode, seedDemoIfEmpty } from '$lib/server/demo/startup';

export const init: ServerInit = async () => {
	const db = getDb();
	migrateDatabase(db);
	if (demoMode()) {
		await seedDemoIfEmpty(db);
		announceDemo(db);
	}
};

const session: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = validateSessionToken(getDb(), token);
		if (session) {
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event.cookies, event.url);
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
	event.locals.t = createTranslator(ui.code, CATALOGS[ui.code]);
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

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
	if (isSecureContext(event.url) && event.url.protocol === 'https:') {
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};

export const handle = sequence(session, locale, bodyLimit, securityHeaders);
