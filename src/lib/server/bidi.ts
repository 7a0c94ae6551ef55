// Direction controls in user text. Writers may use embeddings, overrides and isolates (U+202A–202E,
// U+2066–2069) in comments, headings, quotes and narratives — that is what they are for in mixed
// right-to-left and left-to-right text — but an unclosed one reverses whatever follows it on the
// page, someone else's name included. Every piece of user text is shown in its own isolate
// (`dir="auto"` or <bdi>), and is also balanced here, on the server, so that it holds even where the
// text lands without one (a title, an attribute, a JSON client). See docs/moderation.md.

const OPENS_EMBEDDING = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const OPENS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202C';
const PDI = '\u2069';
/** Paragraph separators of the bidi algorithm, and the line breaks pages show as such. */
// eslint-disable-next-line no-control-regex -- U+001C–U+001E are paragraph separators to the bidi algorithm
const LINE_BREAK = /[\n\r\u001C-\u001E\u0085\u2028\u2029]/;
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** What closes the openers still on the stack, innermost first. */
const closers = (stack: string[]) => stack.map((kind) => (kind === 'i' ? PDI : PDF)).reverse().join('');

/**
 * The text with every embedding, override and isolate closed by the end of its line (missing PDF/PDI
 * appended), and every PDF/PDI that closes nothing removed. Balanced text comes back unchanged.
 */
export function balanceBidi(text: string): string {
	if (!ANY_CONTROL.test(text)) return text;
	let out = '';
	/** 'e' for an embedding or override, 'i' for an isolate; innermost last. */
	const stack: string[] = [];
	for (const c of text) {
		if (OPENS_EMBEDDING.has(c)) stack.push('e');
		else if (OPENS_ISOLATE.has(c)) stack.push('i');
		else if (c === PDF) {
			// A PDF closes the innermost embedding, and never one outside the innermost isolate.
			if (stack.at(-1) !== 'e') continue;
			stack.pop();
		} else if (c === PDI) {
			const at = stack.lastIndexOf('i');
			if (at < 0) continue;
			// Embeddings opened inside the isolate end with it: closed explicitly, for every renderer.
			out += closers(stack.splice(at + 1));
			stack.pop();
		} else if (LINE_BREAK.test(c)) {
			out += closers(stack.splice(0));
		}
		out += c;
	}
	return out + closers(stack);
}

/** Balances each run of text between the tags of sanitised HTML, so no control crosses an element. */
export function balanceBidiInHtml(html: string): string {
	if (!ANY_CONTROL.test(html)) return html;
	return html
		.split(/(<[^>]*>)/)
		.map((part) => (part.startsWith('<') ? part : balanceBidi(part)))
		.join('');
}

/** Direction marks (LRM, RLM, ALM) at the start or end: they would change how the text beside it reads. */
export function hasEdgeDirectionMarks(text: string): boolean {
	return /^[\u200E\u200F\u061C]|[\u200E\u200F\u061C]$/.test(text);
}
