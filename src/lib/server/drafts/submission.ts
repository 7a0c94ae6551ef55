// The draft-import form, shared by "new consultation" and "import a version": read the document
// (pasted or uploaded), parse it, and describe the result for the preview in the reader's language.
import { z } from 'zod';
import type { Translate } from '../../i18n/translator';
import { fieldText } from '../form-fields';
import { renderMarkdown } from '../markdown';
import { multiLine } from '../validation';
import { MAX_DOCUMENT_CHARS, parseDraft, type DraftProblem, type ParsedDraft } from './parse';

export const MAX_NOTE_CHARS = 2_000;

export const draftSubmission = z.object({
	document: z
		.string({ error: 'errors.documentRequired' })
		.max(MAX_DOCUMENT_CHARS, { error: 'errors.documentTooLarge' })
		.refine((s) => s.trim().length > 0, { error: 'errors.documentRequired' }),
	headingLevel: z.coerce.number({ error: 'errors.invalid' }).int().min(1, { error: 'errors.invalid' }).max(6, { error: 'errors.invalid' }),
	note: multiLine(MAX_NOTE_CHARS).optional().default('')
});

/** The submitted document: an uploaded file takes precedence over the text area. */
export async function documentFrom(form: FormData): Promise<{ text: string } | { errorKey: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_DOCUMENT_CHARS * 4) return { errorKey: 'errors.documentTooLarge' };
		try {
			const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
			return { text: text.replace(/^\uFEFF/, '') };
		} catch {
			return { errorKey: 'errors.documentNotUtf8' };
		}
	}
	return { text: fieldText(form, 'document') };
}

export interface DraftPreview {
	/** `notices`: what the committee should know about one clause (HTML removed from it), translated. */
	clauses: { line: number; label: string; heading: string; key: string; keyExplicit: boolean; html: string; notices: string[] }[];
	errors: string[];
	warnings: string[];
}

function describe(t: Translate, problem: DraftProblem): string {
	return t(`import.problems.${problem.code}`, { line: problem.line, ...problem.params });
}

export function previewOf(parsed: ParsedDraft, t: Translate): DraftPreview {
	return {
		clauses: parsed.clauses.map((c) => ({
			line: c.line,
			label: c.label,
			heading: c.heading,
			key: c.key,
			keyExplicit: c.keyExplicit,
			html: renderMarkdown(c.body),
			notices: c.notices.map((p) => describe(t, p))
		})),
		errors: parsed.errors.map((p) => describe(t, p)),
		warnings: parsed.warnings.map((p) => describe(t, p))
	};
}

export { parseDraft };
