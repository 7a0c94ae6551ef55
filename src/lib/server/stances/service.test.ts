import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { addComment } from '../comments/service';
import { stances } from '../db/schema';
import { getStance, listReasons, setStance, withdrawStance } from './service';
import { feedbackCounts } from '../tallies/read';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function revisions() {
	const { version } = makeConsultation(t.db);
	const purpose = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	return { purpose, respect };
}

describe('stances', () => {
	it('keeps one stance per participant per clause revision: changing it replaces it', () => {
		const { purpose } = revisions();
		const user = makeUser(t.db);
		setStance(t.db, { revisionId: purpose, userId: user.id, stance: 'support', reason: 'Clear.', language: 'en', now: 1000 });
		const changed = setStance(t.db, { revisionId: purpose, userId: user.id, stance: 'oppose', reason: null, language: 'en', now: 2000 });
		expect(t.db.select().from(stances).all()).toHaveLength(1);
		expect(changed).toMatchObject({ stance: 'oppose', reason: null, createdAt: 1000, updatedAt: 2000 });
		expect(getStance(t.db, purpose, user.id)?.stance).toBe('oppose');
	});

	it('counts stances and comments per revision', () => {
		const { purpose, respect } = revisions();
		const [a, b, c] = [makeUser(t.db), makeUser(t.db), makeUser(t.db)];
		setStance(t.db, { revisionId: purpose, userId: a.id, stance: 'support', reason: null, language: 'en' });
		setStance(t.db, { revisionId: purpose, userId: b.id, stance: 'support', reason: null, language: 'en' });
		setStance(t.db, { revisionId: purpose, userId: c.id, stance: 'neutral', reason: null, language: 'en' });
		setStance(t.db, { revisionId: respect, userId: a.id, stance: 'oppose', reason: null, language: 'en' });
		const top = addComment(t.db, { revisionId: purpose, authorId: a.id, language: 'en', body: 'Hi' });
		addComment(t.db, { revisionId: purpose, authorId: b.id, language: 'es', body: 'Hola', parentId: top.id });
		const counts = feedbackCounts(t.db, [purpose, respect]);
		expect(counts.get(purpose)).toEqual({ support: 2, oppose: 0, neutral: 1, comments: 2 });
		expect(counts.get(respect)).toEqual({ support: 0, oppose: 1, neutral: 0, comments: 0 });
		withdrawStance(t.db, purpose, a.id);
		expect(feedbackCounts(t.db, [purpose]).get(purpose)?.support).toBe(1);
	});

	it('lists the reasons given, newest first, leaving out stances without one', () => {
		const { purpose } = revisions();
		const [a, b, c] = [makeUser(t.db, { displayName: 'Amina' }), makeUser(t.db), makeUser(t.db)];
		setStance(t.db, { revisionId: purpose, userId: a.id, stance: 'oppose', reason: 'غير واضح', language: 'ar', now: 1 });
		setStance(t.db, { revisionId: purpose, userId: b.id, stance: 'support', reason: null, language: 'en', now: 2 });
		setStance(t.db, { revisionId: purpose, userId: c.id, stance: 'neutral', reason: 'Depends.', language: 'en', now: 3 });
		const reasons = listReasons(t.db, purpose, { page: 1 });
		expect(reasons.total).toBe(2);
		expect(reasons.items.map((r) => [r.stance, r.reason, r.language])).toEqual([
			['neutral', 'Depends.', 'en'],
			['oppose', 'غير واضح', 'ar']
		]);
		expect(reasons.items[1].author?.displayName).toBe('Amina');
		expect(listReasons(t.db, purpose, { page: 2, pageSize: 1 }).items.map((r) => r.reason)).toEqual(['غير واضح']);
	});
});
