// The display-name rules: what a name may look like, so that nobody can pass for someone else with
// characters a reader cannot see (docs/moderation.md, "Impersonation").
import { describe, expect, it } from 'vitest';
import { normaliseDisplayName } from './display-name';
import { profileInput, signUpInput } from './schemas';

const refused = (name: string) => normaliseDisplayName(name);
const base = { username: 'someone', password: 'long enough password', languages: ['en'], affiliation: '' };

describe('normaliseDisplayName', () => {
	it('keeps ordinary names in many scripts as they are', () => {
		for (const name of ['Ada Okafor', 'ليلى منصور', 'नविता शर्मा', 'Nguyễn Thị Hoa', '王小明', 'Zoë O’Brien-Lefèvre', 'Ирина Петрова']) {
			expect(normaliseDisplayName(name), name).toEqual({ ok: true, value: name });
		}
	});

	it('applies NFC, trims and collapses inner runs of spaces (tabs, no-break and ideographic spaces too)', () => {
		// e + combining acute → é (one code point).
		expect(normaliseDisplayName('Rene\u0301e')).toEqual({ ok: true, value: 'Renée' });
		expect(normaliseDisplayName('  Ada \t\u00A0 \u3000Okafor  ')).toEqual({ ok: true, value: 'Ada Okafor' });
	});

	it('refuses every class of invisible character, wherever it is', () => {
		const invisible: Record<string, string> = {
			'zero-width space': '\u200B',
			'word joiner': '\u2060',
			'byte order mark': '\uFEFF',
			'soft hyphen': '\u00AD',
			'combining grapheme joiner': '\u034F',
			'Mongolian vowel separator': '\u180E',
			'Hangul filler': '\u3164',
			'Hangul choseong filler': '\u115F',
			'Hangul jungseong filler': '\u1160',
			'halfwidth Hangul filler': '\uFFA0',
			'braille blank': '\u2800',
			'variation selector 16': '\uFE0F',
			'variation selector 17': '\u{E0100}',
			'tag letter a': '\u{E0061}',
			'cancel tag': '\u{E007F}',
			'invisible times': '\u2062',
			'left-to-right mark': '\u200E',
			'right-to-left mark': '\u200F',
			'Arabic letter mark': '\u061C'
		};
		for (const [what, c] of Object.entries(invisible)) {
			for (const name of [`Ada${c} Okafor`, `${c}Ada Okafor`, `Ada Okafor${c}`]) {
				expect(refused(name), `${what} in ${JSON.stringify(name)}`).toEqual({ ok: false, error: 'errors.displayNameInvisible' });
			}
		}
		// A name made only of fillers would otherwise look blank.
		expect(refused('\u3164\u3164')).toEqual({ ok: false, error: 'errors.displayNameInvisible' });
	});

	it('refuses direction overrides, embeddings and isolates', () => {
		for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
			expect(refused(`evil${c}gnp.exe`), JSON.stringify(c)).toEqual({ ok: false, error: 'errors.bidiControls' });
		}
	});

	it('keeps ZWNJ and ZWJ inside words of the scripts that need them (Persian, Arabic, Devanagari, Malayalam)', () => {
		for (const name of [
			'می\u200Cخواهم',
			'شیرین\u200Cجان',
			'نوید صادقی\u200Cپور',
			// Devanagari: a half form with ZWJ after the virama, and an explicit non-joining conjunct with ZWNJ.
			'क्\u200Dष',
			'श्\u200Cरीमती',
			// Malayalam chillu written with ZWJ.
			'ന്\u200D'.concat('മ')
		]) {
			expect(normaliseDisplayName(name), JSON.stringify(name)).toEqual({ ok: true, value: name.normalize('NFC') });
		}
	});

	it('refuses ZWNJ and ZWJ at the edges, alone, doubled, beside a space or between Latin letters', () => {
		for (const name of ['\u200Cمی', 'می\u200C', '\u200D', 'می\u200C\u200Cخواهم', 'می \u200Cخواهم', 'ad\u200Dmin', 'Ada\u200C Okafor', 'a\u200Cb']) {
			expect(refused(name), JSON.stringify(name)).toEqual({ ok: false, error: 'errors.displayNameInvisible' });
		}
	});

	it('refuses a word that mixes Latin with Cyrillic or Greek look-alikes', () => {
		// "аdmin" with a Cyrillic а, "Αda" with a Greek Alpha.
		expect(refused('\u0430dmin')).toEqual({ ok: false, error: 'errors.displayNameMixedScripts' });
		expect(refused('\u0391da Okafor')).toEqual({ ok: false, error: 'errors.displayNameMixedScripts' });
		// Different scripts in different words are ordinary.
		expect(normaliseDisplayName('Irina Ирина').ok).toBe(true);
	});

	it('refuses a name that is empty once cleaned', () => {
		expect(refused('   ')).toEqual({ ok: false, error: 'errors.required' });
		expect(refused('')).toEqual({ ok: false, error: 'errors.required' });
	});

	it('refuses control characters and line breaks', () => {
		expect(refused('a\u0007b')).toEqual({ ok: false, error: 'errors.controlChars' });
		expect(refused('Ada\nOkafor')).toEqual({ ok: false, error: 'errors.controlChars' });
	});
});

describe('the sign-up and profile schemas', () => {
	it('normalise the display name on both', () => {
		expect(signUpInput.parse({ ...base, displayName: ' Rene\u0301e  Dupont ' }).displayName).toBe('Renée Dupont');
		expect(profileInput.parse({ ...base, displayName: 'نوید صادقی\u200Cپور' }).displayName).toBe('نوید صادقی\u200Cپور');
	});

	it('give the normaliser’s message for the field', () => {
		const result = signUpInput.safeParse({ ...base, displayName: 'Ada\u3164Okafor' });
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['displayName', 'errors.displayNameInvisible']]);
		const profile = profileInput.safeParse({ ...base, displayName: '\u2800' });
		expect(profile.error?.issues[0].message).toBe('errors.displayNameInvisible');
	});
});
