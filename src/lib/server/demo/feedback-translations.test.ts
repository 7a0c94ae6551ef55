import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { commentTranslations, feedbackTranslations } from '../db/schema';
import { buildDemo } from './build';
import { waitingForTranslation } from '../translations/waiting';
import { getConsultation, getVersion } from '../consultations/service';
import { summariesJson } from '../summaries/api';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('the demo’s comments across languages', () => {
	it('has a French comment translated into Arabic and English, a Persian reason into English, two quotes, and leaves the rest waiting', async () => {
		const demo = await buildDemo(t.db);
		const byComment = t.db.select().from(commentTranslations).all();
		expect(byComment.map((tr) => [tr.language, tr.machine]).sort()).toEqual([
			['ar', false],
			['en', false]
		]);
		const reasons = t.db.select().from(feedbackTranslations).all();
		expect(reasons.map((tr) => [tr.kind, tr.language])).toEqual([
			['reason', 'en'],
			['quote', 'fr'],
			['quote', 'pt']
		]);
		// The quotes' translations survive the summaries' later edits, and the API gives them.
		const consultation = getConsultation(t.db, demo.slug)!;
		const api = summariesJson(t.db, consultation, getVersion(t.db, consultation.id, 1)!);
		const quotes = api.summaries.flatMap((s) => s.entries.flatMap((e) => e.quotes));
		expect(quotes.flatMap((q) => q.translations.map((tr) => [q.language, tr.language, tr.translatorUsername, tr.machine, tr.outdated]))).toEqual([
			['ar', 'fr', 'youssef_k', false, false],
			['es', 'pt', 'joana', false, false]
		]);
		// Every language has feedback waiting for bilingual volunteers, the French comment no longer for Arabic.
		for (const language of ['ar', 'es', 'fa', 'en']) {
			const list = waitingForTranslation(t.db, demo.consultationId, language, { committee: false });
			expect(list.total, language).toBeGreaterThan(10);
		}
		const arabic = waitingForTranslation(t.db, demo.consultationId, 'ar', { committee: false, pageSize: 1000 });
		expect(arabic.items.some((i) => i.kind === 'comment' && i.id === byComment[0].commentId)).toBe(false);
		expect(arabic.items.some((i) => i.kind === 'quote')).toBe(true);
	});
});
