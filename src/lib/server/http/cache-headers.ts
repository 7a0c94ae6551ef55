// What browsers and any cache between us and them (a proxy, a CDN) may keep. Our own page cache
// (page-cache.ts) decides on its own; these headers are added after it kept a page, so that marking
// a signed-in person's pages `no-store` does not stop it from serving them again to that session.

/**
 * `personal`: the response was made for a session (or sets or deletes a cookie) — a page with
 * committee-only text, a dashboard, a download of one's data. Nobody but that browser may keep it,
 * and not even that browser on disk: `private, no-store`, whatever the route said.
 *
 * Otherwise it is a visitor's (public content only), which depends on the locale — chosen from the
 * `polyphony_locale` cookie or `Accept-Language` — and on there being no session cookie. It may be
 * stored but must be asked for again each time (`no-cache`): privacy changes (a withdrawn reason, a
 * hidden comment) purge our cache at once, and a copy kept elsewhere would outlive the purge. A route
 * that says otherwise (SvelteKit's page data: `private, no-store`) keeps its own header.
 */
export function setCacheHeaders(headers: Headers, personal: boolean): void {
	if (personal) {
		headers.set('cache-control', 'private, no-store');
		addVary(headers, 'Cookie');
		return;
	}
	if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache');
	addVary(headers, 'Cookie', 'Accept-Language');
}

function addVary(headers: Headers, ...names: string[]): void {
	const present = (headers.get('vary') ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	if (present.includes('*')) return;
	for (const name of names) {
		if (!present.some((p) => p.toLowerCase() === name.toLowerCase())) present.push(name);
	}
	headers.set('vary', present.join(', '));
}
