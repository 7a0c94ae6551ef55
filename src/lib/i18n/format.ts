// Numbers, shares, dates, lists and language names formatted with Intl for the UI locale: the one
// formatting module, used by components and by server code alike (the export's and the digests'
// Markdown and wikitext), so that a figure reads the same on a page and in a download. Times are
// shown in UTC so that the server-rendered page and the hydrated page always agree. Formatters are
// costly to create and pages call them hundreds of times, so each is made once per locale and kept.

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat;

const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
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

/** Stands for a measure that is not given (no feedback yet, or not defined there): never shown as 0 or 0%. */
export const NOT_GIVEN = '—';

/** A share (0–1) as a percentage, e.g. 0.6 → "60%"; null → "—". */
export function percent(locale: string, value: number | null): string {
	return value === null
		? NOT_GIVEN
		: cached(`pct:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(value);
}

/** The share `part / whole` as a percentage, computed here from counts (never typed in); null when `whole` is 0. */
export function formatShare(locale: string, part: number, whole: number): string | null {
	return whole <= 0 ? null : percent(locale, part / whole);
}

/** part / whole as a percentage, as formatShare; "—" when whole is 0. */
export function shareOf(locale: string, part: number, whole: number): string {
	return formatShare(locale, part, whole) ?? NOT_GIVEN;
}

/**
 * The shares of support, oppose and neutral in a row, as percentages that add up to 100 (largest
 * remainders get the rounding), so that no row reads 101%; "—" for each when the row is empty.
 */
export function percentsOf(locale: string, counts: readonly number[]): string[] {
	const total = counts.reduce((a, b) => a + b, 0);
	if (total === 0) return counts.map(() => NOT_GIVEN);
	const exact = counts.map((c) => (c * 100) / total);
	const rounded = exact.map(Math.floor);
	const order = exact.map((_, i) => i).sort((a, b) => exact[b] - rounded[b] - (exact[a] - rounded[a]) || a - b);
	for (let i = 0, rest = 100 - rounded.reduce((a, b) => a + b, 0); rest > 0; i++, rest--) rounded[order[i]]++;
	return rounded.map((p) => percent(locale, p / 100));
}

/**
 * A consensus score (0–1), to three significant digits: a product over many communities can be
 * very small, and three decimals would show every contested clause as 0.000.
 */
export function score(locale: string, value: number | null): string {
	return value === null
		? NOT_GIVEN
		: cached(`score:${locale}`, () => new Intl.NumberFormat(locale, { minimumSignificantDigits: 3, maximumSignificantDigits: 3 })).format(value);
}

/** A divergence (a difference of two shares, 0–1), to two decimals; null → "—". */
export function spread(locale: string, value: number | null): string {
	return value === null
		? NOT_GIVEN
		: cached(`spread:${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(value);
}

/** Items joined as the locale joins a list ("A, B and C"). */
export function formatList(locale: string, items: string[]): string {
	return cached(`list:${locale}`, () => new Intl.ListFormat(locale, { type: 'conjunction' })).format(items);
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
