// The UI locales: each has a catalog in messages/<code>.json. Shared by server and client.

export interface UiLocale {
	code: string;
	/** The locale's name in its own language, for the switcher. */
	autonym: string;
	dir: 'ltr' | 'rtl';
}

export const UI_LOCALES: readonly UiLocale[] = [
	{ code: 'en', autonym: 'English', dir: 'ltr' },
	{ code: 'es', autonym: 'Español', dir: 'ltr' },
	{ code: 'fr', autonym: 'Français', dir: 'ltr' },
	{ code: 'pt', autonym: 'Português', dir: 'ltr' },
	{ code: 'ar', autonym: 'العربية', dir: 'rtl' },
	{ code: 'fa', autonym: 'فارسی', dir: 'rtl' },
	{ code: 'hi', autonym: 'हिन्दी', dir: 'ltr' },
	{ code: 'zh-Hans', autonym: '简体中文', dir: 'ltr' }
];

export const DEFAULT_LOCALE = 'en';
export const LOCALE_CODES = UI_LOCALES.map((l) => l.code);

export function isUiLocale(code: string | null | undefined): code is string {
	return !!code && LOCALE_CODES.includes(code);
}

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ckb', 'dv', 'yi', 'ug', 'ku-Arab']);

const directions = new Map<string, 'ltr' | 'rtl'>();

/** Writing direction of any BCP 47 tag (for content in languages the UI itself may not have). */
export function directionOf(tag: string): 'ltr' | 'rtl' {
	// Intl.Locale#maximize is slow and pages ask again for every comment: remember the answers.
	let direction = directions.get(tag);
	if (direction === undefined) {
		direction = scriptDirection(tag);
		if (directions.size >= 10_000) directions.clear();
		directions.set(tag, direction);
	}
	return direction;
}

function scriptDirection(tag: string): 'ltr' | 'rtl' {
	try {
		const locale = new Intl.Locale(tag);
		const script = locale.maximize().script;
		if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
		return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
	} catch {
		return 'ltr';
	}
}

/**
 * The best UI locale for a BCP 47 tag: exact match, then the same language with the UI's default
 * script (zh, zh-CN, zh-SG → zh-Hans; pt-BR → pt), else null.
 */
export function matchUiLocale(tag: string): string | null {
	let locale: Intl.Locale;
	try {
		locale = new Intl.Locale(tag);
	} catch {
		return null;
	}
	const exact = UI_LOCALES.find((l) => l.code.toLowerCase() === tag.toLowerCase());
	if (exact) return exact.code;
	const max = locale.maximize();
	for (const ui of UI_LOCALES) {
		const uiMax = new Intl.Locale(ui.code).maximize();
		if (uiMax.language === max.language && uiMax.script === max.script) return ui.code;
	}
	return null;
}

/** Picks a UI locale from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null): string | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, i) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
		})
		.filter((r) => r.tag && r.tag !== '*' && r.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.i - b.i);
	for (const { tag } of ranked) {
		const match = matchUiLocale(tag);
		if (match) return match;
	}
	return null;
}
