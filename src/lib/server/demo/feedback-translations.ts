// The demo's translations of feedback by bilingual participants (feedback-translations.json): a
// French comment into Arabic and English, a Persian reason into English, an Arabic and a Spanish
// liaison quote into French and Portuguese (shown in the summaries API and the export). Everything
// else written in other languages is left untranslated, so the "waiting for translation" pages have
// work on them.
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, liaisonSummaries, stances, summaryEntries, summaryQuotes } from '../db/schema';
import { translateComment } from '../comments/translations';
import { reasonSource, translateFeedback } from '../translations/feedback';
import data from './feedback-translations.json';

export function addDemoFeedbackTranslations(
	db: Queryable,
	input: { consultationLanguages: string[]; users: Map<string, number>; commentIds: Map<string, number>; revisionOf: Map<string, number>; languagesOf: (username: string) => string[]; now: number }
): void {
	const user = (name: string) => {
		const id = input.users.get(name);
		if (id === undefined) throw new Error(`demo translations: no user ${name}`);
		return id;
	};
	for (const c of data.comments) {
		translateComment(db, {
			commentId: input.commentIds.get(c.comment)!,
			language: c.language,
			body: c.body,
			translatorId: user(c.translator),
			consultationLanguages: input.consultationLanguages,
			translatorLanguages: input.languagesOf(c.translator),
			now: input.now
		});
	}
	for (const r of data.reasons) {
		const stance = db
			.select({ id: stances.id })
			.from(stances)
			.where(and(eq(stances.revisionId, input.revisionOf.get(r.clause)!), eq(stances.userId, user(r.username))))
			.get();
		if (!stance) throw new Error(`demo translations: ${r.username} gave no reason on ${r.clause}`);
		translateFeedback(db, {
			source: reasonSource(db, stance.id),
			language: r.language,
			body: r.body,
			translatorId: user(r.translator),
			consultationLanguages: input.consultationLanguages,
			translatorLanguages: input.languagesOf(r.translator),
			now: input.now
		});
	}
}

/**
 * The quotes' translations, once the liaison summaries are saved (saving a summary replaces its
 * quotes, and their translations with them).
 */
export function addDemoQuoteTranslations(
	db: Queryable,
	input: { consultationId: number; consultationLanguages: string[]; users: Map<string, number>; languagesOf: (username: string) => string[]; now: number }
): void {
	for (const q of data.quotes) {
		const quote = db
			.select({ id: summaryQuotes.id, original: summaryQuotes.original, language: summaryQuotes.language })
			.from(summaryQuotes)
			.innerJoin(summaryEntries, eq(summaryEntries.id, summaryQuotes.entryId))
			.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryEntries.summaryId))
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, summaryEntries.revisionId))
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(and(eq(liaisonSummaries.consultationId, input.consultationId), eq(liaisonSummaries.language, q.summary), eq(clauses.key, q.clause)))
			.orderBy(asc(summaryQuotes.position))
			.all()[q.quote];
		if (!quote) throw new Error(`demo translations: no quote ${q.quote} on ${q.clause} in the ${q.summary} summary`);
		const translatorId = input.users.get(q.translator);
		if (translatorId === undefined) throw new Error(`demo translations: no user ${q.translator}`);
		translateFeedback(db, {
			source: { kind: 'quote', id: quote.id, text: quote.original, language: quote.language },
			language: q.language,
			body: q.body,
			translatorId,
			consultationLanguages: input.consultationLanguages,
			translatorLanguages: input.languagesOf(q.translator),
			now: input.now
		});
	}
}
