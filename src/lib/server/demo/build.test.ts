import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { clauseRevisions, clauseTranslations, comments, committeeResponses, roleAssignments, stances } from '../db/schema';
import { authenticate } from '../accounts/service';
import { listVersionClauses } from '../clauses/service';
import { buildDemo, DEMO_PASSWORD, DEMO_STAFF, isEmptyDatabase } from './build';

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
		// Changed clauses: Arabic not yet updated, Spanish updated for one of them.
		expect(status(arabic, 'off-platform')).toBe('outdated');
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
});
