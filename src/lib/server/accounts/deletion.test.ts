// Deleting an account and downloading one's data, on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, isNull, sql } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, tallyRows, type TestDb } from '../../../../tests/support/db';
import {
	auditLog,
	commentRevisions,
	comments,
	commentTranslations,
	reports,
	roleAssignments,
	sessions,
	stances,
	summaryResponses,
	users
} from '../db/schema';
import { readClause, upsertTranslation } from '../clauses/service';
import { addComment, listComments } from '../comments/service';
import { editComment } from '../comments/authoring';
import { translateComment } from '../comments/translations';
import { recordResponse } from '../responses/service';
import { recordSummaryResponse } from '../responses/summaries';
import { assignRole } from '../roles/service';
import { setStance, listReasons } from '../stances/service';
import { rebuildTallies } from '../tallies/service';
import { versionPeople } from '../aggregation/service';
import { saveSummary, startSummary } from '../summaries/service';
import { createSession, generateSessionToken } from '../auth/session';
import { deleteAccount, deleteAccountInput, LastAdminError } from './deletion';
import { deletionPreview, personalData } from './personal-data';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

/** Every tally row with something in it, in a stable order. */
function tallies() {
	return tallyRows(t.db);
}

function recount() {
	rebuildTallies(t.db);
	return tallies();
}

/** A consultation where Amina wrote a bit of everything, and others answered her. */
function world() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar'] });
	const purpose = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	const amina = makeUser(t.db, { username: 'amina_del', displayName: 'Amina Deleted', languages: ['ar', 'en'], affiliation: 'volunteer' });
	const lucia = makeUser(t.db, { username: 'lucia_keep', displayName: 'Lucía Stays', languages: ['es', 'ar', 'en'] });
	const member = makeUser(t.db, { displayName: 'Kenji', languages: ['en', 'ar'] });
	assignRole(t.db, { consultationId: consultation.id, userId: member.id, role: 'committee' });
	assignRole(t.db, { consultationId: consultation.id, userId: amina.id, role: 'liaison', language: 'ar' });
	assignRole(t.db, { consultationId: consultation.id, userId: amina.id, role: 'committee' });
	createSession(t.db, generateSessionToken(), amina.id, Date.now(), 'Firefox');
	createSession(t.db, generateSessionToken(), lucia.id);

	// Amina: a stance with a committee-only reason, a stance without one, comments and a reply, on two clauses.
	setStance(t.db, { revisionId: purpose, userId: amina.id, stance: 'oppose', reason: 'AMINA-REASON', language: 'ar', committeeOnly: true, now: 10 });
	setStance(t.db, { revisionId: respect, userId: amina.id, stance: 'support', reason: null, language: 'ar', now: 11 });
	const top = addComment(t.db, { revisionId: purpose, authorId: amina.id, language: 'ar', body: 'AMINA-COMMENT', now: 12 });
	const second = addComment(t.db, { revisionId: purpose, authorId: amina.id, language: 'en', body: 'AMINA-SECOND', committeeOnly: true, now: 13 });
	editComment(t.db, { commentId: top.id, authorId: amina.id, body: 'AMINA-COMMENT-EDITED', language: 'ar', now: 14 });
	// Lucía replies to Amina, and Amina replies to Lucía's comment.
	const luciaTop = addComment(t.db, { revisionId: respect, authorId: lucia.id, language: 'es', body: 'LUCIA-COMMENT', now: 15 });
	const luciaReply = addComment(t.db, { revisionId: purpose, authorId: lucia.id, language: 'es', body: 'LUCIA-REPLY', parentId: top.id, now: 16 });
	const aminaReply = addComment(t.db, { revisionId: respect, authorId: amina.id, language: 'ar', body: 'AMINA-REPLY', parentId: luciaTop.id, now: 17 });
	setStance(t.db, { revisionId: purpose, userId: lucia.id, stance: 'support', reason: 'LUCIA-REASON', language: 'es', now: 18 });
	// Translations: Lucía translates Amina's comment; Amina translates Lucía's.
	translateComment(t.db, { commentId: top.id, language: 'es', body: 'LUCIA-TRANSLATION', translatorId: lucia.id, consultationLanguages: consultation.languages, translatorLanguages: lucia.languages });
	translateComment(t.db, { commentId: luciaTop.id, language: 'ar', body: 'AMINA-TRANSLATION', translatorId: amina.id, consultationLanguages: consultation.languages, translatorLanguages: ['es', 'ar'] });
	// Amina, on the committee, answered Lucía; Kenji answered Amina.
	recordResponse(t.db, { revisionId: respect, commentId: luciaTop.id, status: 'noted', explanation: 'AMINA-RESPONSE', authorId: amina.id, consultationId: consultation.id });
	recordResponse(t.db, { revisionId: purpose, commentId: top.id, status: 'accepted', explanation: 'KENJI-RESPONSE', authorId: member.id, consultationId: consultation.id });
	upsertTranslation(t.db, { revisionId: purpose, language: 'ar', heading: 'AMINA-HEADING', body: 'AMINA-CLAUSE-TRANSLATION', translatorId: amina.id });
	t.db.insert(reports).values({ commentId: luciaTop.id, reporterId: amina.id, reason: 'other', details: 'AMINA-REPORT' }).run();
	const { summary } = startSummary(t.db, { consultation, versionNumber: version.number, language: 'ar', authorId: amina.id });
	saveSummary(t.db, {
		summaryId: summary.id,
		editorId: amina.id,
		content: {
			narrative: 'AMINA-NARRATIVE',
			narrativeLanguage: 'ar',
			channels: [{ kind: 'chat-group', description: 'AMINA-CHANNEL', participants: 12, startedOn: '2025-01-01', endedOn: null }],
			entries: [{ clause: 'purpose', asked: true, support: 3, oppose: 1, neutral: 0, keyPoints: 'AMINA-KEYPOINTS', quotes: [{ original: 'AMINA-QUOTE', language: 'ar', translation: 'A quote' }] }]
		},
		publish: true
	});
	// Lucía reports for the Spanish community; Amina, on the committee, answers her summary, and Kenji answers Amina's.
	const luciaSummary = startSummary(t.db, { consultation, versionNumber: version.number, language: 'es', authorId: lucia.id }).summary;
	saveSummary(t.db, {
		summaryId: luciaSummary.id,
		editorId: lucia.id,
		publish: true,
		content: {
			narrative: 'LUCIA-NARRATIVE',
			narrativeLanguage: 'es',
			channels: [{ kind: 'video-call', description: 'LUCIA-CHANNEL', participants: 5, startedOn: '2025-02-01', endedOn: '2025-02-01' }],
			entries: []
		}
	});
	recordSummaryResponse(t.db, {
		summaryId: luciaSummary.id,
		consultationId: consultation.id,
		status: 'partly',
		explanation: 'AMINA-SUMMARY-RESPONSE',
		actedInVersion: version.number,
		authorId: amina.id,
		now: 20
	});
	recordSummaryResponse(t.db, { summaryId: summary.id, consultationId: consultation.id, status: 'noted', explanation: 'KENJI-SUMMARY-RESPONSE', authorId: member.id });
	return { consultation, version, purpose, respect, amina, lucia, member, top, second, luciaTop, luciaReply, aminaReply, summary, luciaSummary };
}

describe('foreign keys to users', () => {
	it('all say what happens on deletion: cascade for what belongs to the account, set null for the record', () => {
		const tables = t.db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
		const actions = new Map<string, string>();
		for (const { name } of tables) {
			for (const fk of t.db.all<{ table: string; from: string; on_delete: string }>(sql.raw(`pragma foreign_key_list('${name}')`))) {
				if (fk.table === 'users') actions.set(`${name}.${fk.from}`, fk.on_delete);
			}
		}
		expect(actions.size).toBeGreaterThan(15);
		const cascade = [...actions].filter(([, action]) => action === 'CASCADE').map(([column]) => column).sort();
		expect(cascade).toEqual(['role_assignments.user_id', 'sessions.user_id', 'suspensions.user_id']);
		// The committee's responses (to clauses, comments and liaison summaries) stay in the record, by no one.
		expect(actions.get('committee_responses.author_id')).toBe('SET NULL');
		expect(actions.get('summary_responses.author_id')).toBe('SET NULL');
		for (const [column, action] of actions) expect(['CASCADE', 'SET NULL'], column).toContain(action);
		expect(t.db.get<{ foreign_keys: number }>(sql`pragma foreign_keys`).foreign_keys).toBe(1);
	});
});

describe('deleting an account', () => {
	it('keeps comments as "former participant" by default, stances counting, and the tallies equal to a recount', () => {
		const w = world();
		const before = tallies();
		expect(recount()).toEqual(before);
		const people = versionPeople(t.db, w.version.id);

		const result = deleteAccount(t.db, { userId: w.amina.id, comments: 'keep' });
		expect(result).toEqual({ stancesKept: 2, commentsKept: 3, commentsDeleted: 0, reasonsDeleted: 0 });

		expect(t.db.select().from(users).where(eq(users.id, w.amina.id)).get()).toBeUndefined();
		expect(t.db.select().from(sessions).where(eq(sessions.userId, w.amina.id)).all()).toEqual([]);
		expect(t.db.select().from(roleAssignments).where(eq(roleAssignments.userId, w.amina.id)).all()).toEqual([]);
		// Lucía's session is untouched.
		expect(t.db.select().from(sessions).where(eq(sessions.userId, w.lucia.id)).all()).toHaveLength(1);

		// The tallies did not move, and a full recount agrees with them (one person, not three).
		expect(tallies()).toEqual(before);
		expect(recount()).toEqual(before);
		expect(versionPeople(t.db, w.version.id)).toEqual(people);

		const orphanStances = t.db.select().from(stances).where(isNull(stances.userId)).all();
		expect(orphanStances).toHaveLength(2);
		expect(new Set(orphanStances.map((s) => s.formerParticipant)).size).toBe(1);
		expect(orphanStances[0].formerParticipant).toMatch(/^former-[0-9a-f]{24}$/);

		// The comments stay, authorless, with their history.
		const page = listComments(t.db, w.purpose, { order: 'oldest', language: null, page: 1 });
		const kept = page.items.find((c) => c.id === w.top.id)!;
		expect(kept.author).toBeNull();
		expect(kept.html).toContain('AMINA-COMMENT-EDITED');
		expect(kept.replies.map((r) => r.html)).toEqual([expect.stringContaining('LUCIA-REPLY')]);
		expect(t.db.select().from(commentRevisions).where(eq(commentRevisions.commentId, w.top.id)).all()).toHaveLength(1);
		// Her committee-only reason is still the committee's to read, from a former participant.
		const reasons = listReasons(t.db, w.purpose, { page: 1, reader: { userId: w.member.id, committee: true } });
		expect(reasons.items.find((r) => r.reason === 'AMINA-REASON')).toMatchObject({ author: null, committeeOnly: true });
		// What she translated, reported and answered stays, by no one.
		expect(t.db.select().from(commentTranslations).where(eq(commentTranslations.body, 'AMINA-TRANSLATION')).get()?.translatorId).toBeNull();
		expect(t.db.select().from(reports).where(eq(reports.details, 'AMINA-REPORT')).get()?.reporterId).toBeNull();
		expect(t.db.select().from(summaryResponses).where(eq(summaryResponses.summaryId, w.luciaSummary.id)).get()).toMatchObject({
			explanation: 'AMINA-SUMMARY-RESPONSE',
			authorId: null
		});
		// Kenji's response to her summary is Kenji's.
		expect(t.db.select().from(summaryResponses).where(eq(summaryResponses.summaryId, w.summary.id)).get()).toMatchObject({
			explanation: 'KENJI-SUMMARY-RESPONSE',
			authorId: w.member.id
		});

		// Her roles' end is in the audit log.
		const revoked = t.db.select().from(auditLog).where(eq(auditLog.action, 'role.revoke')).all();
		expect(revoked.map((e) => e.subject).sort()).toEqual(['Amina Deleted (@amina_del): committee', 'Amina Deleted (@amina_del): liaison [ar]']);
		expect(revoked.every((e) => e.actorId === null && e.consultationId === w.consultation.id)).toBe(true);
	});

	it('deletes the comments and reasons too when asked: "deleted by its author", replies by others kept, counts unchanged', () => {
		const w = world();
		const before = tallies();
		const result = deleteAccount(t.db, { userId: w.amina.id, comments: 'delete', now: 5000 });
		expect(result).toEqual({ stancesKept: 2, commentsKept: 0, commentsDeleted: 3, reasonsDeleted: 1 });

		for (const id of [w.top.id, w.second.id, w.aminaReply.id]) {
			const row = t.db.select().from(comments).where(eq(comments.id, id)).get()!;
			expect(row).toMatchObject({ body: '', deletedAt: 5000, authorId: null });
			expect(t.db.select().from(commentRevisions).where(eq(commentRevisions.commentId, id)).all()).toEqual([]);
			expect(t.db.select().from(commentTranslations).where(eq(commentTranslations.commentId, id)).all()).toEqual([]);
		}
		// Others' words stay: Lucía's reply under the deleted comment, her own comment and reason.
		expect(t.db.select().from(comments).where(eq(comments.id, w.luciaReply.id)).get()!.body).toBe('LUCIA-REPLY');
		expect(t.db.select().from(comments).where(eq(comments.id, w.luciaTop.id)).get()!.body).toBe('LUCIA-COMMENT');
		const view = listComments(t.db, w.purpose, { order: 'oldest', language: null, page: 1 }).items.find((c) => c.id === w.top.id)!;
		expect(view).toMatchObject({ deleted: true, html: '', author: null });
		expect(view.replies).toHaveLength(1);

		const text = JSON.stringify(t.db.all(sql`select body from comments union all select reason from stances where reason is not null`));
		for (const gone of ['AMINA-COMMENT', 'AMINA-SECOND', 'AMINA-REPLY', 'AMINA-REASON']) expect(text).not.toContain(gone);
		expect(text).toContain('LUCIA-REASON');
		// Stances still count; the tallies and a recount agree.
		expect(t.db.select().from(stances).where(isNull(stances.userId)).all().map((s) => s.stance).sort()).toEqual(['oppose', 'support']);
		expect(tallies()).toEqual(before);
		expect(recount()).toEqual(before);
	});

	it('says what it would do before doing it, and does nothing for an unknown account', () => {
		const w = world();
		expect(deletionPreview(t.db, w.amina.id)).toMatchObject({ stances: 2, reasons: 1, comments: 3, repliesByOthers: 1 });
		expect(deletionPreview(t.db, w.amina.id).roles.map((r) => r.role).sort()).toEqual(['committee', 'liaison']);
		expect(deleteAccount(t.db, { userId: 999_999, comments: 'keep' })).toBe(false);
	});

	it('refuses to delete the site’s only administrator, and allows it once there is another', () => {
		const admin = makeUser(t.db, { username: 'only_admin', isSiteAdmin: true });
		const other = makeUser(t.db, { username: 'soon_admin' });
		expect(() => deleteAccount(t.db, { userId: admin.id, comments: 'keep' })).toThrow(LastAdminError);
		expect(t.db.select().from(users).where(eq(users.id, admin.id)).get()).toBeDefined();
		t.db.update(users).set({ isSiteAdmin: true }).where(eq(users.id, other.id)).run();
		expect(deleteAccount(t.db, { userId: admin.id, comments: 'keep' })).not.toBe(false);
		expect(t.db.select().from(users).where(eq(users.id, admin.id)).get()).toBeUndefined();
	});

	it('needs the password field, a known choice and the confirmation box', () => {
		expect(deleteAccountInput.safeParse({ password: 'x', confirm: 'on' }).data?.comments).toBe('keep');
		expect(deleteAccountInput.safeParse({ password: 'x', comments: 'delete', confirm: 'on' }).success).toBe(true);
		expect(deleteAccountInput.safeParse({ password: 'x', comments: 'delete' }).success).toBe(false);
		expect(deleteAccountInput.safeParse({ password: '', confirm: 'on' }).success).toBe(false);
		expect(deleteAccountInput.safeParse({ password: 'x', comments: 'shred', confirm: 'on' }).success).toBe(false);
	});
});

describe('downloading one’s data', () => {
	it('holds everything the person wrote, and nothing anyone else wrote', () => {
		const w = world();
		const data = personalData(t.db, w.amina.id, Date.UTC(2026, 0, 1))!;
		expect(data).toMatchObject({ format: 'polyphony-personal-data', formatVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z' });
		expect(data.profile).toMatchObject({ username: 'amina_del', displayName: 'Amina Deleted', languages: ['ar', 'en'], affiliation: 'volunteer' });
		expect(data.roles.map((r) => `${r.role}:${r.language ?? ''}`).sort()).toEqual(['committee:', 'liaison:ar']);
		expect(data.sessions).toEqual([expect.objectContaining({ userAgent: 'Firefox' })]);
		expect(data.stances.map((s) => [s.clause, s.stance, s.reason, s.committeeOnly])).toEqual([
			['purpose', 'oppose', 'AMINA-REASON', true],
			['respect', 'support', null, false]
		]);
		expect(data.comments.map((c) => c.body)).toEqual(['AMINA-COMMENT-EDITED', 'AMINA-SECOND', 'AMINA-REPLY']);
		expect(data.comments[0].earlierBodies.map((b) => b.body)).toEqual(['AMINA-COMMENT']);
		expect(data.comments[1].committeeOnly).toBe(true);
		expect(data.comments[2].parentId).toBe(w.luciaTop.id);
		expect(data.commentTranslations.map((c) => c.body)).toEqual(['AMINA-TRANSLATION']);
		expect(data.clauseTranslations.map((c) => c.body)).toEqual(['AMINA-CLAUSE-TRANSLATION']);
		expect(data.committeeResponses.map((r) => r.explanation)).toEqual(['AMINA-RESPONSE']);
		// Her response, on the committee, to Lucía's summary — not Kenji's to her own summary.
		expect(data.summaryResponses).toEqual([
			{
				summaryId: w.luciaSummary.id,
				consultation: w.consultation.slug,
				version: w.version.number,
				language: 'es',
				status: 'partly',
				explanation: 'AMINA-SUMMARY-RESPONSE',
				actedInVersion: w.version.number,
				createdAt: new Date(20).toISOString(),
				updatedAt: new Date(20).toISOString()
			}
		]);
		expect(data.reports.map((r) => r.details)).toEqual(['AMINA-REPORT']);
		expect(data.liaisonSummaries).toHaveLength(1);
		expect(data.liaisonSummaries[0]).toMatchObject({ narrative: 'AMINA-NARRATIVE', language: 'ar' });
		expect(data.liaisonSummaries[0].channels[0].description).toBe('AMINA-CHANNEL');
		expect(data.liaisonSummaries[0].entries[0]).toMatchObject({ clause: 'purpose', keyPoints: 'AMINA-KEYPOINTS', quotes: [{ original: 'AMINA-QUOTE' }] });

		const text = JSON.stringify(data);
		for (const theirs of [
			'LUCIA-COMMENT',
			'LUCIA-REPLY',
			'LUCIA-REASON',
			'LUCIA-TRANSLATION',
			'LUCIA-NARRATIVE',
			'KENJI-RESPONSE',
			'KENJI-SUMMARY-RESPONSE',
			'Lucía Stays',
			'Kenji'
		]) {
			expect(text).not.toContain(theirs);
		}
		expect(text).not.toContain('passwordHash');
		expect(text).not.toContain('not-a-real-hash');

		// Lucía's download holds hers and none of Amina's.
		const hers = JSON.stringify(personalData(t.db, w.lucia.id));
		expect(hers).toContain('LUCIA-TRANSLATION');
		expect(hers).toContain('LUCIA-NARRATIVE');
		// The committee's response to her summary is the committee member's, not hers.
		for (const theirs of ['AMINA-COMMENT', 'AMINA-REASON', 'AMINA-NARRATIVE', 'AMINA-SUMMARY-RESPONSE', 'Amina Deleted']) expect(hers).not.toContain(theirs);
		expect(personalData(t.db, w.lucia.id)!.summaryResponses).toEqual([]);
		expect(personalData(t.db, 999_999)).toBeNull();
	});
});
