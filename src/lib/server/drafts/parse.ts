// Turns a Markdown document into clauses: each heading of the chosen level starts one. Problems
// are reported with the line they are on, as message keys the page translates.
import { Lexer, type Token, type Tokens } from 'marked';
import { balanceBidi } from '../bidi';
import { hasVisibleText, htmlIsRemoved } from './html';

export const MAX_DOCUMENT_CHARS = 1_000_000;
export const MAX_CLAUSES = 500;
export const MAX_HEADING_CHARS = 300;
export const MAX_BODY_CHARS = 20_000;
export const MAX_LABEL_CHARS = 20;

export interface ParsedClause {
	line: number;
	label: string;
	heading: string;
	/** The stable key written in the heading as `{#key}`, or one made from the heading. */
	key: string;
	keyExplicit: boolean;
	body: string;
	/** Notes on this clause for the preview: where HTML the site does not keep was removed (the first line). */
	notices: DraftProblem[];
}

export interface DraftProblem {
	line: number;
	/** A message key under import.problems. */
	code: string;
	params?: Record<string, string | number>;
}

export interface ParsedDraft {
	clauses: ParsedClause[];
	errors: DraftProblem[];
	warnings: DraftProblem[];
}

const KEY_SUFFIX = /\s*\{#([^}\s]*)\}\s*$/;
const KEY_FORMAT = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** "1", "2.1", "3.", "A.2", "IV." — a label the committee numbered the clause with. */
const LABEL = /^((?:\d+|[A-Z]|[IVXLC]+)(?:\.\d+)*\.?)\s+(?=\S)/;

export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 48)
		.replace(/-+$/g, '');
}

interface Section {
	line: number;
	headingText: string;
	bodyParts: string[];
	/** The body's tokens, and the line its first one starts on. */
	bodyTokens: Token[];
	bodyLine: number;
}

export function parseDraft(markdown: string, level: number): ParsedDraft {
	const errors: DraftProblem[] = [];
	const warnings: DraftProblem[] = [];
	const text = markdown.replace(/\r\n?/g, '\n');
	const tokens: Token[] = new Lexer({ gfm: true }).lex(text);

	const sections: Section[] = [];
	let current: Section | null = null;
	let line = 1;
	let orphanStart: number | null = null;

	for (const token of tokens) {
		const tokenLine = line + leadingNewlines(token.raw);
		// marked's Token union has a generic member, so `type` alone does not narrow it.
		const heading = token.type === 'heading' ? (token as Tokens.Heading) : null;
		if (heading && heading.depth === level) {
			current = { line: tokenLine, headingText: heading.text, bodyParts: [], bodyTokens: [], bodyLine: line + countNewlines(token.raw) };
			sections.push(current);
		} else if (heading && heading.depth < level) {
			// A section heading above the clause level: not a clause, and it ends the one before.
			if (sections.length > 0) {
				warnings.push({ line: tokenLine, code: 'sectionHeadingSkipped', params: { text: heading.text } });
			}
			current = null;
		} else if (current) {
			current.bodyParts.push(token.raw);
			current.bodyTokens.push(token);
		} else if (token.type !== 'space' && orphanStart === null) {
			orphanStart = tokenLine;
			warnings.push({
				line: tokenLine,
				code: sections.length ? 'textOutsideClause' : 'preambleSkipped'
			});
		}
		line += countNewlines(token.raw);
		if (token.type === 'heading') orphanStart = null;
	}

	if (sections.length === 0) {
		errors.push({ line: 1, code: 'noClauses', params: { level } });
		return { clauses: [], errors, warnings };
	}
	if (sections.length > MAX_CLAUSES) {
		errors.push({ line: sections[MAX_CLAUSES].line, code: 'tooManyClauses', params: { max: MAX_CLAUSES } });
	}

	const clauses: ParsedClause[] = [];
	const keyLines = new Map<string, number>();
	const labelLines = new Map<string, number>();
	sections.slice(0, MAX_CLAUSES).forEach((section, index) => {
		let headingText = section.headingText.trim();
		let key = '';
		let keyExplicit = false;
		const keyMatch = KEY_SUFFIX.exec(headingText);
		if (keyMatch) {
			headingText = headingText.slice(0, keyMatch.index).trim();
			key = keyMatch[1];
			keyExplicit = true;
			if (!KEY_FORMAT.test(key)) {
				errors.push({ line: section.line, code: 'badKey', params: { key } });
			}
		}
		let label = String(index + 1);
		const labelMatch = LABEL.exec(headingText);
		if (labelMatch) {
			label = labelMatch[1].replace(/\.$/, '');
			headingText = headingText.slice(labelMatch[0].length).trim();
		}
		// Direction controls stay (mixed-direction headings need them), each closed within the heading.
		const heading = balanceBidi(headingText);
		const body = section.bodyParts.join('').trim();

		if (!heading) errors.push({ line: section.line, code: 'emptyHeading' });
		if (heading.length > MAX_HEADING_CHARS) {
			errors.push({ line: section.line, code: 'headingTooLong', params: { max: MAX_HEADING_CHARS } });
		}
		if (label.length > MAX_LABEL_CHARS) {
			errors.push({ line: section.line, code: 'labelTooLong', params: { max: MAX_LABEL_CHARS } });
		}
		const htmlLine = firstRemovedHtml(section.bodyTokens, section.bodyParts.join(''), section.bodyLine);
		const notices: DraftProblem[] = htmlLine === null ? [] : [{ line: htmlLine, code: 'htmlRemoved' }];
		if (!body) errors.push({ line: section.line, code: 'emptyBody' });
		// Text that was all HTML would be published as an empty clause: the same rule as an empty body.
		else if (!hasVisibleText(body)) errors.push({ line: section.line, code: 'emptyAfterSanitising' });
		if (body.length > MAX_BODY_CHARS) {
			errors.push({ line: section.line, code: 'bodyTooLong', params: { max: MAX_BODY_CHARS } });
		}

		const firstLabelLine = labelLines.get(label);
		if (firstLabelLine !== undefined) {
			errors.push({ line: section.line, code: 'duplicateLabel', params: { label, first: firstLabelLine } });
		} else {
			labelLines.set(label, section.line);
		}

		if (keyExplicit) {
			const firstKeyLine = keyLines.get(key);
			if (firstKeyLine !== undefined) {
				errors.push({ line: section.line, code: 'duplicateKey', params: { key, first: firstKeyLine } });
			}
			keyLines.set(key, section.line);
		}
		clauses.push({ line: section.line, label, heading, key, keyExplicit, body, notices });
	});

	// Keys made from headings come last, so that they never take a key written explicitly.
	for (const clause of clauses) {
		if (clause.keyExplicit) continue;
		const base = slugify(clause.heading) || `clause-${clause.label.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
		let key = base;
		for (let n = 2; keyLines.has(key); n++) key = `${base}-${n}`;
		clause.key = key;
		keyLines.set(key, clause.line);
	}

	errors.sort((a, b) => a.line - b.line);
	return { clauses, errors, warnings };
}

/**
 * The line of the first piece of HTML in these tokens that the sanitiser removes, or null. Each
 * token's raw text is found in its parent's, in order, to count the lines before it (a quote's or
 * list item's inner text is not its parent's verbatim: then the parent's line is the best known).
 */
function firstRemovedHtml(tokens: Token[], parentRaw: string, parentLine: number): number | null {
	let cursor = 0;
	for (const token of tokens) {
		const at = parentRaw.indexOf(token.raw, cursor);
		const line = at < 0 ? parentLine : parentLine + countNewlines(parentRaw.slice(0, at));
		if (at >= 0) cursor = at + token.raw.length;
		if (token.type === 'html' && htmlIsRemoved(token.raw)) return line + leadingNewlines(token.raw);
		const t = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
		const children = [...(t.tokens ?? []), ...(t.items ?? []), ...(t.header ?? []).flatMap((c) => c.tokens), ...(t.rows ?? []).flat().flatMap((c) => c.tokens)];
		const found = children.length > 0 ? firstRemovedHtml(children, token.raw, line) : null;
		if (found !== null) return found;
	}
	return null;
}

function countNewlines(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
	return n;
}

function leadingNewlines(s: string): number {
	let n = 0;
	while (n < s.length && s.charCodeAt(n) === 10) n++;
	return n;
}
