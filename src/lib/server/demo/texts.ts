// The demo's translations of the consultation's texts other than clauses (texts.json): the title,
// description and version notes, some committee responses and liaison key points, into Arabic,
// Spanish and Persian — one of them made from an earlier wording, so readers see an outdated one.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { textTranslations, type TextKind } from '../db/schema';
import { setTextTranslation, textSources } from '../translations/texts';
import texts from './texts.json';

interface DemoText {
	kind: TextKind;
	/** Which version's note. */
	version?: number;
	/** The source text's opening words, to find a response, key points or a channel. */
	startsWith?: string;
	translations: Record<string, string>;
	/** The earlier source a translation was made from (it is then outdated). */
	translatedFrom?: Record<string, string>;
}

export function addDemoTextTranslations(
	db: Queryable,
	input: { consultationId: number; users: Map<string, number>; now: number }
): number {
	const sources = textSources(db, input.consultationId);
	let saved = 0;
	for (const t of texts.texts as DemoText[]) {
		const source = sources.find(
			(s) => s.kind === t.kind && (t.version === undefined || s.version === t.version) && s.text.startsWith(t.startsWith ?? '')
		);
		// The demo's own texts changed without this file: fail loudly (the demo tests build it).
		if (!source) throw new Error(`demo text not found: ${t.kind} ${t.version ?? ''} ${t.startsWith ?? ''}`);
		for (const [language, text] of Object.entries(t.translations)) {
			// Persian has no translator among the demo accounts: its translations name no one.
			const row = setTextTranslation(db, { consultationId: input.consultationId, kind: source.kind, subjectId: source.subjectId, part: source.part, language, text, translatorId: input.users.get(`translator_${language}`) ?? null, now: input.now });
			const earlier = t.translatedFrom?.[language];
			if (earlier) db.update(textTranslations).set({ sourceText: earlier }).where(eq(textTranslations.id, row.id)).run();
			saved += 1;
		}
	}
	return saved;
}
