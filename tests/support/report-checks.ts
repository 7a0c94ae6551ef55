// Reading a report as the program it is pasted into would, enough to prove that people's text
// stays text: MediaWiki for the wikitext report, a Markdown renderer and a browser for the other.
import { Marked } from 'marked';

/**
 * The parts of a wikitext report that MediaWiki parses: everything outside <nowiki>…</nowiki> and
 * <pre>…</pre> (both kept literal by the wiki; the report escapes < inside them, so nothing closes
 * them early). Each literal span becomes one NUL, so that what surrounds it does not join up.
 */
export function wikitextOutsideLiteral(report: string): string {
	return report.replace(/<nowiki>[\s\S]*?<\/nowiki>/g, '\0').replace(/<pre>[\s\S]*?<\/pre>/g, '\0');
}

/** The targets of the external links MediaWiki would make: `[` + a URL, up to a space or `]`. */
export function externalLinkTargets(wikitext: string): string[] {
	return [...wikitext.matchAll(/\[((?:https?:)?\/\/[^\s\]]*)/gi)].map((m) => m[1]);
}

/** The characters a link target may hold raw: none that wikitext gives a meaning to. */
export const SAFE_WIKI_TARGET = /^https?:\/\/[A-Za-z0-9\-.:/?#=&%,;@!$()*+]*$/;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')' };

/** HTML entities decoded as a browser decodes an attribute (enough of them for these tests). */
function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
		}
		return NAMED[e.toLowerCase()] ?? whole;
	});
}

/**
 * Every link and image address of a Markdown report, as a browser would follow it once a Markdown
 * renderer (marked, GFM) made it HTML: entities decoded, tabs, newlines and control characters
 * dropped, leading spaces trimmed.
 */
export function markdownAddresses(report: string): string[] {
	const html = new Marked({ gfm: true, async: false }).parse(report) as string;
	// eslint-disable-next-line no-control-regex -- a browser drops controls and spaces in an address
	return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]).replace(/[\u0000-\u0020]/g, ''));
}
