// The committee inbox on a real SQLite file: what needs an answer, in what order, per community.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { comments, consultations, type Consultation } from '../db/schema';
import { addComment } from '../comments/service';
import { setStance } from '../stances/service';
import { recordResponse } from '../responses/service';
import { recordSummaryResponse } from '../responses/summaries';
import { saveSummary, startSummary } from '../summaries/service';
import { assignRole } from '../roles/service';
import { upsertTranslation, listVersionClauses } from '../clauses/service';
import { reportComment } from '../moderation/service';
import { buildDemo } from '../demo/build';
import { committeeInbox } from './service';

let t: TestDb;
let consultation: Consultation;
let revision: (key: string) => number;
const NOW = Date.UTC(2026, 4, 1);

beforeEach(() => {
	t = createTestDb();
	const made = makeConsultation(t.db, { languages: ['es', 'ar'] });
	consultation = made.consultation;
	const list = listVersionClauses(t.db, made.version.id, 'en', 'en');
	revision = (key) => list.find((c) => c.key === key)!.revisionId;
});
afterEach(() => t.close());

const comment = (authorId: number, body: string, at: number, extra: { parentId?: number; key?: string } = {}) =>
	addComment(t.db, { revisionId: revision(extra.key ?? 'purpose'), authorId, language: 'en', body, parentId: extra.parentId, now: NOW + at }).id;

describe('the committee inbox', () => {
	it('lists unanswered comments and reasons, the most-replied first then the newest, and drops what is answered, hidden, deleted or the committee’s own', () => {
		const es = makeUser(t.db, { languages: ['es'] });
		const ar = makeUser(t.db, { languages: ['ar'] });
		const member = makeUser(t.db, { languages: ['en'] });
		assignRole(t.db, { consultationId: consultation.id, userId: member.id, role: 'committee' });

		const old = comment(es.id, 'Old comment with replies', 1_000);
		comment(ar.id, 'Reply one', 1_100, { parentId: old });
		comment(ar.id, 'Reply two', 1_200, { parentId: old });
		comment(ar.id, 'Recent comment', 5_000);
		comment(es.id, 'Middle comment', 3_000);
		const answered = comment(es.id, 'Answered comment', 4_000);
		recordResponse(t.db, { revisionId: revision('purpose'), commentId: answered, status: 'noted', explanation: 'Thanks.', authorId: member.id, consultationId: consultation.id });
		const hidden = comment(es.id, 'Hidden comment', 4_100);
		t.db.update(comments).set({ moderation: 'hidden' }).where(eq(comments.id, hidden)).run();
		const deleted = comment(es.id, 'Deleted comment', 4_200);
		t.db.update(comments).set({ deletedAt: NOW }).where(eq(comments.id, deleted)).run();
		comment(member.id, 'The committee’s own note', 6_000);
		const secret = comment(ar.id, 'For the committee only', 2_000);
		t.db.update(comments).set({ committeeOnly: true }).where(eq(comments.id, secret)).run();
		setStance(t.db, { revisionId: revision('respect'), userId: es.id, stance: 'oppose', reason: 'Too vague', language: 'es', now: NOW + 4_500 });
		setStance(t.db, { revisionId: revision('respect'), userId: ar.id, stance: 'support', reason: null, language: 'ar', now: NOW + 4_600 });

		const inbox = committeeInbox(t.db, consultation);
		expect(inbox.feedback.items.map((i) => `${i.kind}:${i.excerpt}`)).toEqual([
			'comment:Old comment with replies',
			'comment:Recent comment',
			'reason:Too vague',
			'comment:Middle comment',
			'comment:For the committee only'
		]);
		expect(inbox.feedback.items[0].replies).toBe(2);
		expect(inbox.feedback.items.find((i) => i.id === secret)!.committeeOnly).toBe(true);
		expect(inbox.feedback.items.find((i) => i.kind === 'reason')!.stance).toBe('oppose');
		expect(inbox.feedback.items.every((i) => i.clause.key && i.versionNumber === 1)).toBe(true);

		// A response to the clause's feedback answers its reasons.
		recordResponse(t.db, { revisionId: revision('respect'), status: 'accepted', explanation: 'We will clarify.', authorId: member.id, consultationId: consultation.id });
		expect(committeeInbox(t.db, consultation).feedback.items.some((i) => i.kind === 'reason')).toBe(false);
	});

	it('filters by language community, keeps the counts per community whatever the filter, and pages', () => {
		const es = makeUser(t.db, { languages: ['es'] });
		const ar = makeUser(t.db, { languages: ['ar'] });
		for (let i = 0; i < 3; i++) comment(es.id, `Spanish ${i}`, i * 10);
		comment(ar.id, 'Arabic', 100);
		setStance(t.db, { revisionId: revision('respect'), userId: ar.id, stance: 'oppose', reason: 'No', language: 'ar', now: NOW });

		const spanish = committeeInbox(t.db, consultation, { community: 'es', pageSize: 2 });
		expect(spanish.feedback.total).toBe(3);
		expect(spanish.feedback.pageCount).toBe(2);
		expect(spanish.feedback.items.map((i) => i.excerpt)).toEqual(['Spanish 2', 'Spanish 1']);
		expect(committeeInbox(t.db, consultation, { community: 'es', pageSize: 2, page: 2 }).feedback.items.map((i) => i.excerpt)).toEqual(['Spanish 0']);
		// Past the last page: the last page.
		expect(committeeInbox(t.db, consultation, { community: 'es', pageSize: 2, page: 9 }).feedback.page).toBe(2);
		expect(spanish.feedback.items.every((i) => i.community === 'es')).toBe(true);
		expect(spanish.counts).toEqual([
			{ community: 'es', comments: 3, reasons: 0, summaries: 0, total: 3 },
			{ community: 'ar', comments: 1, reasons: 1, summaries: 0, total: 2 }
		]);
		expect(committeeInbox(t.db, consultation, { community: 'fr' }).feedback.items).toEqual([]);
	});

	it('lists published liaison summaries without a response, then not once answered', () => {
		const liaison = makeUser(t.db, { languages: ['ar'] });
		const member = makeUser(t.db);
		const { summary } = startSummary(t.db, { consultation, versionNumber: 1, language: 'ar', authorId: liaison.id });
		const content = { narrative: 'What we heard.', narrativeLanguage: 'ar', channels: [{ kind: 'chat-group', description: 'Group', participants: 12, startedOn: '2026-03-01', endedOn: null }], entries: [] };
		saveSummary(t.db, { summaryId: summary.id, editorId: liaison.id, publish: true, content });
		const draft = startSummary(t.db, { consultation, versionNumber: 1, language: 'es', authorId: liaison.id }).summary;
		saveSummary(t.db, { summaryId: draft.id, editorId: liaison.id, publish: false, content: { ...content, narrativeLanguage: 'es' } });

		const inbox = committeeInbox(t.db, consultation);
		expect(inbox.summaries.map((s) => [s.id, s.language, s.participants])).toEqual([[summary.id, 'ar', 12]]);
		expect(inbox.counts).toEqual([{ community: 'ar', comments: 0, reasons: 0, summaries: 1, total: 1 }]);
		expect(committeeInbox(t.db, consultation, { community: 'es' }).summaries).toEqual([]);
		recordSummaryResponse(t.db, { summaryId: summary.id, consultationId: consultation.id, status: 'noted', explanation: 'Heard.', authorId: member.id });
		expect(committeeInbox(t.db, consultation).summaries).toEqual([]);
	});

	it('lists the current version’s missing and outdated translations, per language', () => {
		upsertTranslation(t.db, { revisionId: revision('purpose'), language: 'es', heading: 'Propósito', body: 'Por qué.', translatorId: null });
		const inbox = committeeInbox(t.db, consultation);
		const spanish = inbox.translations.filter((x) => x.language === 'es');
		expect(spanish.map((x) => [x.clause.key, x.status])).toEqual([
			['respect', 'missing'],
			['reporting', 'missing']
		]);
		expect(inbox.translations.filter((x) => x.language === 'ar')).toHaveLength(3);
		expect(inbox.translations.some((x) => x.language === 'en')).toBe(false);
		expect(committeeInbox(t.db, consultation, { community: 'es' }).translations.every((x) => x.language === 'es')).toBe(true);
	});

	it('counts reported comments waiting for a moderator', () => {
		const author = makeUser(t.db);
		const reporter = makeUser(t.db);
		const id = comment(author.id, 'Reported', 0);
		expect(committeeInbox(t.db, consultation).moderationWaiting).toBe(0);
		reportComment(t.db, { commentId: id, consultationId: consultation.id, reporterId: reporter.id, reason: 'spam', details: '' });
		expect(committeeInbox(t.db, consultation).moderationWaiting).toBe(1);
	});

	it('on the demo: items in several communities, divergent clauses, and the filters narrow each list', async () => {
		const demo = await buildDemo(t.db);
		const c = t.db.select().from(consultations).where(eq(consultations.id, demo.consultationId)).get()!;
		const inbox = committeeInbox(t.db, c);
		expect(inbox.counts.filter((r) => r.total > 0).length).toBeGreaterThanOrEqual(3);
		expect(inbox.divergent.length).toBeGreaterThan(0);
		for (const d of inbox.divergent) expect(d.divergence).toBeGreaterThanOrEqual(0.3);
		const arabic = committeeInbox(t.db, c, { community: 'ar' });
		expect(arabic.divergent.every((d) => d.most.community === 'ar' || d.least.community === 'ar')).toBe(true);
		expect(arabic.translations.length).toBeGreaterThan(0);
		expect(arabic.translations.every((x) => x.language === 'ar')).toBe(true);
	});
});

describe('the people the inbox names', () => {
	it('carry their own role badges only', () => {
		const plain = makeUser(t.db, { languages: ['es'] });
		const liaison = makeUser(t.db, { languages: ['ar'] });
		const admin = makeUser(t.db);
		assignRole(t.db, { consultationId: consultation.id, userId: liaison.id, role: 'liaison', language: 'ar' });
		assignRole(t.db, { consultationId: consultation.id, userId: admin.id, role: 'moderator' });
		comment(plain.id, 'From someone with no role', 0);
		comment(liaison.id, 'From the liaison', 10);
		const items = committeeInbox(t.db, consultation).feedback.items;
		expect(items.find((i) => i.excerpt === 'From someone with no role')!.author!.badges).toEqual([]);
		expect(items.find((i) => i.excerpt === 'From the liaison')!.author!.badges).toEqual([{ role: 'liaison', language: 'ar' }]);
	});
});
