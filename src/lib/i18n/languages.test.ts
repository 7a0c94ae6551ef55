import { describe, expect, it } from 'vitest';
import {
	canonicalTag,
	capitaliseFirst,
	languageOption,
	languageOptions,
	LISTED_LANGUAGES,
	resolveTyped,
	searchLanguages
} from './languages';
import { LOCALE_CODES } from './locales';

describe('the listed languages', () => {
	it('are canonical, distinct, named in English, about 200 of them, and include every UI locale', () => {
		expect(new Set(LISTED_LANGUAGES).size).toBe(LISTED_LANGUAGES.length);
		expect(LISTED_LANGUAGES.length).toBeGreaterThanOrEqual(150);
		expect(LISTED_LANGUAGES.length).toBeLessThanOrEqual(250);
		const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
		for (const tag of LISTED_LANGUAGES) {
			expect(canonicalTag(tag), tag).toBe(tag);
			expect(english.of(tag), tag).toBeTruthy();
		}
		for (const code of LOCALE_CODES) expect(LISTED_LANGUAGES).toContain(code);
		for (const variant of ['pt-BR', 'zh-Hant', 'es-419']) expect(LISTED_LANGUAGES).toContain(variant);
	});

	it('are labelled by their own name, then the interface’s, capitalised as a menu starts them', () => {
		expect(languageOption('en', 'ar').label).toBe('العربية — Arabic');
		expect(languageOption('en', 'fr').label).toBe('Français — French');
		expect(languageOption('en', 'pt-BR').label).toBe('Português (Brasil) — Brazilian Portuguese');
		// Inside the label the interface's name stays as written in a sentence ("anglais", not "Anglais").
		expect(languageOption('fr', 'en').label).toBe('English — anglais');
		// The same name twice is said once.
		expect(languageOption('ar', 'ar').label).toBe('العربية');
		expect(languageOption('fr', 'fr').label).toBe('Français');
		expect(languageOption('zh-Hans', 'zh-Hans').label).toBe('简体中文');
		// No autonym known to ICU: the interface's name alone, capitalised.
		const haitian = languageOption('fr', 'ht');
		expect(haitian.autonym).toBeNull();
		expect(haitian.label).toBe('Créole haïtien');
	});

	it('are sorted by label with the interface’s collation, so a select’s type-ahead finds them', () => {
		const labels = languageOptions('en').map((o) => o.label);
		const collator = new Intl.Collator('en', { sensitivity: 'base' });
		expect([...labels].sort(collator.compare)).toEqual(labels);
		expect(languageOptions('en')).toHaveLength(LISTED_LANGUAGES.length);
	});

	it('capitalise by the locale’s rules and leave scripts without case alone', () => {
		expect(capitaliseFirst('tr', 'ingilizce')).toBe('İngilizce');
		expect(capitaliseFirst('fr', 'égyptien')).toBe('Égyptien');
		expect(capitaliseFirst('ar', 'العربية')).toBe('العربية');
		expect(capitaliseFirst('en', '')).toBe('');
	});
});

describe('codes typed by hand', () => {
	it('are canonicalised, and refused when they are not BCP 47 language tags', () => {
		expect(canonicalTag('pt-br')).toBe('pt-BR');
		expect(canonicalTag(' ZH-hant-tw ')).toBe('zh-Hant-TW');
		expect(canonicalTag('iw')).toBe('he');
		expect(canonicalTag('ber')).toBe('ber');
		expect(canonicalTag('xx-!!')).toBeNull();
		expect(canonicalTag('en_US')).toBeNull();
		// Syntactically a 5–8 letter language subtag, but none is registered: a name typed as a code.
		expect(canonicalTag('French')).toBeNull();
		expect(canonicalTag('')).toBeNull();
		expect(canonicalTag('a'.repeat(40))).toBeNull();
	});
});

describe('searching the list', () => {
	const en = languageOptions('en');
	const ar = languageOptions('ar');
	it('matches either name, any word’s start, accents ignored, and the code', () => {
		expect(searchLanguages(en, 'arab')[0].tag).toBe('ar');
		expect(searchLanguages(en, 'العربية')[0].tag).toBe('ar');
		expect(searchLanguages(en, 'francais')[0].tag).toBe('fr');
		expect(searchLanguages(en, 'brazil').map((o) => o.tag)).toContain('pt-BR');
		expect(searchLanguages(en, 'zh-hant')[0].tag).toBe('zh-Hant');
		expect(searchLanguages(ar, 'الفرنسية')[0].tag).toBe('fr');
		expect(searchLanguages(en, 'qqqq')).toEqual([]);
		expect(searchLanguages(en, '   ')).toEqual([]);
		expect(searchLanguages(en, 'a', 5)).toHaveLength(5);
	});

	it('resolves what is left in the box: names or codes, in order; null when a piece is neither', () => {
		expect(resolveTyped(en, 'ar, en')).toEqual(['ar', 'en']);
		expect(resolveTyped(en, 'ar en')).toEqual(['ar', 'en']);
		expect(resolveTyped(en, 'French, pt-br')).toEqual(['fr', 'pt-BR']);
		expect(resolveTyped(ar, 'العربية، الفرنسية')).toEqual(['ar', 'fr']);
		expect(resolveTyped(en, 'Brazilian Portuguese')).toEqual(['pt-BR']);
		expect(resolveTyped(en, 'Frnch')).toBeNull();
		expect(resolveTyped(en, '')).toEqual([]);
	});
});

describe('searching in another interface language', () => {
	it('also finds a language by its English name', () => {
		const ar = languageOptions('ar');
		expect(searchLanguages(ar, 'arab')[0].tag).toBe('ar');
		expect(resolveTyped(ar, 'French')).toEqual(['fr']);
	});
});
