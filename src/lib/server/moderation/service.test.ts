import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, tallyRows, type TestDb } from '../../../../tests/support/db';
import { auditLog, commentRevisions, comments, commentTranslations, consultations, reports, suspensions } from '../db/schema';
import { readClause } from '../clauses/service';
import { addComment, listComments } from '../comments/service';
import { PUBLIC_READER } from '../privacy/visibility';
import { deleteComment, editComment } from '../comments/authoring';
import { setStance } from '../stances/service';
import { rebuildTallies } from '../tallies/service';
import { assignRole, revokeRole, listAssignments } from '../roles/service';
import { listAudit } from '../audit/service';
import { dismissReports, hideComment, moderationQueue, reportComment, restoreComment } from './service';
import { activeSuspension, assertNotSuspended, liftSuspension, listActiveSuspensions, SuspendedError, suspendUser } from './suspensions';
import { ModerationError } from './errors';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => {
	delete process.env.COMMENT_EDIT_WINDOW_MINUTES;
	t.close();
});

const HOUR = 3_600_000;

function setup() {
	const { consultation, version } = makeConsultation(t.db);
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const author = makeUser(t.db, { displayName: 'Author' });
	const moderator = makeUser(t.db, { displayName: 'Mod', username: `mod${consultation.id}` });
	assignRole(t.db, { consultationId: consultation.id, userId: moderator.id, role: 'moderator', grantedBy: null, now: 0 });
	const readers = Array.from({ length: 4 }, () => makeUser(t.db));
	const comment = addComment(t.db, { revisionId, authorId: author.id, language: 'en', body: 'A **rude** remark', now: 1000 });
	return { consultation, version, revisionId, author, moderator, readers, comment };
}

function expectRefusal(fn: () => unknown, code: string) {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ModerationError);
		expect((e as ModerationError).code).toBe(code);
		return;
	}
	throw new Error(`expected ${code}`);
}

function state(id: number) {
	return t.db.select().from(comments).where(eq(comments.id, id)).get()!;
}

function auditActions(consultationId: number) {
	return listAudit(t.db, { consultationId }).items.map((e) => e.action);
}

describe('reporting', () => {
	it('hides a comment pending review once the threshold of different people is reached, in the same transaction', () => {
		const { consultation, comment, readers } = setup();
		const report = (i: number) =>
			reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: readers[i].id, reason: 'harassment', details: '' });
		expect(report(0)).toEqual({ outcome: 'reported', pending: false, openReports: 1 });
		expect(report(1).pending).toBe(false);
		expect(state(comment.id).moderation).toBe('visible');
		expect(report(2)).toEqual({ outcome: 'reported', pending: true, openReports: 3 });
		expect(state(comment.id).moderation).toBe('pending');
		const pendingRow = t.db.select().from(auditLog).where(eq(auditLog.action, 'comment.pending')).get()!;
		expect(pendingRow).toMatchObject({ actorId: null, targetType: 'comment', targetId: comment.id, consultationId: consultation.id });
		expect(pendingRow.details).toEqual({ openReports: 3, threshold: 3 });
		// A fourth report keeps it pending and writes no second "pending" row.
		expect(report(3).pending).toBe(true);
		expect(auditActions(consultation.id).filter((a) => a === 'comment.pending')).toHaveLength(1);
	});

	it('uses the consultation’s own threshold', () => {
		const { consultation, comment, readers } = setup();
		t.db.update(consultations).set({ reportThreshold: 1 }).where(eq(consultations.id, consultation.id)).run();
		const outcome = reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: readers[0].id, reason: 'spam', details: '' });
		expect(outcome.pending).toBe(true);
	});

	it('counts the same person once: a second report replaces the first; after review it is refused', () => {
		const { consultation, comment, readers, moderator } = setup();
		const input = { commentId: comment.id, consultationId: consultation.id, reporterId: readers[0].id };
		reportComment(t.db, { ...input, reason: 'spam', details: '' });
		for (let i = 0; i < 5; i++) {
			expect(reportComment(t.db, { ...input, reason: 'other', details: `again ${i}` })).toEqual({ outcome: 'updated', pending: false, openReports: 1 });
		}
		const rows = t.db.select().from(reports).where(eq(reports.commentId, comment.id)).all();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ reason: 'other', details: 'again 4', status: 'open' });
		expect(state(comment.id).moderation).toBe('visible');

		dismissReports(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id });
		expectRefusal(() => reportComment(t.db, { ...input, reason: 'spam', details: '' }), 'errors.reportAlreadyReviewed');
	});

	it('refuses one’s own comment, hidden and deleted comments, comments of another consultation, and "other" without details', () => {
		const { consultation, comment, author, readers, moderator, revisionId } = setup();
		const base = { consultationId: consultation.id, reason: 'spam' as const, details: '' };
		expectRefusal(() => reportComment(t.db, { ...base, commentId: comment.id, reporterId: author.id }), 'errors.reportOwnComment');
		expectRefusal(
			() => reportComment(t.db, { ...base, reason: 'other', commentId: comment.id, reporterId: readers[0].id }),
			'errors.reportDetailsRequired'
		);
		expectRefusal(
			() => reportComment(t.db, { ...base, details: 'x'.repeat(1001), commentId: comment.id, reporterId: readers[0].id }),
			'errors.reportDetailsTooLong'
		);
		const other = makeConsultation(t.db);
		expectRefusal(
			() => reportComment(t.db, { ...base, consultationId: other.consultation.id, commentId: comment.id, reporterId: readers[0].id }),
			'errors.commentNotFound'
		);
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Insult' });
		expectRefusal(() => reportComment(t.db, { ...base, commentId: comment.id, reporterId: readers[0].id }), 'errors.reportAlreadyHidden');
		const second = addComment(t.db, { revisionId, authorId: author.id, language: 'en', body: 'bye' });
		deleteComment(t.db, { commentId: second.id, authorId: author.id });
		expectRefusal(() => reportComment(t.db, { ...base, commentId: second.id, reporterId: readers[0].id }), 'errors.commentNotFound');
	});
});

describe('moderation decisions', () => {
	it('hide upholds the open reports, shows readers the reason and not the body; restore brings it back', () => {
		const { consultation, comment, readers, moderator, author, revisionId } = setup();
		reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: readers[0].id, reason: 'harassment', details: 'insult' });
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Personal attack', now: 5000 });
		expect(state(comment.id)).toMatchObject({ moderation: 'hidden', moderationReason: 'Personal attack', moderatedBy: moderator.id, moderatedAt: 5000 });
		expect(t.db.select().from(reports).all().map((r) => r.status)).toEqual(['upheld']);

		const query = { order: 'newest' as const, language: null, page: 1 };
		const [forReader] = listComments(t.db, revisionId, { ...query, reader: { userId: readers[1].id, moderates: false, committee: false } }).items;
		expect(forReader).toMatchObject({ moderation: 'hidden', moderationReason: 'Personal attack', withheld: true, html: '', author: null });
		expect(JSON.stringify(listComments(t.db, revisionId, query))).not.toContain('rude');
		const [forModerator] = listComments(t.db, revisionId, { ...query, reader: { userId: moderator.id, moderates: true, committee: false } }).items;
		expect(forModerator).toMatchObject({ withheld: false, moderation: 'hidden' });
		expect(forModerator.html).toContain('<strong>rude</strong>');
		const [forAuthor] = listComments(t.db, revisionId, { ...query, reader: { userId: author.id, moderates: false, committee: false } }).items;
		expect(forAuthor).toMatchObject({ withheld: false, mine: true, editable: false });

		restoreComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id });
		expect(state(comment.id)).toMatchObject({ moderation: 'visible', moderationReason: null });
		expect(listComments(t.db, revisionId, query).items[0].html).toContain('rude');
		expectRefusal(
			() => restoreComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id }),
			'errors.moderationNothingToDo'
		);
		expect(auditActions(consultation.id).slice(0, 2)).toEqual(['comment.restore', 'comment.hide']);
	});

	it('dismissing the reports of a pending comment makes it visible and dismisses them; nothing to dismiss is refused', () => {
		const { consultation, comment, readers, moderator, revisionId } = setup();
		for (const r of readers.slice(0, 3)) {
			reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: r.id, reason: 'off-topic', details: '' });
		}
		expect(state(comment.id).moderation).toBe('pending');
		const [pending] = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1 }).items;
		expect(pending).toMatchObject({ moderation: 'pending', withheld: true, html: '', moderationReason: null });

		expect(dismissReports(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Fine' })).toBe(3);
		expect(state(comment.id).moderation).toBe('visible');
		expect(t.db.select().from(reports).all().every((r) => r.status === 'dismissed' && r.resolvedBy === moderator.id)).toBe(true);
		expectRefusal(
			() => dismissReports(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id }),
			'errors.moderationNothingToDo'
		);
		const entry = listAudit(t.db, { consultationId: consultation.id, action: 'report.dismiss' }).items[0];
		expect(entry).toMatchObject({ reason: 'Fine', targetId: comment.id, actorName: `Mod (@mod${consultation.id})` });
		expect(entry.details).toMatchObject({ dismissedReports: 3, from: 'pending' });
	});

	it('restoring a pending comment dismisses its open reports', () => {
		const { consultation, comment, readers, moderator } = setup();
		t.db.update(consultations).set({ reportThreshold: 2 }).where(eq(consultations.id, consultation.id)).run();
		for (const r of readers.slice(0, 2)) {
			reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: r.id, reason: 'spam', details: '' });
		}
		restoreComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id });
		expect(state(comment.id).moderation).toBe('visible');
		expect(t.db.select().from(reports).all().map((r) => r.status)).toEqual(['dismissed', 'dismissed']);
	});

	it('closes a hidden, pending or deleted comment to new replies; restoring reopens it, and existing replies stay', () => {
		const { consultation, revisionId, comment, moderator, readers, author } = setup();
		const reply = (parentId: number) => () => addComment(t.db, { revisionId, authorId: readers[0].id, language: 'en', body: 'Answer', parentId });
		const earlier = reply(comment.id)();
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Insults' });
		expect(reply(comment.id)).toThrow('errors.parentClosed');
		restoreComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id });
		expect(reply(comment.id)().parentId).toBe(comment.id);

		const pending = addComment(t.db, { revisionId, authorId: author.id, language: 'en', body: 'Reported', now: 2000 });
		for (const reader of readers.slice(1)) {
			reportComment(t.db, { commentId: pending.id, consultationId: consultation.id, reporterId: reader.id, reason: 'spam', details: '' });
		}
		expect(state(pending.id).moderation).toBe('pending');
		expect(reply(pending.id)).toThrow('errors.parentClosed');

		deleteComment(t.db, { commentId: comment.id, authorId: author.id });
		expect(reply(comment.id)).toThrow('errors.parentClosed');
		expect(state(earlier.id).parentId).toBe(comment.id);
		expect(listComments(t.db, revisionId, { page: 1, order: 'oldest', language: null }).items[0].replies.map((r) => r.id)).toContain(earlier.id);
	});

	it('cannot reach a comment through another consultation', () => {
		const { comment, moderator } = setup();
		const other = makeConsultation(t.db);
		for (const act of [hideComment, restoreComment, dismissReports]) {
			expectRefusal(
				() => act(t.db, { commentId: comment.id, consultationId: other.consultation.id, moderatorId: moderator.id, reason: 'x' }),
				'errors.commentNotFound'
			);
		}
		expect(state(comment.id).moderation).toBe('visible');
		expect(listAudit(t.db, { consultationId: other.consultation.id }).total).toBe(0);
	});

	it('queues reported and pending comments once each, oldest first, with counts and reasons, filtered and paginated', () => {
		const { consultation, comment, readers, moderator, author, revisionId } = setup();
		const later = addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'Otro', now: 2000 });
		const quiet = addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'Nadie lo reporta', now: 3000 });
		const report = (commentId: number, i: number, reason: 'spam' | 'harassment', now: number) =>
			reportComment(t.db, { commentId, consultationId: consultation.id, reporterId: readers[i].id, reason, details: `d${i}`, now });
		report(later.id, 0, 'spam', 10_000);
		report(comment.id, 0, 'harassment', 20_000);
		report(comment.id, 1, 'harassment', 21_000);
		report(comment.id, 2, 'spam', 22_000);

		const queue = moderationQueue(t.db, consultation.id, { view: 'open' });
		expect(queue.total).toBe(2);
		expect(queue.waiting).toBe(2);
		expect(queue.items.map((i) => i.comment.id)).toEqual([later.id, comment.id]);
		const item = queue.items[1];
		expect(item.openReports).toBe(3);
		expect(item.comment.moderation).toBe('pending');
		expect(item.reasons).toEqual([
			{ reason: 'harassment', count: 2 },
			{ reason: 'spam', count: 1 }
		]);
		expect(item.reports.map((r) => r.details)).toEqual(['d0', 'd1', 'd2']);
		expect(item.author).toMatchObject({ id: author.id, displayName: 'Author', suspendedUntil: null });
		expect(item.clause).toMatchObject({ key: 'purpose', versionNumber: 1 });
		expect(queue.items.some((i) => i.comment.id === quiet.id)).toBe(false);

		expect(moderationQueue(t.db, consultation.id, { view: 'open', language: 'es' }).items.map((i) => i.comment.id)).toEqual([later.id]);
		expect(moderationQueue(t.db, consultation.id, { view: 'open', reason: 'harassment' }).items.map((i) => i.comment.id)).toEqual([comment.id]);
		const paged = moderationQueue(t.db, consultation.id, { view: 'open', page: 2, pageSize: 1 });
		expect(paged).toMatchObject({ total: 2, page: 2, pageCount: 2 });
		expect(paged.items.map((i) => i.comment.id)).toEqual([comment.id]);

		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Harassment' });
		expect(moderationQueue(t.db, consultation.id, { view: 'open' }).items.map((i) => i.comment.id)).toEqual([later.id]);
		const hidden = moderationQueue(t.db, consultation.id, { view: 'hidden' });
		expect(hidden.items.map((i) => i.comment.id)).toEqual([comment.id]);
		expect(hidden.items[0].reports.map((r) => r.status)).toEqual(['upheld', 'upheld', 'upheld']);
		expect(hidden.items[0].comment).toMatchObject({ moderationReason: 'Harassment', moderatedBy: expect.objectContaining({ displayName: 'Mod' }) });
		// Another consultation's queue is empty.
		expect(moderationQueue(t.db, makeConsultation(t.db).consultation.id, { view: 'open' }).total).toBe(0);
	});
});

describe('suspensions', () => {
	it('block writes until they end or are lifted; sessions are not touched', () => {
		const { consultation, author, moderator } = setup();
		const now = 1_000_000;
		const s = suspendUser(t.db, { userId: author.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Repeated insults', days: 2, now });
		expect(s.endsAt).toBe(now + 48 * HOUR);
		expect(() => assertNotSuspended(t.db, author.id, consultation.id, now + HOUR)).toThrow(SuspendedError);
		try {
			assertNotSuspended(t.db, author.id, consultation.id, now + HOUR);
		} catch (e) {
			expect((e as SuspendedError).until).toBe(s.endsAt);
			expect((e as SuspendedError).code).toBe('errors.suspended');
		}
		// It ends by itself.
		expect(() => assertNotSuspended(t.db, author.id, consultation.id, s.endsAt)).not.toThrow();
		expect(listActiveSuspensions(t.db, consultation.id, now + HOUR).map((v) => v.user.id)).toEqual([author.id]);

		liftSuspension(t.db, { suspensionId: s.id, consultationId: consultation.id, moderatorId: moderator.id, now: now + 2 * HOUR });
		expect(() => assertNotSuspended(t.db, author.id, consultation.id, now + 3 * HOUR)).not.toThrow();
		expect(activeSuspension(t.db, author.id, consultation.id, now + 3 * HOUR)).toBeUndefined();
		expect(auditActions(consultation.id).slice(0, 2)).toEqual(['user.unsuspend', 'user.suspend']);
		const entry = listAudit(t.db, { consultationId: consultation.id, action: 'user.suspend' }).items[0];
		expect(entry).toMatchObject({ reason: 'Repeated insults', targetType: 'user', targetId: author.id, subject: `Author (@${author.username})` });
	});

	it('a new suspension replaces the one in force', () => {
		const { consultation, author, moderator } = setup();
		suspendUser(t.db, { userId: author.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'a', days: 30, now: 0 });
		const second = suspendUser(t.db, { userId: author.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'b', days: 1, now: HOUR });
		expect(activeSuspension(t.db, author.id, consultation.id, 2 * HOUR)?.id).toBe(second.id);
		expect(activeSuspension(t.db, author.id, consultation.id, second.endsAt + 1)).toBeUndefined();
	});

	it('refuses oneself, site administrators, people who never wrote in the consultation, and bad durations', () => {
		const { consultation, moderator, readers } = setup();
		const admin = makeUser(t.db, { isSiteAdmin: true });
		const base = { consultationId: consultation.id, moderatorId: moderator.id, reason: 'x', days: 1 };
		expectRefusal(() => suspendUser(t.db, { ...base, userId: moderator.id }), 'errors.suspendSelf');
		expectRefusal(() => suspendUser(t.db, { ...base, userId: admin.id }), 'errors.suspendAdmin');
		expectRefusal(() => suspendUser(t.db, { ...base, userId: readers[0].id }), 'errors.suspendNotParticipant');
		expectRefusal(() => suspendUser(t.db, { ...base, userId: readers[0].id, days: 0 }), 'errors.suspensionDays');
		// An unknown account gets the answer of one that never wrote here.
		expectRefusal(() => suspendUser(t.db, { ...base, userId: 999_999 }), 'errors.suspendNotParticipant');
		expect(listAudit(t.db, { consultationId: consultation.id, action: 'user.suspend' }).total).toBe(0);
	});

	it('apply in their consultation only; one of before they were scoped applies everywhere', () => {
		const { consultation, author, moderator } = setup();
		const other = makeConsultation(t.db).consultation;
		const s = suspendUser(t.db, { userId: author.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'Here', days: 2, now: 0 });
		expect(s.consultationId).toBe(consultation.id);
		expect(() => assertNotSuspended(t.db, author.id, consultation.id, HOUR)).toThrow(SuspendedError);
		expect(() => assertNotSuspended(t.db, author.id, other.id, HOUR)).not.toThrow();
		expect(listActiveSuspensions(t.db, other.id, HOUR)).toEqual([]);
		// A row without a consultation (written before migration 0005) is site-wide.
		t.db.update(suspensions).set({ consultationId: null }).where(eq(suspensions.id, s.id)).run();
		expect(() => assertNotSuspended(t.db, author.id, other.id, HOUR)).toThrow(SuspendedError);
		expect(listActiveSuspensions(t.db, consultation.id, HOUR)).toMatchObject([{ id: s.id, siteWide: true }]);
		// It is listed, and may be lifted, where the person took part only.
		expect(listActiveSuspensions(t.db, other.id, HOUR)).toEqual([]);
		expectRefusal(() => liftSuspension(t.db, { suspensionId: s.id, consultationId: other.id, moderatorId: moderator.id, now: HOUR }), 'errors.suspensionNotFound');
		liftSuspension(t.db, { suspensionId: s.id, consultationId: consultation.id, moderatorId: moderator.id, now: HOUR });
		expect(() => assertNotSuspended(t.db, author.id, other.id, 2 * HOUR)).not.toThrow();
	});

	it('are issued and lifted only by someone whose role in the consultation is higher than the person’s', () => {
		const { consultation, revisionId, moderator, author } = setup();
		const person = (role: 'moderator' | 'committee' | 'admin' | 'translator' | null, siteAdmin = false) => {
			const user = makeUser(t.db, { isSiteAdmin: siteAdmin });
			if (role) assignRole(t.db, { consultationId: consultation.id, userId: user.id, role, language: role === 'translator' ? 'es' : undefined, now: 0 });
			addComment(t.db, { revisionId, authorId: user.id, language: 'en', body: 'I was here', now: 1 });
			return user;
		};
		const [moderator2, committee, committee2, cadmin, cadmin2, translator, siteAdmin] = [
			person('moderator'),
			person('committee'),
			person('committee'),
			person('admin'),
			person('admin'),
			person('translator'),
			person(null, true)
		];
		const suspend = (by: { id: number }, whom: { id: number }) =>
			suspendUser(t.db, { userId: whom.id, consultationId: consultation.id, moderatorId: by.id, reason: 'x', days: 1, now: 10 });
		const auditBefore = listAudit(t.db, { consultationId: consultation.id }).total;
		for (const [by, whom] of [
			[moderator, moderator2],
			[moderator, committee],
			[moderator, cadmin],
			[committee, committee2],
			[committee, cadmin],
			[cadmin, cadmin2]
		]) {
			expectRefusal(() => suspend(by, whom), 'errors.suspendOutranked');
		}
		for (const by of [moderator, committee, cadmin]) expectRefusal(() => suspend(by, siteAdmin), 'errors.suspendAdmin');
		expectRefusal(() => suspend(siteAdmin, siteAdmin), 'errors.suspendSelf');
		expect(activeSuspension(t.db, committee.id, consultation.id, 20)).toBeUndefined();
		expect(listAudit(t.db, { consultationId: consultation.id }).total).toBe(auditBefore);

		// Allowed: a participant or a translator by a moderator, a moderator by the committee, the
		// committee by an administrator, an administrator of the consultation by a site administrator.
		suspend(moderator, author);
		suspend(moderator, translator);
		suspend(committee, moderator2);
		const committeeSuspension = suspend(cadmin, committee);
		suspend(siteAdmin, cadmin2);
		// Lifting follows the same rule: not one's own, not by someone as high or lower.
		const lift = (by: { id: number }, suspensionId: number) =>
			liftSuspension(t.db, { suspensionId, consultationId: consultation.id, moderatorId: by.id, now: 20 });
		expectRefusal(() => lift(committee, committeeSuspension.id), 'errors.liftSelf');
		expectRefusal(() => lift(committee2, committeeSuspension.id), 'errors.suspendOutranked');
		expectRefusal(() => lift(moderator, committeeSuspension.id), 'errors.suspendOutranked');
		lift(cadmin, committeeSuspension.id);
		expect(activeSuspension(t.db, committee.id, consultation.id, 30)).toBeUndefined();
	});
});

describe('the audit log', () => {
	it('records every role grant and revocation, not a repeated grant', () => {
		const { consultation } = setup();
		const admin = makeUser(t.db, { displayName: 'Ada', username: 'ada_audit' });
		const person = makeUser(t.db, { displayName: 'Pat', username: 'pat_audit' });
		assignRole(t.db, { consultationId: consultation.id, userId: person.id, role: 'translator', language: 'es', grantedBy: admin.id, now: 10 });
		assignRole(t.db, { consultationId: consultation.id, userId: person.id, role: 'translator', language: 'es', grantedBy: admin.id, now: 20 });
		const grants = listAudit(t.db, { consultationId: consultation.id, action: 'role.grant', actor: 'ada' });
		expect(grants.total).toBe(1);
		expect(grants.items[0]).toMatchObject({ subject: 'Pat (@pat_audit): translator [es]', actorName: 'Ada (@ada_audit)', at: 10, targetType: 'role' });
		const assignment = listAssignments(t.db, consultation.id).find((a) => a.username === 'pat_audit')!;
		expect(revokeRole(t.db, consultation.id, assignment.id, admin.id)).toBe(true);
		expect(revokeRole(t.db, consultation.id, assignment.id, admin.id)).toBe(false);
		const revokes = listAudit(t.db, { consultationId: consultation.id, action: 'role.revoke' });
		expect(revokes.items.map((e) => e.subject)).toEqual(['Pat (@pat_audit): translator [es]']);
	});

	it('filters by action, actor and dates, newest first, in pages, per consultation or for the whole site', () => {
		const { consultation, comment, moderator } = setup();
		const other = makeConsultation(t.db);
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'r1', now: Date.UTC(2026, 0, 1, 12) });
		restoreComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, now: Date.UTC(2026, 0, 2, 12) });
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'r2', now: Date.UTC(2026, 0, 3, 12) });
		const all = listAudit(t.db, { consultationId: consultation.id, action: null });
		// The moderator's role grant (setup) plus three decisions.
		expect(all.items.map((e) => e.action)).toEqual(['comment.hide', 'comment.restore', 'comment.hide', 'role.grant']);
		expect(listAudit(t.db, { consultationId: consultation.id, action: 'comment.hide' }).items.map((e) => e.reason)).toEqual(['r2', 'r1']);
		expect(
			listAudit(t.db, { consultationId: consultation.id, from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 3) }).items.map((e) => e.action)
		).toEqual(['comment.restore']);
		expect(listAudit(t.db, { consultationId: consultation.id, actor: 'nobody' }).total).toBe(0);
		expect(listAudit(t.db, { consultationId: consultation.id, actor: moderator.username }).total).toBe(4 - 1);
		const page2 = listAudit(t.db, { consultationId: consultation.id, page: 2, pageSize: 3 });
		expect(page2).toMatchObject({ total: 4, page: 2, pageCount: 2 });
		expect(page2.items.map((e) => e.action)).toEqual(['role.grant']);
		expect(listAudit(t.db, { consultationId: other.consultation.id }).total).toBe(0);
		expect(listAudit(t.db, { consultationId: null }).items[0].consultation?.slug).toBe(consultation.slug);
	});
});

describe('authors editing and deleting', () => {
	it('edits within the window keep every earlier body, set edited_at, and show the history to readers', () => {
		const { consultation, comment, author, revisionId, moderator } = setup();
		t.db.insert(commentTranslations).values([
			{ commentId: comment.id, language: 'es', body: 'máquina', machine: true, updatedAt: 1500 },
			{ commentId: comment.id, language: 'es', body: 'persona', machine: false, updatedAt: 1500 }
		]).run();
		editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'A *kinder* remark', language: 'en', now: 1000 + 10 * 60_000 });
		editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'Un comentario amable', language: 'es', now: 1000 + 20 * 60_000 });
		// An edit that changes nothing is not a revision.
		editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'Un comentario amable', language: 'es', now: 1000 + 21 * 60_000 });
		expect(state(comment.id)).toMatchObject({ body: 'Un comentario amable', language: 'es', editedAt: 1000 + 20 * 60_000 });
		expect(t.db.select().from(commentRevisions).all().map((r) => [r.body, r.language])).toEqual([
			['A **rude** remark', 'en'],
			['A *kinder* remark', 'en']
		]);
		// Machine translations go, a person's stays (shown as made from an earlier wording).
		expect(t.db.select().from(commentTranslations).all().map((r) => r.body)).toEqual(['persona']);

		const [view] = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1 }).items;
		expect(view.editedAt).toBe(1000 + 20 * 60_000);
		expect(view.history.map((h) => h.html)).toEqual(['<p>A <strong>rude</strong> remark</p>\n', '<p>A <em>kinder</em> remark</p>\n']);
		// Once hidden, the history is withheld with the body.
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'x' });
		const [hidden] = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: PUBLIC_READER }).items;
		expect(hidden.history).toEqual([]);
		expect(JSON.stringify(hidden)).not.toContain('rude');
	});

	it('refuses edits after the window (COMMENT_EDIT_WINDOW_MINUTES), by others, and of hidden comments', () => {
		const { consultation, comment, author, readers, moderator, revisionId } = setup();
		expectRefusal(
			() => editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'late', language: 'en', now: 1000 + 61 * 60_000 }),
			'errors.editWindowOver'
		);
		process.env.COMMENT_EDIT_WINDOW_MINUTES = '120';
		editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'later', language: 'en', now: 1000 + 61 * 60_000 });
		const reader = { userId: author.id, moderates: false, committee: false };
		expect(listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader, now: 1000 + 100 * 60_000 }).items[0]).toMatchObject({
			editable: true,
			source: 'later'
		});
		expect(listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader, now: 1000 + 121 * 60_000 }).items[0]).toMatchObject({
			editable: false,
			source: null
		});
		expectRefusal(() => editComment(t.db, { commentId: comment.id, authorId: readers[0].id, body: 'mine now', language: 'en', now: 2000 }), 'errors.notYourComment');
		hideComment(t.db, { commentId: comment.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'x' });
		expectRefusal(() => editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'sneaky', language: 'en', now: 2000 }), 'errors.commentNotEditable');
	});

	it('deleting empties the body, keeps the replies, and drops history and translations', () => {
		const { comment, author, readers, revisionId } = setup();
		const reply = addComment(t.db, { revisionId, authorId: readers[0].id, language: 'en', body: 'I disagree', parentId: comment.id, now: 2000 });
		editComment(t.db, { commentId: comment.id, authorId: author.id, body: 'Edited', language: 'en', now: 3000 });
		t.db.insert(commentTranslations).values({ commentId: comment.id, language: 'es', body: 'Editado', machine: false }).run();
		expectRefusal(() => deleteComment(t.db, { commentId: comment.id, authorId: readers[0].id }), 'errors.notYourComment');
		deleteComment(t.db, { commentId: comment.id, authorId: author.id, now: 4000 });
		expect(state(comment.id)).toMatchObject({ body: '', deletedAt: 4000 });
		expect(t.db.select().from(commentRevisions).all()).toEqual([]);
		expect(t.db.select().from(commentTranslations).all()).toEqual([]);
		expectRefusal(() => deleteComment(t.db, { commentId: comment.id, authorId: author.id }), 'errors.commentNotFound');

		const [view] = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: { userId: author.id, moderates: true, committee: true } }).items;
		expect(view).toMatchObject({ deleted: true, withheld: true, html: '', author: null, editable: false });
		expect(view.replies.map((r) => r.id)).toEqual([reply.id]);
		expect(view.replies[0].html).toContain('I disagree');
	});

	it('tallies still equal a full recount after reports, hiding, edits and deletions', () => {
		const { consultation, comment, author, readers, moderator, revisionId } = setup();
		setStance(t.db, { revisionId, userId: readers[0].id, stance: 'oppose', reason: null, language: 'en', now: 500 });
		const reply = addComment(t.db, { revisionId, authorId: readers[1].id, language: 'en', body: 'reply', parentId: comment.id, now: 2000 });
		const own = addComment(t.db, { revisionId, authorId: readers[2].id, language: 'en', body: 'mine', now: 2500 });
		for (const r of readers.slice(0, 3)) {
			reportComment(t.db, { commentId: comment.id, consultationId: consultation.id, reporterId: r.id, reason: 'spam', details: '' });
		}
		hideComment(t.db, { commentId: reply.id, consultationId: consultation.id, moderatorId: moderator.id, reason: 'x' });
		editComment(t.db, { commentId: own.id, authorId: readers[2].id, body: 'mine, edited', language: 'es', now: 3000 });
		deleteComment(t.db, { commentId: own.id, authorId: readers[2].id });
		deleteComment(t.db, { commentId: comment.id, authorId: author.id });
		const snapshot = () => tallyRows(t.db);
		const incremental = snapshot();
		// Deleted and hidden comments keep counting.
		expect(incremental.reduce((n, r) => n + r.comments, 0)).toBe(3);
		rebuildTallies(t.db);
		expect(snapshot()).toEqual(incremental);
	});
});
