import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { clauseRevisions, clauseTranslations, comments, committeeResponses, consultations, draftVersions, roleAssignments, stances } from '../db/schema';
import { authenticate } from '../accounts/service';
import { listVersionClauses } from '../clauses/service';
import { buildDemo, DEMO_CLOSES_IN_DAYS, DEMO_PASSWORD, DEMO_STAFF, isEmptyDatabase } from './build';
import { acceptsFeedback } from '../consultations/closing';
import { latestVersionWithFeedback, previousFeedbackByClause } from '../consultations/continuity';
import { listPublishedSummaries, listSummaryHistory } from '../summaries/service';
import { summaryResponsesFor } from '../responses/summaries';
import { directionOf } from '../../i18n/locales';
import { versionResults } from '../aggregation/service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('the demo consultation', () => {
	it('has a 12-clause draft translated into Spanish and Arabic, accounts for each role, and feedback in several languages', async () => {
		expect(isEmptyDatabase(t.db)).toBe(true);
		const demo = await buildDemo(t.db);
		expect(isEmptyDatabase(t.db)).toBe(false);

		const clauses = listVersionClauses(t.db, demo.versionId, 'en', 'en');
		expect(clauses).toHaveLength(12);
		for (const language of ['es', 'ar']) {
			const translated = listVersionClauses(t.db, demo.versionId, 'en', language);
			expect(translated.every((c) => c.translated), language).toBe(true);
		}
		const v1Translations = t.db
			.select({ n: count() })
			.from(clauseTranslations)
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, clauseTranslations.revisionId))
			.where(eq(clauseRevisions.versionId, demo.versionId))
			.get()!.n;
		expect(v1Translations).toBe(24);

		const roles = t.db.select().from(roleAssignments).where(eq(roleAssignments.consultationId, demo.consultationId)).all();
		for (const role of ['admin', 'committee', 'moderator', 'translator', 'liaison'] as const) {
			expect(roles.some((r) => r.role === role), role).toBe(true);
		}
		expect(await authenticate(t.db, DEMO_STAFF[1].username, DEMO_PASSWORD)).not.toBeNull();

		const commentLanguages = t.db.selectDistinct({ language: comments.language }).from(comments).all().map((r) => r.language);
		expect(commentLanguages.length).toBeGreaterThanOrEqual(6);
		expect(commentLanguages).toEqual(expect.arrayContaining(['ar', 'es', 'fa']));
		expect(t.db.select({ n: count() }).from(stances).get()!.n).toBeGreaterThan(30);
		expect(clauses.some((c) => c.counts.oppose > c.counts.support)).toBe(true);
	});

	it('has enough people per language community on version 1 for the cross-community measures', async () => {
		const demo = await buildDemo(t.db, { versions: 1 });
		const consultation = t.db.select().from(consultations).where(eq(consultations.id, demo.consultationId)).get()!;
		const results = versionResults(t.db, consultation, { id: demo.versionId });
		// At least six communities reach the minimum (5) on some clause, and the measures exist on most clauses.
		expect(Math.max(...results.clauses.map((c) => c.measures.weighed.length))).toBeGreaterThanOrEqual(6);
		expect(results.clauses.filter((c) => c.measures.weighed.length >= 6).length).toBeGreaterThan(results.clauses.length / 2);
		// The communities do not all agree: some clause divides them.
		expect(Math.max(...results.clauses.map((c) => c.measures.divergence ?? 0))).toBeGreaterThan(0.5);
	});

	it('has a published version 2 with changed, added and removed clauses, outdated translations and committee responses', async () => {
		const demo = await buildDemo(t.db, { versions: 2 });
		const v1 = listVersionClauses(t.db, demo.versionId, 'en', 'en').map((c) => c.key);
		const v2 = listVersionClauses(t.db, demo.currentVersionId, 'en', 'en').map((c) => c.key);
		expect(v1.filter((k) => !v2.includes(k))).toEqual(['good-faith']);
		expect(v2.filter((k) => !v1.includes(k))).toEqual(['retaliation']);

		const arabic = listVersionClauses(t.db, demo.currentVersionId, 'en', 'ar');
		const spanish = listVersionClauses(t.db, demo.currentVersionId, 'en', 'es');
		const status = (list: typeof arabic, key: string) => {
			const c = list.find((x) => x.key === key)!;
			return c.translated ? (c.outdated ? 'outdated' : 'current') : 'missing';
		};
		// Changed clauses: Arabic and Spanish updated for one of them (so its diff shows in both), not the other.
		expect(status(arabic, 'off-platform')).toBe('current');
		expect(status(arabic, 'enforcement')).toBe('outdated');
		expect(status(spanish, 'off-platform')).toBe('current');
		expect(status(spanish, 'enforcement')).toBe('outdated');
		// A typo fix marked as not affecting translations leaves them current.
		expect(status(arabic, 'purpose')).toBe('current');
		expect(status(arabic, 'retaliation')).toBe('missing');
		expect(status(spanish, 'retaliation')).toBe('current');

		const responses = t.db.select().from(committeeResponses).all();
		expect(responses.length).toBeGreaterThanOrEqual(4);
		expect(responses.some((r) => r.commentId !== null)).toBe(true);
		expect(responses.some((r) => r.actedInVersionId === demo.currentVersionId)).toBe(true);
	});

	it('has published liaison summaries of version 1 in at least three languages, one right-to-left, with several channels each', async () => {
		const demo = await buildDemo(t.db);
		const published = listPublishedSummaries(t.db, demo.versionId);
		expect(published.length).toBeGreaterThanOrEqual(3);
		expect(new Set(published.map((s) => s.language)).size).toBe(published.length);
		expect(published.some((s) => directionOf(s.language) === 'rtl')).toBe(true);
		for (const s of published) {
			expect(s.channels.length, s.language).toBeGreaterThanOrEqual(2);
			expect(s.entries.some((e) => !e.asked), s.language).toBe(true);
			expect(s.entries.some((e) => e.quotes.some((q) => q.translation)), s.language).toBe(true);
			for (const e of s.entries.filter((e) => e.asked)) expect(e.reported!, `${s.language} ${e.clause}`).toBeLessThanOrEqual(s.participants);
		}
		// One was edited after publishing: the text it replaced is kept.
		expect(published.some((s) => listSummaryHistory(t.db, s.id).length > 0)).toBe(true);
		// The committee answered some of them (the right-to-left one among them), one not yet.
		const answers = summaryResponsesFor(t.db, published.map((s) => s.id));
		expect(answers.size).toBeGreaterThanOrEqual(2);
		expect(answers.size).toBeLessThan(published.length);
		expect(published.some((s) => directionOf(s.language) === 'rtl' && answers.get(s.id)?.actedInVersion === 2)).toBe(true);
	});
});

describe('the demo shows continuity and signposting (issue 12)', () => {
	it('closes in three weeks; version 2 has feedback, far less than version 1, whose counts its clauses show beside them', async () => {
		const now = Date.UTC(2026, 0, 15, 9, 0);
		const demo = await buildDemo(t.db, { now });
		const consultation = t.db.select().from(consultations).where(eq(consultations.id, demo.consultationId)).get()!;
		expect(consultation.closesAt).toBe(now + DEMO_CLOSES_IN_DAYS * 24 * 60 * 60 * 1000);
		expect(acceptsFeedback(consultation, now)).toBe(true);

		const given = (versionId: number) =>
			listVersionClauses(t.db, versionId, 'en', 'en').reduce((sum, c) => sum + c.counts.support + c.counts.oppose + c.counts.neutral, 0);
		expect(given(demo.currentVersionId)).toBeGreaterThan(0);
		expect(given(demo.currentVersionId)).toBeLessThan(given(demo.versionId) / 2);
		// Most clauses of version 2 show their previous wording's feedback beside them.
		const v2 = t.db.select().from(draftVersions).where(eq(draftVersions.id, demo.currentVersionId)).get()!;
		expect(previousFeedbackByClause(t.db, v2).size).toBeGreaterThanOrEqual(8);
		expect(latestVersionWithFeedback(t.db, demo.consultationId)?.id).toBe(demo.currentVersionId);
	});
});
