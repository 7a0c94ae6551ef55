// The page cache in the request chain (hooks.server.ts): serves a GET again from the cache
// (page-cache.ts) while nothing it was made from can have changed, renders a visitors' page once for
// everyone asking at the same moment, and empties the cache after any request that may write.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { getPageCache } from './cache';
import { isStorable, wantsFresh, type CachedPage } from './page-cache';
import { hasFlashCookie } from './flash';

/**
 * What an action tells the cache about its write (the participation service's answer,
 * participation/stances.ts `FeedbackWrite`). Only a write that added to the feedback — a stance, a
 * comment — lets visitors see a page a few seconds old; one that took public text away (a public
 * reason changed, removed or made committee-only) does not. Everything that does not call this —
 * withdrawals, moderation, edits, deletions, settings, publishing, refused posts — purges every
 * cached page at once.
 */
export function feedbackWritten(event: RequestEvent, write: { addsFeedback: boolean }): void {
	event.locals.addsFeedback = write.addsFeedback;
}

export const pageCache: Handle = async ({ event, resolve }) => {
	const cache = getPageCache();
	const method = event.request.method;
	if (!cache || method === 'HEAD') return resolve(event);
	if (method !== 'GET') {
		event.locals.addsFeedback = false;
		try {
			return await resolve(event);
		} finally {
			if (event.locals.addsFeedback) cache.invalidate();
			else cache.purge();
		}
	}
	// A page carrying a form post's one-time answer (flash.ts) is made for that request only.
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
