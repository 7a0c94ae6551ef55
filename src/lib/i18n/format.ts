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

/** A closing date, to the minute, with the time zone named ("12 March 2026 at 17:00 UTC"). */
export function formatClosingDate(locale: string, ms: number): string {
	return cached(
		`closing:${locale}`,
		() =>
			new Intl.DateTimeFormat(locale, {
				year: 'numeric',
				month: 'long',
				day: 'numeric',
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'UTC',
				timeZoneName: 'short'
			})
	).format(ms);
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/**
 * How far away a date is, in words ("in 5 days", "in 3 hours", "2 days ago"), from `now` — the time
 * the server read, sent with the page, so that the hydrated page says the same.
 */
export function formatRelative(locale: string, ms: number, now: number): string {
	const diff = ms - now;
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	// Rounded: a date set "in 21 days" is still 21 days away a second later.
	if (Math.abs(diff) >= DAY) return rtf.format(Math.round(diff / DAY), 'day');
	if (Math.abs(diff) >= HOUR) return rtf.format(Math.round(diff / HOUR), 'hour');
	return rtf.format(Math.round(diff / 60_000), 'minute');
}
