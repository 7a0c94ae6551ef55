import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, SAMPLE_DRAFT, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { addComment } from '../comments/service';
import { committeeResponses } from '../db/schema';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { isRevisionOfClause, recordResponse, ResponseError, responseShare, responsesForRevision } from './service';
import { responseInput } from './schemas';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function setup() {
	const { consultation, version } = makeConsultation(t.db);
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const other = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	const member = makeUser(t.db, { displayName: 'Kenji' });
	const participant = makeUser(t.db, { displayName: 'Lucía', languages: ['es'] });
	return { consultation, version, revisionId, other, member, participant };
}

function nextVersion(consultationId: number) {
	const parsed = parseDraft(SAMPLE_DRAFT.replace('Why this policy exists.', 'Why this policy exists, revised.'), 2);
	return importVersion(t.db, { consultationId, clauses: parsed.clauses, note: '', publish: true, createdBy: null });
}

describe('committee responses', () => {
	it('records a response to a clause revision, with the version acted in resolved from its number', () => {
		const { consultation, revisionId, member } = setup();
		const v2 = nextVersion(consultation.id);
		const saved = recordResponse(t.db, {
			revisionId,
			status: 'partly',
			explanation: '  We **kept** the purpose but shortened it.\r\n',
			actedInVersion: 2,
			authorId: member.id,
			consultationId: consultation.id,
			now: 1000
		});
		expect(saved).toMatchObject({ revisionId, commentId: null, status: 'partly', actedInVersionId: v2.id, createdAt: 1000, updatedAt: 1000 });
		expect(saved.explanation).toBe('We **kept** the purpose but shortened it.');

		const { clause, byComment } = responsesForRevision(t.db, revisionId);
		expect(byComment.size).toBe(0);
		expect(clause).toEqual({
			id: saved.id,
			status: 'partly',
			explanation: 'We **kept** the purpose but shortened it.',
			html: '<p>We <strong>kept</strong> the purpose but shortened it.</p>\n',
			actedInVersion: 2,
			author: expect.objectContaining({ displayName: 'Kenji', username: member.username }),
			updatedAt: 1000
		});
	});

	it('keeps one response per target: recording again updates it, keeping createdAt', () => {
		const { consultation, revisionId, member, participant } = setup();
		const comment = addComment(t.db, { revisionId, authorId: participant.id, language: 'es', body: 'Más corto, por favor.' });
		const base = { revisionId, authorId: member.id, consultationId: consultation.id };
		const first = recordResponse(t.db, { ...base, status: 'noted', explanation: 'Thanks.', now: 1000 });
		const onComment = recordResponse(t.db, { ...base, commentId: comment.id, status: 'declined', explanation: 'No.', now: 1500 });
		const second = recordResponse(t.db, { ...base, status: 'accepted', explanation: 'Done.', actedInVersion: 1, now: 2000 });
		const commentAgain = recordResponse(t.db, { ...base, commentId: comment.id, status: 'accepted', explanation: 'Yes after all.', now: 2500 });

		expect(second.id).toBe(first.id);
		expect(second).toMatchObject({ status: 'accepted', explanation: 'Done.', createdAt: 1000, updatedAt: 2000 });
		expect(commentAgain.id).toBe(onComment.id);
		expect(commentAgain).toMatchObject({ createdAt: 1500, updatedAt: 2500 });
		expect(t.db.select().from(committeeResponses).where(eq(committeeResponses.revisionId, revisionId)).all()).toHaveLength(2);

		const views = responsesForRevision(t.db, revisionId);
		expect(views.clause).toMatchObject({ status: 'accepted', actedInVersion: 1, updatedAt: 2000 });
		expect(views.byComment.get(comment.id)).toMatchObject({ status: 'accepted', html: '<p>Yes after all.</p>\n', actedInVersion: null });

		// Clearing the version acted in is an update too.
		recordResponse(t.db, { ...base, status: 'accepted', explanation: 'Done.', actedInVersion: null, now: 3000 });
		expect(responsesForRevision(t.db, revisionId).clause?.actedInVersion).toBeNull();
	});

	it('refuses a comment on another revision, an unknown version number and another consultation’s revision', () => {
		const { consultation, revisionId, other, member, participant } = setup();
		const elsewhere = makeConsultation(t.db);
		const comment = addComment(t.db, { revisionId: other, authorId: participant.id, language: 'en', body: 'On another clause' });
		const base = { revisionId, status: 'noted' as const, explanation: 'Noted.', authorId: member.id, consultationId: consultation.id };

		const codeOf = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				expect(e).toBeInstanceOf(ResponseError);
				return { code: (e as ResponseError).code, field: (e as ResponseError).field };
			}
			throw new Error('expected a ResponseError');
		};
		expect(codeOf(() => recordResponse(t.db, { ...base, commentId: comment.id }))).toEqual({ code: 'errors.commentNotFound', field: 'form' });
		expect(codeOf(() => recordResponse(t.db, { ...base, commentId: 999_999 })).code).toBe('errors.commentNotFound');
		expect(codeOf(() => recordResponse(t.db, { ...base, actedInVersion: 7 }))).toEqual({ code: 'errors.versionNotFound', field: 'actedInVersion' });
		// Version 1 exists, but in the other consultation only counts for that one.
		nextVersion(elsewhere.consultation.id);
		expect(codeOf(() => recordResponse(t.db, { ...base, actedInVersion: 2 })).code).toBe('errors.versionNotFound');
		expect(codeOf(() => recordResponse(t.db, { ...base, consultationId: elsewhere.consultation.id })).code).toBe('errors.responseTarget');
		expect(codeOf(() => recordResponse(t.db, { ...base, explanation: '   ' })).code).toBe('errors.explanationEmpty');
		expect(codeOf(() => recordResponse(t.db, { ...base, explanation: 'x'.repeat(10_001) })).code).toBe('errors.explanationTooLong');

		expect(t.db.select().from(committeeResponses).all()).toEqual([]);
	});

	it('answers on an earlier version’s revision stay with that revision', () => {
		const { consultation, version, revisionId, member } = setup();
		const v2 = nextVersion(consultation.id);
		const newRevision = readClause(t.db, v2.id, 'purpose', 'en', 'en')!.revisionId;
		recordResponse(t.db, { revisionId, status: 'accepted', explanation: 'Rewritten.', actedInVersion: 2, authorId: member.id, consultationId: consultation.id });
		expect(responsesForRevision(t.db, revisionId).clause?.status).toBe('accepted');
		expect(responsesForRevision(t.db, newRevision).clause).toBeNull();

		expect(isRevisionOfClause(t.db, consultation.id, 'purpose', revisionId)).toBe(true);
		expect(isRevisionOfClause(t.db, consultation.id, 'purpose', newRevision)).toBe(true);
		const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
		expect(isRevisionOfClause(t.db, consultation.id, 'purpose', respect)).toBe(false);
		expect(isRevisionOfClause(t.db, consultation.id + 1, 'purpose', revisionId)).toBe(false);
	});

	it('shows a deleted member’s response without a name', () => {
		const { consultation, revisionId, member } = setup();
		recordResponse(t.db, { revisionId, status: 'noted', explanation: 'Noted.', authorId: member.id, consultationId: consultation.id });
		t.db.$client.prepare('delete from users where id = ?').run(member.id);
		expect(responsesForRevision(t.db, revisionId).clause).toMatchObject({ status: 'noted', author: null });
	});

	it('counts, per language community, the top-level comments that received a response', () => {
		const { consultation, revisionId, other, member, participant } = setup();
		const say = (rev: number, language: string, parentId?: number) =>
			addComment(t.db, { revisionId: rev, authorId: participant.id, language, body: 'x', parentId });
		const ar1 = say(revisionId, 'ar');
		say(revisionId, 'ar');
		const es1 = say(other, 'es');
		const es2 = say(revisionId, 'es');
		const reply = say(revisionId, 'fr', es2.id);
		say(revisionId, 'ar', ar1.id);
		const answer = (rev: number, commentId: number) =>
			recordResponse(t.db, { revisionId: rev, commentId, status: 'noted', explanation: 'Noted.', authorId: member.id, consultationId: consultation.id });
		answer(revisionId, ar1.id);
		answer(other, es1.id);
		answer(revisionId, es2.id);
		// A response to a reply or to the clause as a whole does not answer a top-level comment.
		answer(revisionId, reply.id);
		recordResponse(t.db, { revisionId, status: 'noted', explanation: 'All read.', authorId: member.id, consultationId: consultation.id });

		expect(responseShare(t.db, [revisionId, other])).toEqual([
			{ language: 'ar', responded: 1, total: 2 },
			{ language: 'es', responded: 2, total: 2 }
		]);
		expect(responseShare(t.db, [other])).toEqual([{ language: 'es', responded: 1, total: 1 }]);
		expect(responseShare(t.db, [])).toEqual([]);
	});
});

describe('the response form’s rules', () => {
	it('accepts a complete form and turns empty optional fields into null', () => {
		const parsed = responseInput.parse({ revision: '4', comment: '', status: 'partly', explanation: ' Why \r\n', actedInVersion: '' });
		expect(parsed).toEqual({ revision: 4, comment: null, status: 'partly', explanation: 'Why', actedInVersion: null });
		expect(responseInput.parse({ revision: '4', comment: '9', status: 'noted', explanation: 'x', actedInVersion: '2' })).toMatchObject({
			comment: 9,
			actedInVersion: 2
		});
	});

	it('names the field and the message key of each mistake', () => {
		const issues = (input: Record<string, string>) =>
			Object.fromEntries(responseInput.safeParse(input).error!.issues.map((i) => [String(i.path[0]), i.message]));
		expect(issues({ revision: '4', status: 'maybe', explanation: '', actedInVersion: 'two' })).toEqual({
			status: 'errors.responseStatusRequired',
			explanation: 'errors.explanationEmpty',
			actedInVersion: 'errors.versionNotFound'
		});
		expect(issues({ revision: '4', status: 'noted', explanation: 'y'.repeat(10_001) })).toEqual({ explanation: 'errors.explanationTooLong' });
	});
});
