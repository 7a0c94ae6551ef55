// A form's inputs read from a rendered page by their attributes, whatever order Svelte writes them
// in and whatever ids they carry (ids derive from the form: `stance-choice-oppose`, `reply-12-body`).

export type Attributes = Record<string, string>;

/** The attributes of each `<input>` whose name is `name`, in document order (a bare attribute is ''). */
export function inputsNamed(html: string, name: string): Attributes[] {
	const found: Attributes[] = [];
	for (const [, inside] of html.matchAll(/<input\b([^>]*)>/g)) {
		const attributes: Attributes = {};
		for (const [, key, value] of inside.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) attributes[key] = value ?? '';
		if (attributes.name === name) found.push(attributes);
	}
	return found;
}

/** The values of the checked inputs (radios, boxes) named `name`. */
export function checkedValues(html: string, name: string): string[] {
	return inputsNamed(html, name)
		.filter((a) => 'checked' in a)
		.map((a) => a.value);
}
