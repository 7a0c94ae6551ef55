// The languages people choose from on sign-up and the profile, by name: each in its own language
// (its autonym) and in the interface's language, from Intl.DisplayNames. Shared by server and client.
import { languageName } from './format';
import { UI_LOCALES } from './locales';

/**
 * The list offered by name: the interface's languages, regional variants people ask for by name,
 * and the most-spoken languages (the benchmark's 150 communities, with more of Africa, South and
 * Southeast Asia). Anything else is still accepted as a BCP 47 code. Every tag here is canonical and
 * has a name in English (a unit test checks both); languages that ICU knows no autonym for are
 * shown by their name in the interface's language only.
 */
export const LISTED_LANGUAGES: readonly string[] = [
	...UI_LOCALES.map((l) => l.code),
	// Variants named on their own (pt and es are the languages as a whole).
	'pt-BR', 'pt-PT', 'es-419', 'fr-CA', 'zh-Hant', 'yue',
	// Most-spoken languages, then regional and community languages.
	'ru', 'de', 'ja', 'bn', 'id', 'ur', 'tr', 'it', 'ko', 'vi', 'pl', 'uk', 'nl', 'sw', 'ta', 'te', 'mr', 'th', 'ms',
	'he', 'el', 'cs', 'hu', 'sv', 'ro', 'fi', 'da', 'nb', 'nn', 'ca', 'sr', 'sr-Latn', 'hr', 'bg', 'sk', 'sl', 'lt',
	'lv', 'et', 'ha', 'yo', 'ig', 'am', 'so', 'zu', 'xh', 'af', 'gu', 'kn', 'ml', 'pa', 'ne', 'si', 'my', 'km', 'lo',
	'ka', 'hy', 'az', 'kk', 'uz', 'ky', 'tg', 'mn', 'ps', 'ku', 'ckb', 'sd', 'ug', 'bo', 'dz', 'jv', 'su', 'tt', 'ba',
	'cv', 'be', 'mk', 'sq', 'bs', 'is', 'ga', 'cy', 'gd', 'br', 'eu', 'gl', 'oc', 'co', 'lb', 'fy', 'fo', 'mt', 'rm',
	'eo', 'ia', 'ht', 'mg', 'ny', 'sn', 'st', 'tn', 'ts', 'ss', 've', 'rw', 'rn', 'lg', 'ln', 'kg', 'wo', 'ff', 'bm',
	'ee', 'ak', 'om', 'ti', 'qu', 'ay', 'gn', 'mi', 'sm', 'to', 'fj', 'ty', 'ch', 'kl', 'iu', 'oj', 'cr', 'nv', 'se',
	'sa', 'as', 'or', 'tk', 'fil', 'ceb', 'mai', 'bho', 'sat', 'mni', 'kok', 'doi', 'ks', 'arz', 'ary', 'kab', 'zgh',
	'tzm', 'ast', 'sc', 'vec', 'scn', 'yi', 'la', 'hil', 'ilo', 'war', 'min', 'ace', 'ban', 'bug', 'mad', 'hmn',
	'kri', 'pcm', 'ki', 'luo', 'din', 'nus', 'nso', 'mos', 'kea', 'fon', 'sg', 'hsb', 'haw', 'sah', 'os', 'ce', 'av',
	'kbd', 'myv', 'udm', 'kv', 'ab', 'lez', 'crh', 'ltg', 'szl', 'csb', 'dsb', 'wa', 'li', 'an', 'kw', 'gv', 'pi'
];

export interface LanguageOption {
	/** Canonical BCP 47 tag: what is stored. */
	tag: string;
	/** Its name in its own language, capitalised as that language starts a menu item; null when ICU knows none. */
	autonym: string | null;
	/** Its name in the interface's language, as written inside a sentence ("français" in French). */
	name: string;
	/** What a menu shows: "العربية — Arabic", or the one name when both are the same or no autonym is known. */
	label: string;
	/** Its English name, searched too: many people know a language's name in English. */
	english: string;
}

/**
 * The first letter in upper case by the rules of `locale` (Turkish dotted İ and so on). CLDR's
 * capitalisation context for language names in menus and lists ("uiListOrMenu") is "first word
 * title case" in the locales that write them in lower case (français, español, português), so a
 * name that starts a menu item or a list entry is capitalised; inside a sentence it is not.
 * Scripts without case are left as they are.
 */
export function capitaliseFirst(locale: string, text: string): string {
	const first = text.codePointAt(0);
	if (first === undefined) return text;
	const head = String.fromCodePoint(first);
	try {
		return head.toLocaleUpperCase(locale) + text.slice(head.length);
	} catch {
		return head.toUpperCase() + text.slice(head.length);
	}
}

/** Whether ICU has names of its own for `tag` (else DisplayNames falls back to English). */
function hasOwnNames(tag: string): boolean {
	try {
		return Intl.DisplayNames.supportedLocalesOf([tag]).length > 0;
	} catch {
		return false;
	}
}

/** A language's name in a menu of the interface in `locale`: its own name first, then the interface's. */
export function languageOption(locale: string, tag: string): LanguageOption {
	const name = languageName(locale, tag);
	const own = hasOwnNames(tag) ? languageName(tag, tag) : null;
	const autonym = own && own !== tag ? capitaliseFirst(tag, own) : null;
	const shown = capitaliseFirst(locale, name);
	const label = autonym === null || autonym === shown ? (autonym ?? shown) : `${autonym} — ${name}`;
	return { tag, autonym, name, label, english: languageName('en', tag) };
}

const lists = new Map<string, LanguageOption[]>();

/**
 * The listed languages for the interface in `locale`, sorted by the label with that locale's
 * collation (people look for their language by its own name, and a select's type-ahead matches the
 * start of the label). Made once per locale.
 */
export function languageOptions(locale: string): LanguageOption[] {
	let list = lists.get(locale);
	if (!list) {
		const collator = new Intl.Collator(locale, { sensitivity: 'base' });
		list = LISTED_LANGUAGES.map((tag) => languageOption(locale, tag)).sort((a, b) => collator.compare(a.label, b.label));
		lists.set(locale, list);
	}
	return list;
}

/**
 * The canonical form of a BCP 47 language tag ("pt-br" → "pt-BR", "iw" → "he"), or null when it is
 * not one. The language subtag must have 2 or 3 letters (ISO 639): BCP 47's syntax also allows 5 to
 * 8 letters, but none is registered, so "French" typed in a code field is refused rather than
 * stored as the language "french".
 */
export function canonicalTag(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed || trimmed.length > 35) return null;
	try {
		const canonical = Intl.getCanonicalLocales(trimmed)[0];
		if (!canonical || !/^[a-z]{2,3}$/.test(new Intl.Locale(canonical).language)) return null;
		return canonical;
	} catch {
		return null;
	}
}

/** Lower case without accents, for matching what someone types against names. */
export function foldForSearch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The options matching what someone typed: by its own, the interface's or its English name (any
 * word's start, accents ignored) or by code; exact code and name-start matches first.
 */
export function searchLanguages(options: readonly LanguageOption[], query: string, limit = 8): LanguageOption[] {
	const q = foldForSearch(query.trim());
	if (!q) return [];
	const scored: { option: LanguageOption; score: number; index: number }[] = [];
	options.forEach((option, index) => {
		const names = [option.autonym, option.name, option.english].filter((n): n is string => Boolean(n)).map(foldForSearch);
		let score = -1;
		if (option.tag.toLowerCase() === q) score = 0;
		else if (names.some((n) => n.startsWith(q))) score = 1;
		else if (names.some((n) => n.split(/[\s()（）—-]+/u).some((w) => w.startsWith(q)))) score = 2;
		else if (names.some((n) => n.includes(q))) score = 3;
		if (score >= 0) scored.push({ option, score, index });
	});
	return scored
		.sort((a, b) => a.score - b.score || a.index - b.index)
		.slice(0, limit)
		.map((s) => s.option);
}

/**
 * What someone typed in the "other languages" field or left in the search box, as tags: each
 * comma-separated piece a listed language's code or name (in either language), else a BCP 47 code;
 * null when a piece is neither.
 */
export function resolveTyped(options: readonly LanguageOption[], text: string): string[] | null {
	const pieces = text.split(/[,;،、\n]+/u).map((p) => p.trim()).filter(Boolean);
	const out: string[] = [];
	for (const piece of pieces) {
		const folded = foldForSearch(piece);
		const byName = options.find(
			(o) => o.tag.toLowerCase() === folded || [o.name, o.english, o.autonym].some((n) => n !== null && foldForSearch(n) === folded)
		);
		if (byName) {
			out.push(byName.tag);
			continue;
		}
		// "ar en": codes separated by spaces, as the server also reads them.
		for (const word of piece.split(/\s+/)) {
			const tag = canonicalTag(word);
			if (!tag) return null;
			out.push(tag);
		}
	}
	return out;
}
