// Post / redirect / get for form actions. A form posted by a browser without JavaScript is answered
// with 303 to the page it came from, anchored to the result (`#stance`, `#comment-12`, or the error
// summary `#comment-errors`); what the action answered — message, typed values, per-field errors —
// waits in the flash store (flash/store.ts) and reaches the page once, as `form` would have.
// Posts made through use:enhance (they ask for JSON) and clients that are not a browser navigating
// (scripts, the tests' HTTP client: no `Sec-Fetch-Dest: document`) get the action's own answer, as
// before: its status (400, 409, 429 …) and the page rendered with it. See docs/architecture.md.
import { isActionFailure, isHttpError, redirect, type Action, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { putFlash, takeFlash, FLASH_LIFETIME_MS, type FlashPayload } from '../flash/store';
import { cookieName, isSecureContext } from '../auth/cookies';

export const FLASH_COOKIE = 'polyphony_flash';

/** Fields never carried back into a form, whatever an action echoes. */
const SECRET_FIELD = /password/i;

/**
 * A form submitted by the browser itself (no JavaScript, or a form without use:enhance): it asks for
 * HTML and says it navigates. Every browser in use sends Fetch Metadata; one that does not gets the
 * page rendered in place, as before.
 */
export function isBrowserFormPost(event: RequestEvent): boolean {
	const headers = event.request.headers;
	if (event.request.method !== 'POST') return false;
	if (headers.get('x-sveltekit-action') === 'true') return false;
	if (!(headers.get('accept') ?? '').includes('text/html')) return false;
	// A browser says both; Node's fetch always sends `Sec-Fetch-Mode: cors` but passes Dest through.
	return headers.get('sec-fetch-dest') === 'document' || headers.get('sec-fetch-mode') === 'navigate';
}

/** Whether the request carries a flash cookie (the page cache leaves such requests alone). */
export function hasFlashCookie(event: RequestEvent): boolean {
	return Boolean(event.cookies.get(cookieName(FLASH_COOKIE, event.url)));
}

function cookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' || isSecureContext(url) } as const;
}

/**
 * The page the form was on: the Referer when it is this site's (its query kept: `?lang=ar`,
 * `?redirectTo=…`), else the action's own page without the `?/action` parameter.
 */
export function returnTarget(event: RequestEvent): URL {
	const referer = event.request.headers.get('referer');
	if (referer) {
		try {
			const from = new URL(referer);
			if (from.origin === event.url.origin) {
				from.hash = '';
				return from;
			}
		} catch {
			// An unreadable Referer: fall back to the action's page.
		}
	}
	const target = new URL(event.url);
	for (const key of [...target.searchParams.keys()]) if (key.startsWith('/')) target.searchParams.delete(key);
	target.hash = '';
	return target;
}

/**
 * The form an answer belongs to, as the page names it: `data.action` on pages with many forms
 * (`stance`, `reply-12`, `report-7`, `password`), else `form` — the page's one error summary.
 */
function formIdOf(data: Record<string, unknown> | null): string {
	if (data && typeof data.action === 'string' && /^[a-z][a-z0-9-]*$/i.test(data.action)) return data.action;
	return 'form';
}

/**
 * Where the page opens: `data.anchor` when the action names the result (a new comment), else the
 * form's error summary after a failure (`<form>-errors`), else its confirmation (`<form>-result`).
 */
export function anchorOf(data: Record<string, unknown> | null, failed: boolean): string {
	if (data && typeof data.anchor === 'string' && /^[a-z][a-z0-9-]*$/i.test(data.anchor)) return data.anchor;
	const form = formIdOf(data);
	return failed ? `${form}-errors` : `${form}-result`;
}

function withoutSecrets(data: Record<string, unknown> | null): Record<string, unknown> | null {
	if (!data) return data;
	const values = data.values;
	if (!values || typeof values !== 'object' || Array.isArray(values)) return data;
	const kept = Object.fromEntries(Object.entries(values as Record<string, unknown>).filter(([k]) => !SECRET_FIELD.test(k)));
	return { ...data, values: kept };
}

/** Stores the answer and redirects (throws); returns false when it is too large to keep. */
function flashAndRedirect(event: RequestEvent, payload: FlashPayload): false {
	const target = returnTarget(event);
	const data = withoutSecrets(payload.data);
	const token = putFlash(getDb(), { sessionId: event.locals.session?.id ?? null, path: target.pathname, payload: { status: payload.status, data } });
	if (!token) return false;
	event.cookies.set(cookieName(FLASH_COOKIE, event.url), token, { ...cookieOptions(event.url), maxAge: FLASH_LIFETIME_MS / 1000 });
	redirect(303, `${target.pathname}${target.search}#${anchorOf(data, payload.status >= 400)}`);
}

/**
 * Wraps a page's actions: browser form posts are answered 303 with a flash (see the top of this
 * file); thrown redirects and errors pass through, except a 413 (the form was too large), which comes
 * back to the form as its error. Everything else is the action's own answer.
 */
export function postRedirectGet<T extends Record<string, PageAction>>(actions: T): T {
	const wrapped: Record<string, Action> = {};
	for (const [name, pageAction] of Object.entries(actions)) {
		// SvelteKit calls each action with its own page's event, so the page's narrower types hold.
		const action = pageAction as unknown as Action;
		wrapped[name] = async (event) => {
			if (!isBrowserFormPost(event)) return action(event);
			let result: unknown;
			try {
				result = await action(event);
			} catch (e) {
				if (isHttpError(e, 413)) flashAndRedirect(event, { status: 413, data: { action: name, errors: { form: e.body.message } } });
				throw e;
			}
			const payload: FlashPayload = isActionFailure(result)
				? { status: result.status, data: (result.data as Record<string, unknown> | undefined) ?? null }
				: { status: 200, data: (result as Record<string, unknown> | undefined) ?? null };
			flashAndRedirect(event, payload);
			return result;
		};
	}
	return wrapped as unknown as T;
}

/** A page's action, whatever its route's params and its answer (`never`: any event type fits). */
type PageAction = (event: never) => unknown;

/**
 * The flash for this page, read once (root layout load): the action's answer, or null. The cookie
 * goes once its flash is read or found missing; a flash for another page of the session stays.
 */
export function readFlash(event: { cookies: RequestEvent['cookies']; url: URL; locals: App.Locals }): FlashPayload | null {
	const name = cookieName(FLASH_COOKIE, event.url);
	const token = event.cookies.get(name);
	if (!token) return null;
	const taken = takeFlash(getDb(), token, event.locals.session?.id ?? null, event.url.pathname);
	if (taken.kind === 'elsewhere') return null;
	event.cookies.delete(name, cookieOptions(event.url));
	return taken.kind === 'found' ? taken.payload : null;
}
