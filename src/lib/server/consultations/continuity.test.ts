import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, SAMPLE_DRAFT, type TestDb } from '../../../../tests/support/db';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { readClause } from '../clauses/service';
import { setStance, withdrawStance } from '../stances/service';
import { addComment } from '../comments/service';
import { latestVersionWithFeedback, previousFeedbackByClause } from './continuity';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function nextVersion(consultationId: number, publish = true, draft = SAMPLE_DRAFT) {
	return importVersion(t.db, { consultationId, clauses: parseDraft(draft, 2).clauses, note: '', publish, createdBy: null });
}
const revisionOf = (versionId: number, key: string) => readClause(t.db, versionId, key, 'en', 'en')!.revisionId;

describe('latestVersionWithFeedback', () => {
	it('is undefined before anything is published', () => {
		const { consultation } = makeConsultation(t.db, { publish: false });
		expect(latestVersionWithFeedback(t.db, consultation.id)).toBeUndefined();
	});

	it('is the current version when no version has feedback yet', () => {
		const { consultation } = makeConsultation(t.db);
		const v2 = nextVersion(consultation.id);
		expect(latestVersionWithFeedback(t.db, consultation.id)?.number).toBe(v2.number);
	});

	it('skips a newer version without feedback for the one that has some', () => {
		const { consultation, version: v1 } = makeConsultation(t.db);
		setStance(t.db, { revisionId: revisionOf(v1.id, 'respect'), userId: makeUser(t.db).id, stance: 'support', reason: null, language: 'en' });
		nextVersion(consultation.id);
		expect(latestVersionWithFeedback(t.db, consultation.id)?.number).toBe(1);
	});

	it('counts a comment alone as feedback, and prefers the newest version that has any', () => {
		const { consultation, version: v1 } = makeConsultation(t.db);
		const user = makeUser(t.db);
		setStance(t.db, { revisionId: revisionOf(v1.id, 'respect'), userId: user.id, stance: 'oppose', reason: null, language: 'en' });
		const v2 = nextVersion(consultation.id);
		addComment(t.db, { revisionId: revisionOf(v2.id, 'purpose'), authorId: user.id, language: 'en', body: 'A thought.', parentId: null, committeeOnly: false, committee: false });
		expect(latestVersionWithFeedback(t.db, consultation.id)?.number).toBe(2);
	});

	it('ignores an unpublished draft, whatever it holds', () => {
		const { consultation, version: v1 } = makeConsultation(t.db);
		setStance(t.db, { revisionId: revisionOf(v1.id, 'respect'), userId: makeUser(t.db).id, stance: 'support', reason: null, language: 'en' });
		nextVersion(consultation.id, false);
		expect(latestVersionWithFeedback(t.db, consultation.id)?.number).toBe(1);
	});

	it('does not count a withdrawn stance (the current version stays)', () => {
		const { consultation, version: v1 } = makeConsultation(t.db);
		const user = makeUser(t.db);
		const revisionId = revisionOf(v1.id, 'respect');
		setStance(t.db, { revisionId, userId: user.id, stance: 'support', reason: null, language: 'en' });
		// The tallies keep a row at zero once the stance is gone.
		withdrawStance(t.db, revisionId, user.id);
		nextVersion(consultation.id);
		expect(latestVersionWithFeedback(t.db, consultation.id)?.number).toBe(2);
	});
});

describe('previousFeedbackByClause', () => {
	it('gives each clause the counts of its previous wording, through the lineage, only where there were some', () => {
		const { consultation, version: v1 } = makeConsultation(t.db);
		const [a, b] = [makeUser(t.db), makeUser(t.db)];
		const respect = revisionOf(v1.id, 'respect');
		setStance(t.db, { revisionId: respect, userId: a.id, stance: 'support', reason: null, language: 'en' });
		setStance(t.db, { revisionId: respect, userId: b.id, stance: 'oppose', reason: null, language: 'en' });
		// Version 2 moves "respect" after a new clause: the lineage, not the position, links them.
		const v2 = nextVersion(
			consultation.id,
			true,
			SAMPLE_DRAFT.replace('## 2 Respect {#respect}', '## 2 New {#new}\n\nA new clause.\n\n## 3 Respect {#respect}')
		);
		const previous = previousFeedbackByClause(t.db, v2);
		expect([...previous.keys()]).toEqual(['respect']);
		expect(previous.get('respect')).toEqual({ versionNumber: 1, revisionId: respect, counts: { support: 1, oppose: 1, neutral: 0, comments: 0 } });
		expect(previousFeedbackByClause(t.db, v1).size).toBe(0);
	});
});
