// Dates, numbers and language names formatted with Intl for the UI locale. Times are shown in UTC
// so that the server-rendered page and the hydrated page always agree. Formatters are costly to
// create and pages call them hundreds of times, so each is made once per locale and kept.

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
	let formatter = cache.get(key) as T | undefined;
	if (!formatter) {
		formatter = make();
		cache.set(key, formatter);
	}
	return formatter;
}

export function formatNumber(locale: string, value: number): string {
	return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

export function formatDateTime(locale: string, ms: number): string {
	return cached(
		`dt:${locale}`,
		() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
	).format(ms);
}

export function formatDate(locale: string, ms: number): string {
	return cached(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })).format(ms);
}

const names = new Map<string, string>();

/** The name of a language (BCP 47 tag) in the UI locale, e.g. "ar" → "Arabic" / "árabe". */
export function languageName(locale: string, tag: string): string {
	// Intl.DisplayNames#of takes tens of microseconds and a language menu asks for hundreds of names.
	const key = `${locale} ${tag}`;
	let name = names.get(key);
	if (name === undefined) {
		try {
			name = cached(`l:${locale}`, () => new Intl.DisplayNames([locale], { type: 'language' })).of(tag) ?? tag;
		} catch {
			name = tag;
		}
		if (names.size >= 10_000) names.clear();
		names.set(key, name);
	}
	return name;
}

/** The name of a language in that language itself, e.g. "ar" → "العربية". */
export function languageAutonym(tag: string): string {
	return languageName(tag, tag);
}
