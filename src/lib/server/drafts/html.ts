// What the site does to HTML written in a clause: renderMarkdown's allow-list keeps a few tags and
// removes the rest. The import preview says so, clause by clause, instead of removing it silently.
import sanitizeHtml from 'sanitize-html';
import { renderMarkdown, SANITIZE } from '../markdown';

const ALLOWED_TAGS = new Set(SANITIZE.allowedTags as string[]);
const ALLOWED_ATTRIBUTES = SANITIZE.allowedAttributes as Record<string, string[]>;
const ALLOWED_SCHEMES = new Set(SANITIZE.allowedSchemes as string[]);
const RENAMED = SANITIZE.transformTags as Record<string, unknown>;

/** The tag the sanitiser judges (h1 and h2 become h3 and are kept). */
function judged(name: string): string {
	const to = RENAMED[name];
	return typeof to === 'string' ? to : name;
}

/**
 * Whether the sanitiser removes any of this piece of HTML (a block of it, or one inline tag, as
 * marked lexes them): a tag or attribute outside the allow-list, a link to another scheme than
 * http(s) or mailto, a comment, a declaration.
 */
export function htmlIsRemoved(raw: string): boolean {
	if (/<[!?]/.test(raw)) return true;
	for (const m of raw.matchAll(/<\/([A-Za-z][A-Za-z0-9-]*)/g)) if (!ALLOWED_TAGS.has(judged(m[1].toLowerCase()))) return true;
	let removed = false;
	sanitizeHtml(raw, {
		...SANITIZE,
		onOpenTag(name, attribs) {
			if (!ALLOWED_TAGS.has(judged(name))) {
				removed = true;
				return;
			}
			const allowed = ALLOWED_ATTRIBUTES[judged(name)] ?? [];
			for (const [attribute, value] of Object.entries(attribs)) {
				if (!allowed.includes(attribute)) removed = true;
				const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
				if (attribute === 'href' && scheme !== undefined && !ALLOWED_SCHEMES.has(scheme)) removed = true;
			}
		}
	});
	return removed;
}

/** Whether a clause's Markdown shows any text once rendered and sanitised (an image, a rule or a tag alone do not count). */
export function hasVisibleText(markdown: string): boolean {
	return sanitizeHtml(renderMarkdown(markdown), { allowedTags: [], allowedAttributes: {} }).trim() !== '';
}
