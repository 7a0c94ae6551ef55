// The participation service enforces every rule itself: each entry point is called directly, on a
// real SQLite file, as a future caller (an API write, a script, amendments, polls) would call it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, SAMPLE_DRAFT, type TestDb } from '../../../../tests/support/db';
import { commentTranslations, comments, consultations, feedbackTranslations, reports, stances, suspensions, type Consultation } from '../db/schema';
import { readClause } from '../clauses/service';
import { getConsultation } from '../consultations/service';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { assignRole } from '../roles/service';
import { configureLimits } from '../ratelimit';
import { limitSettings } from '../ratelimit/config';
import {
	deleteComment,
	editComment,
	machineTranslateComment,
	postComment,
	reportComment,
	takeStance,
	translateComment,
	translateReason,
	translateWaitingItem,
	withdrawStance,
	ParticipationRefusal,
	type Refusal
} from './index';

let t: TestDb;
beforeEach(() => {
	t = createTestDb();
	configureLimits(limitSettings({}));
});
afterEach(() => {
	t.close();
	configureLimits(limitSettings({}));
});

const HOUR = 60 * 60 * 1000;

/** A published consultation in en, es and ar; a participant who reads en and es; the clause `purpose`. */
function setUp() {
	const { consultation, version } = makeConsultation(t.db);
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const user = makeUser(t.db, { languages: ['en', 'es'] });
	return { slug: consultation.slug, revisionId, user, place: () => place(consultation.slug) };
}

/** The consultation as a route's guard loads it at the time of the request. */
function place(slug: string): { consultation: Consultation; clauseKey: string } {
	return { consultation: getConsultation(t.db, slug)!, clauseKey: 'purpose' };
}

function close(slug: string) {
	t.db.update(consultations).set({ status: 'closed' }).where(eq(consultations.slug, slug)).run();
}

function pastClosingDate(slug: string) {
	t.db.update(consultations).set({ closesAt: Date.now() - HOUR }).where(eq(consultations.slug, slug)).run();
}

function suspend(userId: number, slug: string) {
	const now = Date.now();
	const consultationId = getConsultation(t.db, slug)!.id;
	t.db.insert(suspensions).values({ userId, consultationId, reason: 'Test', startsAt: now - HOUR, endsAt: now + 24 * HOUR, createdAt: now }).run();
}

/** Publishes a second version: the first version's revisions are no longer current. */
function publishNextVersion(slug: string) {
	const consultation = getConsultation(t.db, slug)!;
	importVersion(t.db, { consultationId: consultation.id, clauses: parseDraft(SAMPLE_DRAFT.replace('Why this policy exists.', 'Why it exists.'), 2).clauses, note: '', publish: true, createdBy: null });
}

async function refusalOf(write: () => unknown): Promise<Refusal> {
	try {
		await write();
	} catch (e) {
		if (e instanceof ParticipationRefusal) return e.refusal;
		throw e;
	}
	throw new Error('the write was not refused');
}

const rows = (table: typeof stances | typeof comments | typeof commentTranslations | typeof feedbackTranslations | typeof reports) =>
	t.db.select({ n: count() }).from(table).get()!.n;

describe('takeStance', () => {
	const stance = (s: ReturnType<typeof setUp>, over: Partial<Parameters<typeof takeStance>[2]> = {}) =>
		takeStance(t.db, s.user, { ...s.place(), revisionId: s.revisionId, stance: 'support', reason: 'Clear.', language: 'en', committeeOnly: false, ...over });

	it('records the stance, and says whether it only added feedback (a public reason changed takes text away)', async () => {
		const s = setUp();
		expect((await stance(s)).addsFeedback).toBe(true);
		expect((await stance(s, { stance: 'oppose' })).addsFeedback).toBe(true);
		expect((await stance(s, { reason: 'Changed my mind.' })).addsFeedback).toBe(false);
		expect(rows(stances)).toBe(1);
	});

	it('refuses a closed consultation, one past its closing date, an unknown clause, a revision no longer current and a language the consultation does not run in', async () => {
		const s = setUp();
		expect(await refusalOf(() => stance(s, { language: 'fr' }))).toEqual({ kind: 'language' });
		expect(await refusalOf(() => takeStance(t.db, s.user, { ...s.place(), clauseKey: 'nowhere', revisionId: s.revisionId, stance: 'support', reason: null, language: 'en', committeeOnly: false }))).toEqual({
			kind: 'notFound',
			code: 'errors.clauseNotFound'
		});
		pastClosingDate(s.slug);
		expect(await refusalOf(() => stance(s))).toMatchObject({ kind: 'closed' });
		t.db.update(consultations).set({ closesAt: null }).where(eq(consultations.slug, s.slug)).run();
		publishNextVersion(s.slug);
		expect(await refusalOf(() => stance(s))).toEqual({ kind: 'revisionNotCurrent' });
		close(s.slug);
		expect(await refusalOf(() => stance(s))).toMatchObject({ kind: 'closed', consultation: { status: 'closed' } });
		expect(rows(stances)).toBe(0);
	});

	it('refuses someone suspended in this consultation, and not in another', async () => {
		const s = setUp();
		const other = setUp();
		suspend(s.user.id, s.slug);
		expect(await refusalOf(() => stance(s))).toMatchObject({ kind: 'suspended' });
		expect(rows(stances)).toBe(0);
		await takeStance(t.db, s.user, { ...other.place(), revisionId: other.revisionId, stance: 'support', reason: null, language: 'en', committeeOnly: false });
		expect(rows(stances)).toBe(1);
	});

	it('spends the posting limit: past it, refused with the time to wait', async () => {
		configureLimits(limitSettings({ RATE_LIMIT_POST: '2/1m' }));
		const s = setUp();
		await stance(s);
		await stance(s, { stance: 'oppose' });
		const refusal = await refusalOf(() => stance(s, { stance: 'neutral' }));
		expect(refusal.kind).toBe('limited');
		expect(refusal.kind === 'limited' && refusal.retryAfterMs).toBeGreaterThan(0);
		expect(t.db.select().from(stances).get()!.stance).toBe('oppose');
	});
});

describe('withdrawStance', () => {
	it('takes a stance back, suspended or not, but not once feedback is closed nor on an earlier revision', async () => {
		const s = setUp();
		const base = { revisionId: s.revisionId, stance: 'support' as const, reason: null, language: 'en', committeeOnly: false };
		await takeStance(t.db, s.user, { ...s.place(), ...base });
		suspend(s.user.id, s.slug);
		expect(await withdrawStance(t.db, s.user, { ...s.place(), revisionId: s.revisionId })).toEqual({ addsFeedback: false });
		expect(rows(stances)).toBe(0);

		const u = setUp();
		await takeStance(t.db, u.user, { ...u.place(), ...base, revisionId: u.revisionId });
		pastClosingDate(u.slug);
		expect(await refusalOf(() => withdrawStance(t.db, u.user, { ...u.place(), revisionId: u.revisionId }))).toMatchObject({ kind: 'closed' });
		t.db.update(consultations).set({ closesAt: null }).where(eq(consultations.slug, u.slug)).run();
		publishNextVersion(u.slug);
		expect(await refusalOf(() => withdrawStance(t.db, u.user, { ...u.place(), revisionId: u.revisionId }))).toEqual({ kind: 'revisionNotCurrent' });
		expect(rows(stances)).toBe(1);
	});
});

describe('postComment', () => {
	const post = (s: ReturnType<typeof setUp>, over: Partial<Parameters<typeof postComment>[2]> = {}) =>
		postComment(t.db, s.user, { ...s.place(), revisionId: s.revisionId, language: 'en', body: 'A comment.', parentId: null, committeeOnly: false, ...over });

	it('posts a comment (it adds feedback) and refuses a reply to a reply, typed', async () => {
		const s = setUp();
		const first = await post(s);
		expect(first.addsFeedback).toBe(true);
		const reply = await post(s, { parentId: first.comment.id });
		expect(await refusalOf(() => post(s, { parentId: reply.comment.id }))).toEqual({ kind: 'invalid', status: 400, code: 'errors.replyDepth', field: 'form' });
		expect(rows(comments)).toBe(2);
	});

	it('refuses a suspended author, a closed consultation, a revision no longer current and a language the consultation does not run in', async () => {
		const s = setUp();
		expect(await refusalOf(() => post(s, { language: 'de' }))).toEqual({ kind: 'language' });
		suspend(s.user.id, s.slug);
		expect(await refusalOf(() => post(s))).toMatchObject({ kind: 'suspended' });
		const u = setUp();
		pastClosingDate(u.slug);
		expect(await refusalOf(() => post(u))).toMatchObject({ kind: 'closed' });
		const v = setUp();
		publishNextVersion(v.slug);
		expect(await refusalOf(() => post(v))).toEqual({ kind: 'revisionNotCurrent' });
		expect(rows(comments)).toBe(0);
	});

	it('decides itself who may reply to a committee-only comment: the committee, not another participant', async () => {
		const s = setUp();
		const { comment } = await post(s, { committeeOnly: true });
		const stranger = makeUser(t.db);
		const committee = makeUser(t.db);
		assignRole(t.db, { consultationId: s.place().consultation.id, userId: committee.id, role: 'committee' });
		const reply = (author: typeof stranger) => postComment(t.db, author, { ...s.place(), revisionId: s.revisionId, language: 'en', body: 'Reply.', parentId: comment.id, committeeOnly: false });
		expect(await refusalOf(() => reply(stranger))).toMatchObject({ kind: 'invalid', code: 'errors.parentNotFound' });
		expect((await reply(committee)).comment.committeeOnly).toBe(true);
	});
});

describe('editComment and deleteComment', () => {
	async function posted() {
		const s = setUp();
		const { comment } = await postComment(t.db, s.user, { ...s.place(), revisionId: s.revisionId, language: 'en', body: 'Before.', parentId: null, committeeOnly: false });
		return { ...s, comment };
	}
	const edit = (s: Awaited<ReturnType<typeof posted>>, over: Partial<Parameters<typeof editComment>[2]> = {}) =>
		refusalOf(() => editComment(t.db, s.user, { ...s.place(), commentId: s.comment.id, body: 'After.', language: 'en', ...over }));

	it('refuses an edit while suspended, past the closing date, in a language the consultation does not run in, or of someone else’s comment', async () => {
		const s = await posted();
		expect(await edit(s, { language: 'fr' })).toEqual({ kind: 'language' });
		expect(await refusalOf(() => editComment(t.db, makeUser(t.db), { ...s.place(), commentId: s.comment.id, body: 'Mine now.', language: 'en' }))).toMatchObject({
			kind: 'invalid',
			status: 403,
			code: 'errors.notYourComment'
		});
		suspend(s.user.id, s.slug);
		expect(await edit(s)).toMatchObject({ kind: 'suspended' });
		const u = await posted();
		pastClosingDate(u.slug);
		expect(await edit(u)).toMatchObject({ kind: 'closed' });
		expect(t.db.select({ body: comments.body }).from(comments).all().map((c) => c.body)).toEqual(['Before.', 'Before.']);
		// Still open and not suspended: the edit goes through.
		const v = await posted();
		expect(editComment(t.db, v.user, { ...v.place(), commentId: v.comment.id, body: 'After.', language: 'en' }).body).toBe('After.');
	});

	it('lets the author delete their comment while suspended and after the consultation closed; nobody else', async () => {
		const s = await posted();
		suspend(s.user.id, s.slug);
		close(s.slug);
		expect(await refusalOf(() => deleteComment(t.db, makeUser(t.db), { ...s.place(), commentId: s.comment.id }))).toMatchObject({ kind: 'invalid', status: 403 });
		expect(deleteComment(t.db, s.user, { ...s.place(), commentId: s.comment.id }).deletedAt).not.toBeNull();
	});

	it('finds the comment on this clause only: another clause’s, or a committee-only one for someone else, is not there', async () => {
		const s = await posted();
		const onRespect = { consultation: s.place().consultation, clauseKey: 'respect' };
		expect(await refusalOf(() => deleteComment(t.db, s.user, { ...onRespect, commentId: s.comment.id }))).toEqual({ kind: 'notFound', code: 'errors.commentNotFound' });
		const { comment } = await postComment(t.db, s.user, { ...s.place(), revisionId: s.revisionId, language: 'en', body: 'Private.', parentId: null, committeeOnly: true });
		const reporter = makeUser(t.db);
		expect(await refusalOf(() => reportComment(t.db, reporter, { ...s.place(), commentId: comment.id, reason: 'spam', details: '' }))).toEqual({ kind: 'notFound', code: 'errors.commentNotFound' });
	});
});

describe('reportComment', () => {
	it('refuses a suspended reporter and spends the reporting limit', async () => {
		configureLimits(limitSettings({ RATE_LIMIT_REPORT: '1/1h' }));
		const s = setUp();
		const { comment } = await postComment(t.db, s.user, { ...s.place(), revisionId: s.revisionId, language: 'en', body: 'Spam?', parentId: null, committeeOnly: false });
		const [suspended, reporter] = [makeUser(t.db), makeUser(t.db)];
		suspend(suspended.id, s.slug);
		const report = (who: typeof reporter, reason: 'spam' | 'off-topic') => reportComment(t.db, who, { ...s.place(), commentId: comment.id, reason, details: '' });
		expect(await refusalOf(() => report(suspended, 'spam'))).toMatchObject({ kind: 'suspended' });
		report(reporter, 'spam');
		expect(await refusalOf(() => report(reporter, 'off-topic'))).toMatchObject({ kind: 'limited' });
		expect(rows(reports)).toBe(1);
	});
});

describe('translations', () => {
	async function withFeedback() {
		const s = setUp();
		const author = makeUser(t.db, { languages: ['es'] });
		const { comment } = await postComment(t.db, author, { ...s.place(), revisionId: s.revisionId, language: 'es', body: 'Hola.', parentId: null, committeeOnly: false });
		const { stance } = await takeStance(t.db, author, { ...s.place(), revisionId: s.revisionId, stance: 'support', reason: 'Claro.', language: 'es', committeeOnly: false });
		return { ...s, comment, stance };
	}
	const translation = (s: Awaited<ReturnType<typeof withFeedback>>) =>
		translateComment(t.db, s.user, { ...s.place(), commentId: s.comment.id, language: 'en', body: 'Hello.' });

	it('translates past the closing date (it adds no feedback), not once the consultation is marked closed', async () => {
		const s = await withFeedback();
		pastClosingDate(s.slug);
		expect(translation(s).body).toBe('Hello.');
		close(s.slug);
		expect(await refusalOf(() => translation(s))).toEqual({ kind: 'notOpen' });
		expect(await refusalOf(() => translateReason(t.db, s.user, { ...s.place(), stanceId: s.stance.id, language: 'en', body: 'Clear.' }))).toEqual({ kind: 'notOpen' });
		expect(await refusalOf(() => translateWaitingItem(t.db, s.user, { consultation: s.place().consultation, kind: 'reason', id: s.stance.id, language: 'en', body: 'Clear.' }))).toEqual({
			kind: 'notOpen'
		});
	});

	it('refuses a suspended translator on the clause page and on the waiting list, and one who does not read both languages', async () => {
		const s = await withFeedback();
		const monolingual = makeUser(t.db, { languages: ['en'] });
		expect(await refusalOf(() => translateComment(t.db, monolingual, { ...s.place(), commentId: s.comment.id, language: 'en', body: 'Hello.' }))).toEqual({
			kind: 'invalid',
			status: 400,
			code: 'errors.translatorLanguages',
			field: 'language'
		});
		suspend(s.user.id, s.slug);
		expect(await refusalOf(() => translation(s))).toMatchObject({ kind: 'suspended' });
		expect(await refusalOf(() => translateReason(t.db, s.user, { ...s.place(), stanceId: s.stance.id, language: 'en', body: 'Clear.' }))).toMatchObject({ kind: 'suspended' });
		expect(await refusalOf(() => translateWaitingItem(t.db, s.user, { consultation: s.place().consultation, kind: 'comment', id: s.comment.id, language: 'en', body: 'Hello.' }))).toMatchObject({
			kind: 'suspended'
		});
		expect(rows(commentTranslations) + rows(feedbackTranslations)).toBe(0);
	});

	it('keeps committee-only feedback out of reach of others, and machine translation refused with a typed 503 when the service fails', async () => {
		const s = setUp();
		const author = makeUser(t.db, { languages: ['es'] });
		const { comment } = await postComment(t.db, author, { ...s.place(), revisionId: s.revisionId, language: 'es', body: 'Privado.', parentId: null, committeeOnly: true });
		expect(await refusalOf(() => translateComment(t.db, s.user, { ...s.place(), commentId: comment.id, language: 'en', body: 'Private.' }))).toEqual({
			kind: 'notFound',
			code: 'errors.commentNotFound'
		});
		expect(await refusalOf(() => machineTranslateComment(t.db, s.user, { ...s.place(), commentId: comment.id, language: 'en' }))).toEqual({ kind: 'notFound', code: 'errors.commentNotFound' });
		expect(await refusalOf(() => translateWaitingItem(t.db, s.user, { consultation: s.place().consultation, kind: 'comment', id: comment.id, language: 'en', body: 'Private.' }))).toEqual({
			kind: 'notFound',
			code: 'errors.reasonNotFound'
		});
		const open = await postComment(t.db, author, { ...s.place(), revisionId: s.revisionId, language: 'es', body: 'Abierto.', parentId: null, committeeOnly: false });
		// Without MT_URL the service is not there: the refusal says so, as a 503 would.
		const mtUrl = process.env.MT_URL;
		delete process.env.MT_URL;
		try {
			expect(await refusalOf(() => machineTranslateComment(t.db, s.user, { ...s.place(), commentId: open.comment.id, language: 'en' }))).toMatchObject({
				kind: 'unavailable',
				code: 'errors.machineTranslationFailed'
			});
		} finally {
			if (mtUrl !== undefined) process.env.MT_URL = mtUrl;
		}
		expect(rows(commentTranslations)).toBe(0);
	});
});
