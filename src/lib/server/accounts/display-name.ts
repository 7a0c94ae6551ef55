// Display names: normalised so that what a reader sees is all there is. A display name need not be
// unique (people share names); the defence against passing for someone else is the @username shown
// beside it everywhere (PersonName.svelte). This file makes sure a name cannot hide characters that
// render as nothing, reverse the text around it, or mix look-alike alphabets in one word.
// See docs/moderation.md, "Impersonation".
import { z } from 'zod';

/** Embeddings, overrides and isolates: refused anywhere in a name. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** Control characters and line breaks; a tab is only a space (collapsed below). */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const CONTROL_CHARS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/u;
/**
 * Characters that render as nothing: Unicode's Default_Ignorable_Code_Point (zero-width space and
 * joiners, soft hyphen, direction marks, variation selectors, tag characters, the Hangul fillers…)
 * plus blanks it does not list but that fonts draw empty: the braille blank (U+2800).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0\u2800]/u;
const ZERO_WIDTH_JOINERS = /[\u200C\u200D]/u;
/**
 * Scripts whose words need ZWNJ/ZWJ to be spelled right (Persian "می‌خواهم", Devanagari half forms,
 * Malayalam chillus…). Script_Extensions so that combining marks shared by them count too.
 */
const JOINING_SCRIPT =
	/[\p{scx=Arab}\p{scx=Syrc}\p{scx=Nkoo}\p{scx=Mong}\p{scx=Deva}\p{scx=Beng}\p{scx=Guru}\p{scx=Gujr}\p{scx=Orya}\p{scx=Taml}\p{scx=Telu}\p{scx=Knda}\p{scx=Mlym}\p{scx=Sinh}\p{scx=Mymr}\p{scx=Khmr}\p{scx=Tibt}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Alphabets with letters that look like Latin ones: never mixed with Latin inside one word. */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];
const LATIN = /\p{Script=Latin}/u;

export type DisplayNameResult = { ok: true; value: string } | { ok: false; error: string };

/** A joiner is allowed only between two letters (or marks) of a script that uses it. */
function joinersInPlace(name: string): boolean {
	const chars = [...name];
	return chars.every((c, i) => {
		if (!ZERO_WIDTH_JOINERS.test(c)) return true;
		const before = chars[i - 1];
		const after = chars[i + 1];
		return [before, after].every((n) => n !== undefined && LETTER_OR_MARK.test(n) && JOINING_SCRIPT.test(n));
	});
}

function mixesLookAlikes(name: string): boolean {
	return name.split(' ').some((word) => LATIN.test(word) && LOOK_ALIKE_SCRIPTS.some((script) => script.test(word)));
}

/**
 * NFC; whitespace runs (tabs, no-break and ideographic spaces) become one space, trimmed; then
 * refused, with a message key, if empty, or if it has control characters, direction controls,
 * invisible characters (except ZWNJ/ZWJ inside a word that needs them) or a word mixing Latin with
 * Cyrillic or Greek.
 */
export function normaliseDisplayName(input: string): DisplayNameResult {
	const name = input.normalize('NFC');
	if (CONTROL_CHARS.test(name)) return { ok: false, error: 'errors.controlChars' };
	if (BIDI_CONTROLS.test(name)) return { ok: false, error: 'errors.bidiControls' };
	// Checked before collapsing spaces: U+FEFF counts as a space for \s, and must be refused instead.
	const withoutJoiners = name.replace(/[\u200C\u200D]/gu, '');
	if (INVISIBLE.test(withoutJoiners)) return { ok: false, error: 'errors.displayNameInvisible' };
	const value = name.replace(/\s+/gu, ' ').trim();
	if (value === '') return { ok: false, error: 'errors.required' };
	if (!joinersInPlace(value)) return { ok: false, error: 'errors.displayNameInvisible' };
	if (mixesLookAlikes(value)) return { ok: false, error: 'errors.displayNameMixedScripts' };
	return { ok: true, value };
}

/** The display name field of the sign-up and profile forms (and the scripts). */
export function displayNameSchema(max: number) {
	return z
		.string({ error: 'errors.required' })
		.transform((raw, ctx) => {
			const result = normaliseDisplayName(raw);
			if (!result.ok) {
				ctx.addIssue({ code: 'custom', message: result.error });
				return z.NEVER;
			}
			return result.value;
		})
		.pipe(z.string().max(max, { error: 'errors.tooLong' }));
}
