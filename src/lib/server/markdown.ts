// Markdown to safe HTML: marked, then an allow-list sanitiser. Every {@html} in the app gets its
// HTML from here, rendered on the server.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { balanceBidiInHtml } from './bidi';

const escapeAttribute = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked(
	{ gfm: true, breaks: false, async: false },
	{
		renderer: {
			// No images: one from another site would tell it who reads (and the CSP allows only our
			// own). The image becomes a link to it, named by its alt text; the sanitiser checks the URL.
			image({ href, text }) {
				return `<a href="${escapeAttribute(href)}">${escapeAttribute(text || href)}</a>`;
			}
		}
	}
);

/** The allow-list, shared with the draft import (which tells the committee what it removes). */
export const SANITIZE: sanitizeHtml.IOptions = {
	allowedTags: [
		'p', 'br', 'hr', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote',
		'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6',
		'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub'
	],
	allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		// Headings inside a clause or comment never outrank the page's own h1/h2.
		h1: 'h3',
		h2: 'h3',
		// Every link, whatever rel it came with; no target is allowed, so links open in the same tab.
		a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' })
	}
};

/**
 * Rendering takes a fraction of a millisecond per comment and a page shows dozens, again and again:
 * the HTML of recent texts is remembered (the output depends on the text alone).
 */
const RENDERED_KEPT = 5_000;
const rendered = new Map<string, string>();

export function renderMarkdown(markdown: string): string {
	let html = rendered.get(markdown);
	if (html === undefined) {
		// Direction controls stay (writers of mixed-direction text use them), but each one is closed
		// within its own run of text: an unclosed override cannot reverse what follows (bidi.ts).
		html = balanceBidiInHtml(sanitizeHtml(marked.parse(markdown) as string, SANITIZE));
		if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
		rendered.set(markdown, html);
	}
	return html;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

/**
 * The words of a Markdown text without its syntax, for a short quotation shown as plain text (no
 * `**` or `- ` left over), cut at a word near `chars` characters with an ellipsis.
 */
export function plainExcerpt(markdown: string, chars: number): string {
	const text = renderMarkdown(markdown)
		.replace(/<\/(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*\/?>/g, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e])
		.replace(/\s+/g, ' ')
		.trim();
	return shorten(text, chars);
}

/** Plain text cut at a word near `chars` characters, with an ellipsis when anything was left out. */
export function shorten(text: string, chars: number): string {
	if (text.length <= chars) return text;
	const cut = text.slice(0, chars);
	const space = cut.lastIndexOf(' ');
	return `${(space > chars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
