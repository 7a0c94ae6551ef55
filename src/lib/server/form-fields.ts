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
