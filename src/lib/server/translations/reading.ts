// The consultation's texts as pages show them: in the reading language when translated (rendered
// when Markdown), with what readers need for the "translation / original / outdated" notice.
import { renderMarkdown } from '../markdown';
import type { ResponseView } from '../responses/service';
import type { TextKind } from '../db/schema';
import { MARKDOWN_KINDS, type LocalizedText, type TextReader, type TextRef } from './texts';

export interface ShownText {
	text: string;
	/** Rendered and sanitised, for Markdown texts; null for plain ones. */
	html: string | null;
	language: string;
	translated: boolean;
	outdated: boolean;
	original: { text: string; html: string | null; language: string } | null;
}

export function shownText(localized: LocalizedText, markdown: boolean): ShownText {
	const render = (text: string) => (markdown ? renderMarkdown(text) : null);
	return {
		...localized,
		html: render(localized.text),
		original: localized.original ? { ...localized.original, html: render(localized.original.text) } : null
	};
}

/** One text through the reader: `source` in `sourceLanguage`, translated when it can be. */
export function readText(read: TextReader, ref: TextRef, source: string, sourceLanguage: string): ShownText {
	return shownText(read(ref, { text: source, language: sourceLanguage }), MARKDOWN_KINDS.includes(ref.kind));
}

/** What ResponseBox shows of a response's translation (the explanation's own html stays the original). */
export interface ResponseTranslation {
	html: string;
	language: string;
	outdated: boolean;
}

/** A committee response with its translation into the reading language, when there is one. */
export function withResponseTranslation<T extends Pick<ResponseView, 'id' | 'explanation'>>(
	read: TextReader,
	kind: Extract<TextKind, 'response' | 'summary-response'>,
	view: T,
	sourceLanguage: string
): T & { translation: ResponseTranslation | null } {
	const t = read({ kind, subjectId: view.id, part: 0 }, { text: view.explanation, language: sourceLanguage });
	return { ...view, translation: t.translated ? { html: renderMarkdown(t.text), language: t.language, outdated: t.outdated } : null };
}
