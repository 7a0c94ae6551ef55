// Word diffs shown as formatted text: both versions are rendered (renderMarkdown: marked, the
// allow-list sanitiser, bidi balancing), their HTML is cut into words and structure tags, the two
// sequences are diffed, and one HTML fragment is written back with <ins>/<del> around changed words.
// Readers never see Markdown syntax (`**`, `*`, `- `): each version is rendered on its own, so a
// change to the syntax itself shows as the words whose formatting changed.
import { diffArrays } from 'diff';
import sanitizeHtml from 'sanitize-html';
import { balanceBidiInHtml } from '../bidi';
import { renderMarkdown, SANITIZE } from '../markdown';

/**
 * Inline formatting is not a token of its own: every word carries the formatting it sits in
 * (bold, a link and its address…), so "shared" and "**shared**" are different words, and a link
 * whose address changed shows its old text removed and its new text added.
 */
const INLINE = new Set(['strong', 'em', 'del', 's', 'code', 'a', 'sup', 'sub']);
/** Elements whose children may only be other elements: a removed word cannot be written there. */
const CONTAINERS = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr']);
/** Elements in which a removed paragraph, list or quote cannot be restored as such. */
const PHRASING_ONLY = new Set(['p', 'h3', 'h4', 'h5', 'h6', 'pre', 'th', 'td']);

type Token =
	| { kind: 'open' | 'close' | 'void'; name: string; html: string; key: string }
	| { kind: 'text'; text: string; context: string[]; key: string };

type TextToken = Extract<Token, { kind: 'text' }>;
type Change = 'same' | 'added' | 'removed';

/** Past this many inserted plus deleted tokens the texts count as rewritten (as in diff.ts). */
const MAX_EDIT_LENGTH = 4000;

/** The three entities sanitize-html writes in text, numeric references, and &quot;/&#39; to be safe. */
function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
		const lower = name.toLowerCase();
		if (lower === 'amp') return '&';
		if (lower === 'lt') return '<';
		if (lower === 'gt') return '>';
		if (lower === 'quot') return '"';
		if (lower === 'apos') return "'";
		const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
		return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

function segmenter(language: string): Intl.Segmenter {
	try {
		return new Intl.Segmenter(language, { granularity: 'word' });
	} catch {
		return new Intl.Segmenter(undefined, { granularity: 'word' });
	}
}

/**
 * Sanitised HTML as a sequence of structure tags and words. The HTML comes from renderMarkdown, so
 * every `<` in it starts a tag (text and attribute values have theirs escaped).
 */
function tokenize(html: string, words: Intl.Segmenter): Token[] {
	const tokens: Token[] = [];
	const inline: { name: string; html: string }[] = [];
	for (const part of html.split(/(<[^>]*>)/)) {
		if (!part) continue;
		if (part.startsWith('<')) {
			const match = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(part);
			if (!match) continue;
			const name = match[2].toLowerCase();
			const closing = match[1] === '/';
			if (INLINE.has(name)) {
				if (!closing) inline.push({ name, html: part });
				else {
					const at = inline.map((i) => i.name).lastIndexOf(name);
					if (at >= 0) inline.splice(at);
				}
				continue;
			}
			const kind = name === 'br' || name === 'hr' ? 'void' : closing ? 'close' : 'open';
			tokens.push({ kind, name, html: part, key: `\u0000${part}` });
			continue;
		}
		const context = inline.map((i) => i.html);
		const prefix = context.join('');
		for (const { segment } of words.segment(decode(part))) {
			tokens.push({ kind: 'text', text: segment, context, key: `${prefix}\u0000${segment}` });
		}
	}
	return tokens;
}

const isBlank = (t: Token) => t.kind === 'text' && t.text.trim() === '';

interface Chunk {
	change: Change;
	tokens: Token[];
}

/**
 * The diff as chunks, tidied for reading: spaces alone between two changes join them (so "a b"
 * replaced by "c d" is one removal and one addition, not four), and within each stretch of changes
 * everything removed comes before everything added.
 */
function chunks(before: Token[], after: Token[]): Chunk[] {
	const raw = diffArrays(before, after, { comparator: (a, b) => a.key === b.key, maxEditLength: MAX_EDIT_LENGTH });
	const list: Chunk[] = raw
		? raw.map((c) => ({ change: c.added ? 'added' : c.removed ? 'removed' : 'same', tokens: c.value }))
		: [
				{ change: 'removed', tokens: before },
				{ change: 'added', tokens: after }
			];
	slideToWholeElements(list);
	const out: Chunk[] = [];
	let removed: Token[] = [];
	let added: Token[] = [];
	const flush = () => {
		if (removed.length) out.push({ change: 'removed', tokens: removed });
		if (added.length) out.push({ change: 'added', tokens: added });
		removed = [];
		added = [];
	};
	list.forEach((c, i) => {
		if (c.change === 'removed') removed.push(...c.tokens);
		else if (c.change === 'added') added.push(...c.tokens);
		else if ((removed.length || added.length) && i < list.length - 1 && c.tokens.every(isBlank)) {
			removed.push(...c.tokens);
			added.push(...c.tokens);
		} else {
			flush();
			out.push(c);
		}
	});
	flush();
	return out;
}

/**
 * A removed or added list item is often found as "words </li> <li>" rather than "<li> words </li>"
 * (both are shortest diffs). Sliding the change back over the equal tag before it makes it a whole
 * element, which a removal needs to keep its own bullet.
 */
function slideToWholeElements(list: Chunk[]) {
	for (let i = 1; i < list.length; i++) {
		const change = list[i];
		const before = list[i - 1];
		if (change.change === 'same' || before.change !== 'same') continue;
		if (list[i + 1] && list[i + 1].change !== 'same') continue;
		if (!list[i + 1]) list.push({ change: 'same', tokens: [] });
		const after = list[i + 1];
		while (before.tokens.length && change.tokens.length) {
			const last = change.tokens.at(-1)!;
			const previous = before.tokens.at(-1)!;
			if (last.kind === 'text' || last.key !== previous.key) break;
			after.tokens.unshift(change.tokens.pop()!);
			change.tokens.unshift(before.tokens.pop()!);
		}
	}
	for (let i = list.length - 1; i >= 0; i--) if (list[i].tokens.length === 0) list.splice(i, 1);
}

/** For each open tag of a removed chunk, the index of its closing tag when both are in the chunk. */
function pairsWithin(tokens: Token[]): Map<number, number> {
	const pairs = new Map<number, number>();
	const open: number[] = [];
	tokens.forEach((t, i) => {
		if (t.kind === 'open') open.push(i);
		else if (t.kind === 'close') {
			const at = open.at(-1);
			if (at !== undefined && (tokens[at] as { name: string }).name === t.name) {
				open.pop();
				pairs.set(at, i);
			} else open.length = 0; // a close that crosses the chunk: nothing before it can pair any more
		}
	});
	return pairs;
}

/** Writes the merged fragment: the newer version's structure, with removed words (and whole removed blocks) put back. */
class Writer {
	private out: string[] = [];
	private blocks: string[] = [];
	private inline: string[] = [];
	private mark: 'ins' | 'del' | null = null;
	/** Removed words met where no text may stand (between list items): written at the next place that allows it. */
	private pending: TextToken[] = [];

	private get inContainer(): boolean {
		const top = this.blocks.at(-1);
		return top !== undefined && CONTAINERS.has(top);
	}

	private closeMark() {
		if (this.mark) this.out.push(`</diff-${this.mark}>`);
		this.mark = null;
	}

	private setInline(context: string[]) {
		let common = 0;
		while (common < this.inline.length && common < context.length && this.inline[common] === context[common]) common++;
		if (common === this.inline.length && common === context.length) return;
		this.closeMark();
		for (let i = this.inline.length - 1; i >= common; i--) this.out.push(`</${/^<([a-z0-9]+)/i.exec(this.inline[i])![1]}>`);
		for (let i = common; i < context.length; i++) this.out.push(context[i]);
		this.inline = context.slice();
	}

	block(token: Token) {
		this.closeMark();
		this.setInline([]);
		this.out.push((token as { html: string }).html);
		if (token.kind === 'open') this.blocks.push(token.name);
		else if (token.kind === 'close') this.blocks.pop();
		if (!this.inContainer) this.flushPending();
	}

	/** Whether a removed block element may be restored here (an <li> only in a list; no block inside a paragraph). */
	canRestore(name: string): boolean {
		const top = this.blocks.at(-1);
		if (name === 'li') return top === 'ul' || top === 'ol';
		if (CONTAINERS.has(name) && name !== 'ul' && name !== 'ol') return false;
		if (top !== undefined && CONTAINERS.has(top)) return false;
		return !this.blocks.some((b) => PHRASING_ONLY.has(b));
	}

	text(token: TextToken, mark: 'ins' | 'del' | null) {
		if (this.inContainer) {
			if (mark === 'del' && !isBlank(token)) this.pending.push(token);
			else if (mark !== 'del') this.out.push(escapeText(token.text));
			return;
		}
		this.setInline(token.context);
		if (this.mark !== mark) {
			this.closeMark();
			if (mark) this.out.push(`<diff-${mark}>`);
			this.mark = mark;
		}
		this.out.push(escapeText(token.text));
	}

	endsWithSpace(): boolean {
		for (let i = this.out.length - 1; i >= 0; i--) {
			const part = this.out[i];
			if (part.startsWith('<')) {
				if (/^<\/?(p|li|br|h\d|td|th|blockquote|pre)\b/i.test(part)) return true;
				continue;
			}
			if (part) return /\s$/.test(part);
		}
		return true;
	}

	lineBreak(html: string) {
		this.out.push(html);
	}

	private flushPending() {
		if (!this.pending.length) return;
		const words = this.pending;
		this.pending = [];
		words.forEach((w, i) => {
			if (i > 0) this.text({ kind: 'text', text: ' ', context: w.context, key: '' }, 'del');
			this.text(w, 'del');
		});
		this.closeMark();
		this.setInline([]);
	}

	finish(): string {
		this.closeMark();
		this.setInline([]);
		this.flushPending();
		while (this.blocks.length) this.out.push(`</${this.blocks.pop()}>`);
		return this.out.join('');
	}
}

/** Writes one chunk of changes; spaces at the edges of a change stay outside its mark. */
function writeChange(writer: Writer, chunk: Chunk, next: Token | undefined) {
	const { tokens, change } = chunk;
	const mark = change === 'added' ? 'ins' : 'del';
	const words = tokens.map((t, i) => (t.kind === 'text' && !isBlank(t) ? i : -1)).filter((i) => i >= 0);
	const first = words[0] ?? Infinity;
	const last = words.at(-1) ?? -Infinity;
	const pairs = change === 'removed' ? pairsWithin(tokens) : new Map<number, number>();
	const restoredCloses = new Set<number>();
	tokens.forEach((t, i) => {
		if (t.kind === 'text') {
			const inside = i > first && i < last ? mark : null;
			if (isBlank(t)) {
				// A removed space at an edge is kept only where the words around would otherwise touch.
				if (change === 'removed' && !inside) {
					const touching = i < first ? !writer.endsWithSpace() : next !== undefined && !isBlank(next) && next.kind === 'text';
					if (!touching) return;
				}
				writer.text(t, inside);
			} else writer.text(t, mark);
			return;
		}
		if (change === 'added') {
			if (t.kind === 'void' && t.name === 'br') writer.lineBreak(t.html);
			else writer.block(t);
			return;
		}
		// Removed structure comes back only as whole elements (an <li>…</li> removed with its words)
		// and only where it is allowed; the rest of it goes, and its words join the text around them.
		if (t.kind === 'open' && pairs.has(i) && writer.canRestore(t.name)) {
			restoredCloses.add(pairs.get(i)!);
			writer.block(t);
		} else if (t.kind === 'close' && restoredCloses.has(i)) {
			writer.block(t);
		}
	});
}

/** The allow-list of the finished fragment: the renderer's, plus the diff's own marks. */
const DIFF_SANITIZE: sanitizeHtml.IOptions = {
	...SANITIZE,
	allowedTags: [...(SANITIZE.allowedTags as string[]), 'diff-ins', 'diff-del'],
	allowedAttributes: { ...(SANITIZE.allowedAttributes as Record<string, string[]>), 'diff-ins': [], 'diff-del': [] }
};

const RENDERED_KEPT = 1_000;
const rendered = new Map<string, string>();

/**
 * The word diff of two Markdown texts in `language`, as one sanitised HTML fragment in which added
 * words are inside <diff-ins> and removed ones inside <diff-del>. `withSpokenMarks` turns those into
 * <ins>/<del> with the reader's text alternative; the fragment itself does not depend on the reader.
 */
export function renderedDiff(before: string, after: string, language: string): string {
	const cacheKey = `${language}\u0000${before}\u0000${after}`;
	const kept = rendered.get(cacheKey);
	if (kept !== undefined) return kept;
	const words = segmenter(language);
	const writer = new Writer();
	const list = chunks(tokenize(renderMarkdown(before), words), tokenize(renderMarkdown(after), words));
	for (const [i, chunk] of list.entries()) {
		if (chunk.change !== 'same') {
			writeChange(writer, chunk, list.slice(i + 1).find((c) => c.change === 'same')?.tokens[0]);
			continue;
		}
		for (const t of chunk.tokens) {
			if (t.kind === 'text') writer.text(t, null);
			else if (t.kind === 'void' && t.name === 'br') writer.lineBreak(t.html);
			else writer.block(t);
		}
	}
	// Built only from the renderer's own sanitised tags and escaped text, and sanitised once more all
	// the same; the direction controls are balanced again, per run of text between the new tags.
	const html = balanceBidiInHtml(sanitizeHtml(writer.finish(), DIFF_SANITIZE));
	if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
	rendered.set(cacheKey, html);
	return html;
}

export interface DiffMarkLabels {
	/** The interface language the labels are in, and its direction. */
	locale: string;
	dir: 'ltr' | 'rtl';
	addedStart: string;
	addedEnd: string;
	removedStart: string;
	removedEnd: string;
}

/** The labels in the reader's interface language, from the catalog (diff.*). */
export function diffMarkLabels(t: (key: string) => string, locale: string, dir: 'ltr' | 'rtl'): DiffMarkLabels {
	return {
		locale,
		dir,
		addedStart: t('diff.addedStart'),
		addedEnd: t('diff.addedEnd'),
		removedStart: t('diff.removedStart'),
		removedEnd: t('diff.removedEnd')
	};
}

/**
 * The diff's marks as <ins>/<del>, each saying what it is to screen readers ("added: … end of
 * addition") in visually hidden text in the reader's language; the underline and strike-through
 * show it to everyone else (static/app.css). Only the renderedDiff marks become <ins>/<del>: the
 * sanitiser removed any such tag from the texts themselves.
 */
export function withSpokenMarks(html: string, labels: DiffMarkLabels): string {
	const hidden = (text: string) =>
		`<span class="visually-hidden" lang="${escapeText(labels.locale).replace(/"/g, '&quot;')}" dir="${labels.dir}">${escapeText(text)}</span>`;
	return html
		.replaceAll('<diff-ins>', `<ins class="diff-added">${hidden(`${labels.addedStart} `)}`)
		.replaceAll('</diff-ins>', `${hidden(` ${labels.addedEnd}`)}</ins>`)
		.replaceAll('<diff-del>', `<del class="diff-removed">${hidden(`${labels.removedStart} `)}`)
		.replaceAll('</diff-del>', `${hidden(` ${labels.removedEnd}`)}</del>`);
}
