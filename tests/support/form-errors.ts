// Reading a form's answer from a rendered page the way a screen reader meets it: the error summary
// at the top of the form (FormErrors.svelte, the GOV.UK pattern) — an element with role="alert",
// its title, the message that concerns no field, and a link per field error to that field's input.
// Shared by the integration tests so that none of them re-guesses the markup with its own regex.

export interface ErrorSummary {
	/** The summary's id: `<form>-errors`, where a post without JavaScript is sent back to. */
	id: string;
	title: string;
	/** The message that concerns the whole form (errors.form), if any. */
	formError?: string;
	/** Each field's error, linked to its input (`#<input id>`). */
	fields: { href: string; message: string }[];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text content as the browser shows it: Svelte's hydration comments gone, entities decoded. */
function text(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
			if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? whole;
			return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		})
		.trim();
}

/**
 * Every error summary on the page, in document order. Only one announced as an alert counts: a
 * message that is on the page but not announced is not what these tests promise people.
 */
export function errorSummaries(html: string): ErrorSummary[] {
	const summaries: ErrorSummary[] = [];
	// FormErrors renders <div class="error-summary" id=… tabindex="-1" role="alert" …> with no nested <div>.
	for (const match of html.matchAll(/<div class="error-summary(?: [^"]*)?"([^>]*)>([\s\S]*?)<\/div>/g)) {
		const [, attributes, body] = match;
		if (!/\brole="alert"/.test(attributes)) continue;
		const id = /\bid="([^"]+)"/.exec(attributes)?.[1] ?? '';
		const title = text(/<p class="error-summary-title"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1] ?? '');
		const formError = /<span class="form-error">([\s\S]*?)<\/span>/.exec(body)?.[1];
		const fields = [...body.matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1], message: text(m[2]) }));
		summaries.push({ id, title, formError: formError === undefined ? undefined : text(formError), fields });
	}
	return summaries;
}

/** The error summary with this id (`form-errors`, `comment-errors`, `reply-12-errors`…), if shown. */
export function errorSummary(html: string, id: string): ErrorSummary | undefined {
	return errorSummaries(html).find((s) => s.id === id);
}

/**
 * The message about the whole form (a failed log-in, "try again in …"), as announced in the error
 * summary: of the summary `id` when given, else of the only summary that has one.
 */
export function formError(html: string, id?: string): string | undefined {
	if (id !== undefined) return errorSummary(html, id)?.formError;
	const messages = errorSummaries(html).flatMap((s) => (s.formError === undefined ? [] : [s.formError]));
	if (messages.length > 1) throw new Error(`several error summaries carry a form error: ${JSON.stringify(messages)}`);
	return messages[0];
}
