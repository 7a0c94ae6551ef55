// The demo's translations of feedback by bilingual participants (feedback-translations.json): a
// French comment into Arabic and English, a Persian reason into English. Everything else written
// in other languages is left untranslated, so the "waiting for translation" pages have work on them.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { stances } from '../db/schema';
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
