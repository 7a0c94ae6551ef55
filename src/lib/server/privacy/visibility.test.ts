// Committee-only feedback through every service that reads comments, reasons or their authors:
// the committee and the author read it, nobody else receives its text or author, and every count
// includes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, SAMPLE_DRAFT, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { earlierFeedback } from '../clauses/earlier';
import { addComment, CommentError, listComments } from '../comments/service';
import { findCommentOnClause, translateComment, withTranslations } from '../comments/translations';
import { versionClausesJson } from '../consultations/api';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { recordResponse, responsesForRevision } from '../responses/service';
import { assignRole } from '../roles/service';
import { getStance, listReasons, setStance } from '../stances/service';
import { rebuildTallies } from '../tallies/service';
import { feedbackCounts, talliesByCommunity } from '../tallies/read';
import { whatWeHeard } from '../versions/heard';
import { canReadComment, type Reader } from './visibility';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const SECRET = 'MARKER-committee-only-7f3a';
const SECRET_REPLY = 'MARKER-committee-reply-19c2';
const SECRET_REASON = 'MARKER-committee-reason-5be1';

function setup() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar'] });
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const author = makeUser(t.db, { displayName: 'Amina Private', languages: ['ar', 'en'] });
	const other = makeUser(t.db, { displayName: 'Other Person', languages: ['en', 'ar', 'es'] });
	const member = makeUser(t.db, { displayName: 'Kenji Committee', languages: ['en', 'ar'] });
	const moderator = makeUser(t.db, { displayName: 'Rosa Moderator' });
	const translator = makeUser(t.db, { displayName: 'Omar Translator', languages: ['ar', 'en'] });
	const siteAdmin = makeUser(t.db, { displayName: 'Ada Admin', isSiteAdmin: true });
	assignRole(t.db, { consultationId: consultation.id, userId: member.id, role: 'committee' });
	assignRole(t.db, { consultationId: consultation.id, userId: moderator.id, role: 'moderator' });
	assignRole(t.db, { consultationId: consultation.id, userId: translator.id, role: 'translator', language: 'ar' });
	assignRole(t.db, { consultationId: consultation.id, userId: other.id, role: 'liaison', language: 'ar' });
	const readers = {
		anonymous: { userId: null, moderates: false, committee: false },
		other: { userId: other.id, moderates: false, committee: false },
		moderator: { userId: moderator.id, moderates: true, committee: false },
		translator: { userId: translator.id, moderates: false, committee: false },
		author: { userId: author.id, moderates: false, committee: false },
		committee: { userId: member.id, moderates: true, committee: true },
		siteAdmin: { userId: siteAdmin.id, moderates: true, committee: true }
	} satisfies Record<string, Reader>;
	return { consultation, version, revisionId, author, other, member, moderator, translator, readers };
}

const outsiders = ['anonymous', 'other', 'moderator', 'translator'] as const;
const insiders = ['author', 'committee', 'siteAdmin'] as const;

describe('committee-only stance reasons', () => {
	it('reach the committee and the author only, and count in every number', () => {
		const { revisionId, author, other, readers } = setup();
		setStance(t.db, { revisionId, userId: other.id, stance: 'support', reason: 'Public reason', language: 'en', now: 1 });
		setStance(t.db, { revisionId, userId: author.id, stance: 'oppose', reason: SECRET_REASON, language: 'ar', committeeOnly: true, now: 2 });

		for (const name of outsiders) {
			const reasons = listReasons(t.db, revisionId, { page: 1, reader: readers[name] });
			expect(reasons.items.map((r) => r.reason), name).toEqual(['Public reason']);
			expect(reasons.total, name).toBe(1);
			expect(reasons.committeeOnlyHidden, name).toBe(1);
			expect(JSON.stringify(reasons), name).not.toContain(SECRET_REASON);
			expect(JSON.stringify(reasons), name).not.toContain('Amina Private');
		}
		for (const name of insiders) {
			const reasons = listReasons(t.db, revisionId, { page: 1, reader: readers[name] });
			const secret = reasons.items.find((r) => r.reason === SECRET_REASON);
			expect(secret, name).toMatchObject({ committeeOnly: true, author: { displayName: 'Amina Private' } });
			expect(reasons.total, name).toBe(2);
			expect(reasons.committeeOnlyHidden, name).toBe(0);
		}
		// Without a reader the service assumes the least: an anonymous reader.
		expect(JSON.stringify(listReasons(t.db, revisionId, { page: 1 }))).not.toContain(SECRET_REASON);
		// The stance itself counts as any other.
		expect(feedbackCounts(t.db, [revisionId]).get(revisionId)).toMatchObject({ support: 1, oppose: 1 });
	});

	it('can be changed back to public, and the saved choice is returned to the author', () => {
		const { revisionId, author, readers } = setup();
		setStance(t.db, { revisionId, userId: author.id, stance: 'oppose', reason: SECRET_REASON, language: 'ar', committeeOnly: true });
		expect(getStance(t.db, revisionId, author.id)!.committeeOnly).toBe(true);
		setStance(t.db, { revisionId, userId: author.id, stance: 'oppose', reason: SECRET_REASON, language: 'ar' });
		expect(getStance(t.db, revisionId, author.id)!.committeeOnly).toBe(false);
		expect(listReasons(t.db, revisionId, { page: 1, reader: readers.anonymous }).items).toHaveLength(1);
	});
});

describe('committee-only comments', () => {
	function thread() {
		const s = setup();
		const publicComment = addComment(t.db, { revisionId: s.revisionId, authorId: s.other.id, language: 'en', body: 'A public comment', now: 1 });
		const secret = addComment(t.db, {
			revisionId: s.revisionId,
			authorId: s.author.id,
			language: 'ar',
			body: SECRET,
			committeeOnly: true,
			now: 2
		});
		// The committee answers in the thread: the reply is committee-only without being asked.
		const reply = addComment(t.db, {
			revisionId: s.revisionId,
			authorId: s.member.id,
			language: 'en',
			body: SECRET_REPLY,
			parentId: secret.id,
			committee: true,
			now: 3
		});
		return { ...s, publicComment, secret, reply };
	}

	it('are listed for the committee and the author only, with the committee’s replies, and counted for everyone', () => {
		const { revisionId, readers, secret, reply } = thread();
		expect(reply.committeeOnly).toBe(true);
		for (const name of outsiders) {
			const page = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: readers[name] });
			expect(page.items.map((c) => c.id), name).not.toContain(secret.id);
			expect(page.total, name).toBe(1);
			expect(page.committeeOnlyHidden, name).toBe(2);
			// The language filter does not betray the Arabic comment either.
			expect(page.languages, name).toEqual([{ language: 'en', count: 1 }]);
			const text = JSON.stringify(withTranslations(t.db, page.items));
			expect(text, name).not.toContain(SECRET);
			expect(text, name).not.toContain(SECRET_REPLY);
			expect(text, name).not.toContain('Amina Private');
			// Filtering by the comment's language finds nothing.
			expect(listComments(t.db, revisionId, { order: 'newest', language: 'ar', page: 1, reader: readers[name] }).total, name).toBe(0);
		}
		for (const name of insiders) {
			const page = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: readers[name] });
			const item = page.items.find((c) => c.id === secret.id);
			expect(item, name).toMatchObject({ committeeOnly: true, author: { displayName: 'Amina Private' } });
			expect(item!.html, name).toContain(SECRET);
			expect(item!.replies.map((r) => [r.id, r.committeeOnly]), name).toEqual([[reply.id, true]]);
			expect(page.total, name).toBe(2);
			expect(page.committeeOnlyHidden, name).toBe(0);
		}
		// Everyone's counts include both.
		expect(feedbackCounts(t.db, [revisionId]).get(revisionId)!.comments).toBe(3);
	});

	it('cannot be replied to by someone who may not read them (the same error as for an unknown comment)', () => {
		const { revisionId, other, secret, author } = thread();
		const attempt = () => addComment(t.db, { revisionId, authorId: other.id, language: 'en', body: 'x', parentId: secret.id });
		expect(attempt).toThrow(CommentError);
		expect(attempt).toThrow('errors.parentNotFound');
		// The author may answer the committee in the thread; that reply is committee-only too.
		const answer = addComment(t.db, { revisionId, authorId: author.id, language: 'ar', body: 'شكرا', parentId: secret.id });
		expect(answer.committeeOnly).toBe(true);
	});

	it('a committee-only reply to a public comment reaches its author and the committee, not the parent’s author', () => {
		const { revisionId, publicComment, author, other, readers } = thread();
		addComment(t.db, { revisionId, authorId: author.id, language: 'en', body: 'PRIVATE-ASIDE', parentId: publicComment.id, committeeOnly: true });
		const seenBy = (reader: Reader) =>
			JSON.stringify(listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader })).includes('PRIVATE-ASIDE');
		expect(seenBy(readers.author)).toBe(true);
		expect(seenBy(readers.committee)).toBe(true);
		expect(seenBy({ userId: other.id, moderates: false, committee: false })).toBe(false);
		expect(seenBy(readers.anonymous)).toBe(false);
	});

	it('are not found by id for translation by anyone but the committee and the author, and their translations go nowhere else', () => {
		const { consultation, revisionId, secret, reply, readers, member } = thread();
		for (const name of outsiders) {
			expect(findCommentOnClause(t.db, secret.id, consultation.id, 'purpose', readers[name]), name).toBeUndefined();
			expect(findCommentOnClause(t.db, reply.id, consultation.id, 'purpose', readers[name]), name).toBeUndefined();
		}
		expect(findCommentOnClause(t.db, secret.id, consultation.id, 'purpose')).toBeUndefined();
		for (const name of insiders) {
			expect(findCommentOnClause(t.db, secret.id, consultation.id, 'purpose', readers[name])?.id, name).toBe(secret.id);
		}
		translateComment(t.db, {
			commentId: secret.id,
			language: 'en',
			body: 'TRANSLATED-SECRET',
			translatorId: member.id,
			consultationLanguages: consultation.languages,
			translatorLanguages: ['ar', 'en']
		});
		for (const name of outsiders) {
			const page = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: readers[name] });
			expect(JSON.stringify(withTranslations(t.db, page.items)), name).not.toContain('TRANSLATED-SECRET');
		}
		const page = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, reader: readers.author });
		expect(JSON.stringify(withTranslations(t.db, page.items))).toContain('TRANSLATED-SECRET');
	});

	it('keep the committee’s response to them between the committee and the author', () => {
		const { consultation, revisionId, secret, publicComment, member, readers } = thread();
		recordResponse(t.db, { revisionId, commentId: secret.id, status: 'noted', explanation: 'RESPONSE-TO-SECRET', authorId: member.id, consultationId: consultation.id });
		recordResponse(t.db, { revisionId, commentId: publicComment.id, status: 'accepted', explanation: 'Public answer', authorId: member.id, consultationId: consultation.id });
		recordResponse(t.db, { revisionId, status: 'partly', explanation: 'Clause answer', authorId: member.id, consultationId: consultation.id });
		for (const name of outsiders) {
			const responses = responsesForRevision(t.db, revisionId, readers[name]);
			expect([...responses.byComment.keys()], name).toEqual([publicComment.id]);
			expect(responses.clause?.explanation, name).toBe('Clause answer');
		}
		expect([...responsesForRevision(t.db, revisionId).byComment.keys()]).toEqual([publicComment.id]);
		for (const name of insiders) {
			expect(responsesForRevision(t.db, revisionId, readers[name]).byComment.get(secret.id)?.explanation, name).toBe('RESPONSE-TO-SECRET');
		}
	});

	it('stay out of "what we heard" and the earlier-feedback section for everyone else, while their counts remain', () => {
		const { consultation, version, revisionId, secret, publicComment, member, readers } = thread();
		recordResponse(t.db, { revisionId, commentId: secret.id, status: 'noted', explanation: 'RESPONSE-TO-SECRET', authorId: member.id, consultationId: consultation.id });
		recordResponse(t.db, { revisionId, commentId: publicComment.id, status: 'accepted', explanation: 'Public answer', authorId: member.id, consultationId: consultation.id });
		const parsed = parseDraft(SAMPLE_DRAFT.replace('Why this policy exists.', 'Why this policy exists, revised.'), 2);
		const v2 = importVersion(t.db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: true, createdBy: null });
		const clauseId = readClause(t.db, v2.id, 'purpose', 'en', 'en')!.clauseId;

		for (const name of outsiders) {
			const heard = whatWeHeard(t.db, v2, 'en', readers[name])!;
			const purpose = heard.clauses.find((c) => c.change.key === 'purpose')!;
			expect(purpose.commentResponses.map((r) => r.response.explanation), name).toEqual(['Public answer']);
			expect(purpose.tallies.reduce((n, row) => n + row.comments, 0), name).toBe(3);
			const text = JSON.stringify(heard);
			for (const secretText of [SECRET, SECRET_REPLY, 'RESPONSE-TO-SECRET', 'Amina Private']) expect(text, name).not.toContain(secretText);

			const earlier = earlierFeedback(t.db, clauseId, v2.number, readers[name]);
			expect(earlier.map((e) => e.versionNumber), name).toEqual([version.number]);
			expect(earlier[0].counts.comments, name).toBe(3);
			expect(JSON.stringify(earlier), name).not.toContain(SECRET);
		}
		expect(JSON.stringify(whatWeHeard(t.db, v2, 'en'))).not.toContain(SECRET);
		expect(JSON.stringify(earlierFeedback(t.db, clauseId, v2.number))).not.toContain(SECRET);
		for (const name of insiders) {
			const purpose = whatWeHeard(t.db, v2, 'en', readers[name])!.clauses.find((c) => c.change.key === 'purpose')!;
			const answered = purpose.commentResponses.find((r) => r.response.explanation === 'RESPONSE-TO-SECRET');
			expect(answered?.comment, name).toMatchObject({ committeeOnly: true, author: expect.objectContaining({ displayName: 'Amina Private' }) });
			expect(JSON.stringify(earlierFeedback(t.db, clauseId, v2.number, readers[name])), name).toContain(SECRET);
		}
	});

	it('never reach the JSON API, whose clause counts include them', () => {
		const { consultation, version, revisionId } = thread();
		const json = versionClausesJson(t.db, consultation, version, 'en');
		expect(JSON.stringify(json)).not.toContain(SECRET);
		expect(json.clauses.find((c) => c.key === 'purpose')!.counts.comments).toBe(3);
		// The tallies kept while writing equal a recount, committee-only items included.
		const before = talliesByCommunity(t.db, [revisionId]);
		rebuildTallies(t.db);
		expect(talliesByCommunity(t.db, [revisionId])).toEqual(before);
	});
});

describe('canReadComment', () => {
	it('applies the same rule to a comment already loaded', () => {
		const open = { committeeOnly: false, authorId: 1 };
		const secret = { committeeOnly: true, authorId: 1 };
		const committeeReply = { committeeOnly: true, authorId: 3 };
		expect(canReadComment(open, null, { userId: null, committee: false })).toBe(true);
		expect(canReadComment(secret, null, { userId: null, committee: false })).toBe(false);
		expect(canReadComment(secret, null, { userId: 2, committee: false })).toBe(false);
		expect(canReadComment(secret, null, { userId: 1, committee: false })).toBe(true);
		expect(canReadComment(secret, null, { userId: 2, committee: true })).toBe(true);
		expect(canReadComment(committeeReply, secret, { userId: 1, committee: false })).toBe(true);
		expect(canReadComment(committeeReply, open, { userId: 1, committee: false })).toBe(false);
	});
});
