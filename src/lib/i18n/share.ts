// Shares of a whole, always computed from counts (never typed in), formatted for the UI locale.

/** The share `part / whole` as a percentage in the locale's own format, or null when `whole` is 0. */
export function formatShare(locale: string, part: number, whole: number): string | null {
	if (whole <= 0) return null;
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}
