// Numbers of the results pages, formatted for the UI locale; "—" stands for a measure that is not given.
export const NOT_GIVEN = '—';

const cache = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const id = `${locale}|${key}`;
	let f = cache.get(id);
	if (!f) {
		f = new Intl.NumberFormat(locale, options);
		cache.set(id, f);
	}
	return f;
}

export function count(locale: string, n: number): string {
	return formatter(locale, 'count', {}).format(n);
}

/** A share (0–1) as a percentage, e.g. 0.6 → "60%"; null → "—". */
export function percent(locale: string, value: number | null): string {
	return value === null ? NOT_GIVEN : formatter(locale, 'percent', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** part / whole as a percentage, computed here (never typed); "—" when whole is 0. */
export function shareOf(locale: string, part: number, whole: number): string {
	return whole === 0 ? NOT_GIVEN : percent(locale, part / whole);
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
		: formatter(locale, 'score', { minimumSignificantDigits: 3, maximumSignificantDigits: 3 }).format(value);
}

/** A divergence (a difference of two shares, 0–1), to two decimals; null → "—". */
export function spread(locale: string, value: number | null): string {
	return value === null
		? NOT_GIVEN
		: formatter(locale, 'spread', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

const displayNames = new Map<string, Intl.DisplayNames | null>();
const names = new Map<string, string>();
/** A language community's name in the UI locale ("ar" → "Arabic"), remembered: pages name the same 150 communities again and again. */
export function communityName(locale: string, tag: string): string {
	const key = `${locale}|${tag}`;
	let name = names.get(key);
	if (name === undefined) {
		if (!displayNames.has(locale)) {
			try {
				displayNames.set(locale, new Intl.DisplayNames([locale], { type: 'language' }));
			} catch {
				displayNames.set(locale, null);
			}
		}
		try {
			name = displayNames.get(locale)?.of(tag) ?? tag;
		} catch {
			name = tag;
		}
		if (names.size < 10_000) names.set(key, name);
	}
	return name;
}
