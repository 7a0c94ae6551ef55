// Shared zod building blocks. Error messages are message keys (errors.*), translated for the user
// where the error is shown.
import { z } from 'zod';
import { balanceBidi, hasEdgeDirectionMarks } from './bidi';
import { canonicalTag } from '../i18n/languages';

/** The canonical form of a BCP 47 tag, or null when it is not one (i18n/languages.ts: 2–3 letter languages only). */
export function canonicalLanguageTag(tag: string): string | null {
	return canonicalTag(tag);
}

/** An account's unique name, as typed at sign-up and when an administrator assigns a role. */
export const username = z
	.string({ error: 'errors.required' })
	.trim()
	.toLowerCase()
	.min(3, { error: 'errors.usernameFormat' })
	.max(32, { error: 'errors.usernameFormat' })
	.regex(/^[a-z0-9_.-]+$/, { error: 'errors.usernameFormat' });

export const languageTag = z
	.string({ error: 'errors.languageInvalid' })
	.trim()
	.min(1, { error: 'errors.languageInvalid' })
	.max(35, { error: 'errors.languageInvalid' })
	.transform((tag, ctx) => {
		const canonical = canonicalLanguageTag(tag);
		if (!canonical) {
			ctx.addIssue({ code: 'custom', message: 'errors.languageInvalid' });
			return z.NEVER;
		}
		return canonical;
	});

/** Embeddings, overrides and isolates: they can make a name display as something it is not. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A single line of user text (a title, a heading): trimmed, no control characters. Direction
 * controls are refused by default (and direction marks at either edge, which change how the text
 * beside it reads); `directionControls: 'balance'` accepts them where writers of mixed-direction text
 * need them (clause headings) and closes any left open (bidi.ts). Display names have their own,
 * stricter rules (accounts/display-name.ts).
 */
export function singleLine(max: number, tooLong = 'errors.tooLong', options: { directionControls?: 'refuse' | 'balance' } = {}) {
	const line = z
		.string({ error: 'errors.required' })
		.trim()
		.min(1, { error: 'errors.required' })
		.max(max, { error: tooLong })
		.refine((s) => !/[\r\n]/.test(s) && !CONTROL_CHARS.test(s), { error: 'errors.controlChars' });
	if (options.directionControls === 'balance') return line.transform(balanceBidi);
	return line.refine((s) => !BIDI_CONTROLS.test(s) && !hasEdgeDirectionMarks(s), { error: 'errors.bidiControls' });
}

/**
 * Multi-line user text (Markdown, reasons, quotes): no control characters other than tab and
 * newline. Direction controls are kept, each closed by the end of its line (bidi.ts).
 */
export function multiLine(max: number, tooLong = 'errors.tooLong') {
	return z
		.string({ error: 'errors.required' })
		.max(max, { error: tooLong })
		.transform((s) => s.replace(/\r\n?/g, '\n').trim())
		.refine((s) => !CONTROL_CHARS.test(s), { error: 'errors.controlChars' })
		.transform(balanceBidi);
}

export type FieldErrors = Record<string, string>;

/** Field → message key, first issue per top-level field. Non-key messages become errors.invalid. */
export function fieldErrorKeys(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
		if (out[field]) continue;
		out[field] = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
	}
	return out;
}
