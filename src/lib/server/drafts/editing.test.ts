import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, type TestDb } from '../../../../tests/support/db';
import { listVersionClauses, readClause, upsertTranslation } from '../clauses/service';
import { currentVersion } from '../consultations/service';
import { addDraftClause, editDraftClause, moveDraftClause, removeDraftClause, setDraftNote, startDraft } from './editing';
import { DraftError, publishVersion } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const order = (versionId: number, lang = 'en') => listVersionClauses(t.db, versionId, 'en', lang).map((c) => c.key);

describe('editing a draft in place', () => {
	it('starts from the current version, then edits, adds, removes and reorders clauses', () => {
		const { consultation, version } = makeConsultation(t.db);
		upsertTranslation(t.db, { revisionId: readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId, language: 'es', heading: 'Respeto', body: 'x', translatorId: null });
		upsertTranslation(t.db, { revisionId: readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId, language: 'es', heading: 'Propósito', body: 'y', translatorId: null });
		const draft = startDraft(t.db, consultation.id, 'en', null);
		expect(draft).toMatchObject({ number: 2, status: 'draft' });
		expect(order(draft.id)).toEqual(['purpose', 'respect', 'reporting']);

		editDraftClause(t.db, draft.id, 'respect', { label: '2', heading: 'Respect', body: 'Treat everyone with respect and kindness.', affectsTranslations: true });
		editDraftClause(t.db, draft.id, 'purpose', { label: '1', heading: 'Purpose', body: 'Why this policy exists!', affectsTranslations: false });
		const spanish = listVersionClauses(t.db, draft.id, 'en', 'es');
		expect(spanish.find((c) => c.key === 'respect')).toMatchObject({ translated: true, outdated: true });
		expect(spanish.find((c) => c.key === 'purpose')).toMatchObject({ translated: true, outdated: false });

		const key = addDraftClause(t.db, draft.id, { label: '4', heading: 'Appeals', body: 'Appeal once.', afterKey: 'respect' });
		expect(key).toBe('appeals');
		expect(order(draft.id)).toEqual(['purpose', 'respect', 'appeals', 'reporting']);
		addDraftClause(t.db, draft.id, { label: '0', heading: 'Preamble', body: 'First.', afterKey: null, key: 'preamble' });
		expect(order(draft.id)[0]).toBe('preamble');
		expect(() => addDraftClause(t.db, draft.id, { label: '9', heading: 'X', body: 'y', afterKey: null, key: 'respect' })).toThrow(DraftError);

		moveDraftClause(t.db, draft.id, 'reporting', -1);
		expect(order(draft.id)).toEqual(['preamble', 'purpose', 'respect', 'reporting', 'appeals']);
		moveDraftClause(t.db, draft.id, 'preamble', -1); // already first: nothing happens
		expect(order(draft.id)[0]).toBe('preamble');

		removeDraftClause(t.db, draft.id, 'preamble');
		expect(order(draft.id)).toEqual(['purpose', 'respect', 'reporting', 'appeals']);
		setDraftNote(t.db, draft.id, 'Edited in place.');

		// The published version is untouched throughout.
		expect(readClause(t.db, version.id, 'respect', 'en', 'en')!.original.body).toBe('Treat everyone with respect.');
		expect(order(version.id)).toEqual(['purpose', 'respect', 'reporting']);

		publishVersion(t.db, draft.id);
		expect(currentVersion(t.db, consultation.id)).toMatchObject({ number: 2, note: 'Edited in place.' });
		// Published: no more edits.
		expect(() => editDraftClause(t.db, draft.id, 'respect', { label: '2', heading: 'R', body: 'b', affectsTranslations: true })).toThrow(DraftError);
		expect(() => removeDraftClause(t.db, version.id, 'respect')).toThrow(DraftError);
	});

	it('refuses to publish a draft with duplicate labels', () => {
		const { consultation } = makeConsultation(t.db);
		const draft = startDraft(t.db, consultation.id, 'en', null);
		editDraftClause(t.db, draft.id, 'respect', { label: '1', heading: 'Respect', body: 'Treat everyone with respect.', affectsTranslations: true });
		expect(() => publishVersion(t.db, draft.id)).toThrow(expect.objectContaining({ code: 'errors.duplicateLabels' }));
	});
});
