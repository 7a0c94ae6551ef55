// People's Markdown as the Markdown report carries it: links and images only to http(s) and mailto
// addresses. Any other — javascript:, vbscript:, data:, relative, or a scheme hidden behind
// entities, whitespace or control characters — is written out as the text it is, so that a report
// pasted on a forge or a wiki cannot run anything when a reader clicks.
import { lexer, type Token } from 'marked';

/**
 * The addresses a link may keep, as marked reads them from the Markdown. Strict on purpose: an
 * address that reaches http(s) or mailto only after decoding entities or dropping characters (as a
 * browser would) is refused too; nobody writes a web address that way.
 */
// eslint-disable-next-line no-control-regex -- an address with a control character in it is refused
const ALLOWED = /^(?:https?:\/\/|mailto:)[^\u0000-\u001f\u007f]*$/i;

function allowed(href: unknown): boolean {
	return typeof href === 'string' && ALLOWED.test(href);
}

/** The raw Markdown of every link, image and reference definition whose address is not allowed, in document order. */
function refusedLinks(tokens: Token[], out: string[] = []): string[] {
	for (const token of tokens) {
		if ((token.type === 'link' || token.type === 'image' || token.type === 'def') && !allowed((token as { href?: unknown }).href)) {
			out.push(token.raw);
			continue;
		}
		const t = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
		if (t.tokens) refusedLinks(t.tokens, out);
		if (t.items) refusedLinks(t.items, out);
		for (const cell of t.header ?? []) refusedLinks(cell.tokens, out);
		for (const row of t.rows ?? []) for (const cell of row) refusedLinks(cell.tokens, out);
	}
	return out;
}

/**
 * Markdown that shows `raw` as written: with its brackets escaped, no link, image or definition can
 * form. A bracket already escaped stays as it is (doubling its backslash would free it again).
 */
function asText(raw: string): string {
	return raw.replace(/\\[\s\S]|[[\]]/g, (m) => (m.length === 2 ? m : `\\${m}`));
}

/**
 * `markdown` with every refused link, image and reference definition turned into text. (A definition
 * is neutralised in the text that has it, so that a reference written in another person's text —
 * the report puts many texts on one page — can only ever reach an allowed address.)
 */
export function onlyWebLinks(markdown: string): string {
	// Without a bracket there is no link but autolinks, and GFM makes those only of web and e-mail addresses.
	if (!markdown.includes('[')) return markdown;
	let text = markdown;
	for (let pass = 0; pass < 3; pass++) {
		const refused = refusedLinks(lexer(text, { gfm: true }));
		if (refused.length === 0) return text;
		let out = '';
		let cursor = 0;
		for (const raw of refused) {
			const at = text.indexOf(raw, cursor);
			// Not found as written (a link across the lines of a quote or a list item): the next pass, or the last resort below.
			if (at < 0) continue;
			out += text.slice(cursor, at) + asText(raw);
			cursor = at + raw.length;
		}
		text = out + text.slice(cursor);
	}
	// Still a refused link after three passes: no brackets at all, so no link of any kind.
	return refusedLinks(lexer(text, { gfm: true })).length === 0 ? text : asText(text);
}
