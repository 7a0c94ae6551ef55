// Who wrote what, as pages name them: @username and the author's roles in that consultation, read in
// the same query as the comments, reasons and responses (docs/moderation.md, "Impersonation").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { users } from '../db/schema';
import { readClause } from '../clauses/service';
import { addComment, listComments } from '../comments/service';
import { setStance, listReasons } from '../stances/service';
import { recordResponse, responsesForRevision } from '../responses/service';
import { deleteAccount } from '../accounts/deletion';
import { assignRole } from '../roles/service';
import { badgesOf } from './badges';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('badgesOf', () => {
	it('orders roles broadest first, adds site administrators, and drops repeats', () => {
		expect(badgesOf('translator:es,committee:,liaison:ar,committee:', false)).toEqual([
			{ role: 'committee' },
			{ role: 'liaison', language: 'ar' },
			{ role: 'translator', language: 'es' }
		]);
		expect(badgesOf(null, true)).toEqual([{ role: 'admin' }]);
		expect(badgesOf('admin:', true)).toEqual([{ role: 'admin' }]);
		expect(badgesOf(null, false)).toEqual([]);
	});
});

describe('authors with their @username and their roles in the consultation', () => {
	function setup() {
		const { consultation, version } = makeConsultation(t.db);
		const other = makeConsultation(t.db);
		const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
		// Same display name as the administrator: only the username tells them apart.
		const admin = makeUser(t.db, { displayName: 'Ada Okafor' });
		t.db.update(users).set({ isSiteAdmin: true }).where(eq(users.id, admin.id)).run();
		const copycat = makeUser(t.db, { displayName: 'Ada Okafor' });
		const member = makeUser(t.db, { displayName: 'Kenji' });
		const liaison = makeUser(t.db, { displayName: 'Layla' });
		assignRole(t.db, { consultationId: consultation.id, userId: member.id, role: 'committee' });
		assignRole(t.db, { consultationId: consultation.id, userId: liaison.id, role: 'liaison', language: 'ar' });
		// A role elsewhere is no badge here.
		assignRole(t.db, { consultationId: other.consultation.id, userId: copycat.id, role: 'moderator' });
		return { consultation, revisionId, admin, copycat, member, liaison };
	}

	it('on comments and replies', () => {
		const { revisionId, admin, copycat, member, liaison } = setup();
		const top = addComment(t.db, { revisionId, authorId: copycat.id, language: 'en', body: 'I am the admin', now: 1 });
		addComment(t.db, { revisionId, authorId: admin.id, language: 'en', body: 'No, I am', parentId: top.id, now: 2 });
		addComment(t.db, { revisionId, authorId: member.id, language: 'en', body: 'Committee here', now: 3 });
		addComment(t.db, { revisionId, authorId: liaison.id, language: 'ar', body: 'مرحبا', now: 4 });
		const page = listComments(t.db, revisionId, { order: 'oldest', language: null, page: 1 });
		expect(page.items.map((c) => c.author)).toEqual([
			{ username: copycat.username, displayName: 'Ada Okafor', badges: [] },
			{ username: member.username, displayName: 'Kenji', badges: [{ role: 'committee' }] },
			{ username: liaison.username, displayName: 'Layla', badges: [{ role: 'liaison', language: 'ar' }] }
		]);
		expect(page.items[0].replies[0].author).toEqual({ username: admin.username, displayName: 'Ada Okafor', badges: [{ role: 'admin' }] });
	});

	it('on reasons and committee responses; a former participant has no username', () => {
		const { consultation, revisionId, member, copycat } = setup();
		setStance(t.db, { revisionId, userId: member.id, stance: 'support', reason: 'Good', language: 'en' });
		setStance(t.db, { revisionId, userId: copycat.id, stance: 'oppose', reason: 'Bad', language: 'en' });
		recordResponse(t.db, { revisionId, commentId: null, status: 'noted', explanation: 'Thanks', actedInVersion: null, authorId: member.id, consultationId: consultation.id });
		const reasons = listReasons(t.db, revisionId, { page: 1 }).items;
		expect(reasons.find((r) => r.reason === 'Good')!.author).toEqual({ username: member.username, displayName: 'Kenji', badges: [{ role: 'committee' }] });
		expect(responsesForRevision(t.db, revisionId).clause!.author).toEqual({ username: member.username, displayName: 'Kenji', badges: [{ role: 'committee' }] });

		deleteAccount(t.db, { userId: copycat.id, comments: 'keep' });
		expect(listReasons(t.db, revisionId, { page: 1 }).items.find((r) => r.reason === 'Bad')!.author).toBeNull();
	});
});
