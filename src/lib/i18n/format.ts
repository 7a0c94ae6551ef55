// Dates and numbers formatted with Intl for the UI locale. Times are shown in UTC so that the
// server-rendered page and the hydrated page always agree.

export function formatNumber(locale: string, value: number): string {
	return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(locale: string, ms: number): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'UTC'
	}).format(ms);
}

export function formatDate(locale: string, ms: number): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}

/** The name of a language (BCP 47 tag) in the UI locale, e.g. "ar" → "Arabic" / "árabe". */
export function languageName(locale: string, tag: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** The name of a language in that language itself, e.g. "ar" → "العربية". */
export function languageAutonym(tag: string): string {
	return languageName(tag, tag);
}
