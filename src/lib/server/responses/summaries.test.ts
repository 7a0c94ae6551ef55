import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { liaisonSummaries, summaryResponses } from '../db/schema';
import { recordSummaryResponse, summaryResponsesFor } from './summaries';
import { ResponseError } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function setup() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['ar', 'es'] });
	const member = makeUser(t.db, { displayName: 'Kenji' });
	const summary = (status: 'draft' | 'published', consultationId = consultation.id, versionId = version.id) =>
		t.db
			.insert(liaisonSummaries)
			.values({ consultationId, versionId, language: 'ar', status, narrativeLanguage: 'ar', publishedAt: status === 'published' ? 1 : null })
			.returning()
			.get();
	return { consultation, version, member, summary };
}

function refusal(fn: () => unknown): { code: string; field: string } {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ResponseError);
		return { code: (e as ResponseError).code, field: (e as ResponseError).field };
	}
	throw new Error('expected a ResponseError');
}

describe('responses to liaison summaries', () => {
	it('records one response per summary, replaced when recorded again, and reads it back with its author and version', () => {
		const { consultation, member, summary } = setup();
		const s = summary('published');
		const first = recordSummaryResponse(t.db, {
			summaryId: s.id,
			consultationId: consultation.id,
			status: 'noted',
			explanation: 'We read it.\r\n',
			authorId: member.id,
			now: 1000
		});
		const second = recordSummaryResponse(t.db, {
			summaryId: s.id,
			consultationId: consultation.id,
			status: 'partly',
			explanation: 'We changed **clause 2**.',
			actedInVersion: 1,
			authorId: member.id,
			now: 2000
		});
		expect(second.id).toBe(first.id);
		expect(second.createdAt).toBe(1000);
		expect(t.db.select().from(summaryResponses).all()).toHaveLength(1);
		const view = summaryResponsesFor(t.db, [s.id, 999]);
		expect([...view.keys()]).toEqual([s.id]);
		expect(view.get(s.id)).toMatchObject({
			status: 'partly',
			explanation: 'We changed **clause 2**.',
			actedInVersion: 1,
			author: { displayName: 'Kenji' },
			updatedAt: 2000
		});
		expect(view.get(s.id)!.html).toContain('<strong>clause 2</strong>');
		expect(first.explanation).toBe('We read it.');
	});

	it('refuses drafts, other consultations’ summaries, unknown versions and empty explanations, storing nothing', () => {
		const { consultation, member, summary } = setup();
		const other = makeConsultation(t.db);
		const draft = summary('draft');
		const elsewhere = summary('published', other.consultation.id, other.version.id);
		const published = summary('published');
		const base = { consultationId: consultation.id, status: 'accepted' as const, explanation: 'Yes.', authorId: member.id };
		expect(refusal(() => recordSummaryResponse(t.db, { ...base, summaryId: draft.id }))).toEqual({ code: 'errors.responseTarget', field: 'form' });
		expect(refusal(() => recordSummaryResponse(t.db, { ...base, summaryId: elsewhere.id }))).toEqual({ code: 'errors.responseTarget', field: 'form' });
		expect(refusal(() => recordSummaryResponse(t.db, { ...base, summaryId: 424242 })).code).toBe('errors.responseTarget');
		expect(refusal(() => recordSummaryResponse(t.db, { ...base, summaryId: published.id, actedInVersion: 7 }))).toEqual({
			code: 'errors.versionNotFound',
			field: 'actedInVersion'
		});
		expect(refusal(() => recordSummaryResponse(t.db, { ...base, summaryId: published.id, explanation: ' \n ' }))).toEqual({
			code: 'errors.explanationEmpty',
			field: 'explanation'
		});
		expect(t.db.select().from(summaryResponses).all()).toEqual([]);
	});

	it('goes with its summary, and keeps the answer when its author’s account goes', () => {
		const { consultation, member, summary } = setup();
		const s = summary('published');
		recordSummaryResponse(t.db, { summaryId: s.id, consultationId: consultation.id, status: 'declined', explanation: 'No.', authorId: member.id });
		t.db.$client.prepare('delete from users where id = ?').run(member.id);
		expect(summaryResponsesFor(t.db, [s.id]).get(s.id)).toMatchObject({ status: 'declined', author: null });
		t.db.$client.prepare('delete from liaison_summaries where id = ?').run(s.id);
		expect(t.db.select().from(summaryResponses).all()).toEqual([]);
	});
});
