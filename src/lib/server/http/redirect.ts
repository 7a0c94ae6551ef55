// Where to send people after logging in, signing up, changing the language or moderating: only a
// path on this site. Every `redirectTo` goes through safeRedirectTarget.

/** Any fixed origin: a target is resolved against it, and must still be on it afterwards. */
const SELF = 'http://polyphony.invalid';

/**
 * A path on this site to go back to; anything else becomes "/".
 *
 * A browser cleans a Location header up before resolving it (the WHATWG URL parser: C0 controls and
 * spaces trimmed from both ends, tabs and newlines removed anywhere, `\` read as `/`), so
 * `/<TAB>/evil.example` becomes `//evil.example`, another site. The same parser decides here: the
 * target must resolve to this origin, and what is returned is that parsed path, query and fragment —
 * percent-encoded, ASCII only, so that it can always go in a header (CR, LF or "ü" made a 500).
 */
export function safeRedirectTarget(target: string | null | undefined): string {
	if (!target) return '/';
	// What the parser would ignore, so that the checks below see what a browser acts on.
	// eslint-disable-next-line no-control-regex -- browsers strip C0 controls and spaces around a URL
	const cleaned = target.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
	// A path of our own: not a scheme ("javascript:", "https:"), not protocol-relative ("//", "/\").
	if (!/^\/(?![/\\])/.test(cleaned)) return '/';
	let url: URL;
	try {
		url = new URL(cleaned, SELF);
	} catch {
		return '/';
	}
	if (url.origin !== SELF) return '/';
	const path = url.pathname + url.search + url.hash;
	// Dot segments can leave an empty first segment ("/.//evil.example" → "//evil.example").
	return /^\/(?![/\\])/.test(path) ? path : '/';
}
