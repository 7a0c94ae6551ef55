// Markdown to safe HTML: marked, then an allow-list sanitiser. Every {@html} in the app gets its
// HTML from here, rendered on the server.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
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
		a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' })
	}
};

export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown) as string;
	return sanitizeHtml(html, SANITIZE);
}
