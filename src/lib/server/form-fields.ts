// One pass over a posted form. FormData.get() looks through the entries from the first every time,
// so reading a form field by field with it takes time growing with the square of its size: the
// liaison summary form's thousands of fields took seconds, with the whole server waiting.

/** Each field's first value by name, as FormData.get() would give it (an uploaded file as ''). */
export function firstValues(form: FormData): Map<string, string> {
	const out = new Map<string, string>();
	for (const [name, value] of form) {
		if (!out.has(name)) out.set(name, typeof value === 'string' ? value : '');
	}
	return out;
}

/** A text field's value; `fallback` when it is missing or an uploaded file (as firstValues gives ''). */
export function fieldText(form: FormData, name: string, fallback = ''): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : fallback;
}

/** A form value read back as text (to echo it, or to name a form): the string, else `fallback`. */
export function asText(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}
