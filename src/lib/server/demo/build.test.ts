import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { clauseTranslations, comments, roleAssignments, stances } from '../db/schema';
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
		const translationCount = t.db.select({ n: count() }).from(clauseTranslations).get()!.n;
		expect(translationCount).toBe(24);

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
});
