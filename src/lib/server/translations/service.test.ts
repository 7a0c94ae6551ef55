import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, type TestDb } from '../../../../tests/support/db';
import { readClause, upsertTranslation } from '../clauses/service';
import { importVersion } from '../drafts/service';
import { translatedFrom, translationProgress, translationWorklist } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('translation progress and worklist', () => {
	it('counts current, outdated and missing translations per language, and lists what needs work', () => {
		const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar', 'fr'] });
		const rev = (v: number, key: string) => readClause(t.db, v, key, 'en', 'en')!.revisionId;
		upsertTranslation(t.db, { revisionId: rev(version.id, 'purpose'), language: 'es', heading: 'Propósito', body: 'Por qué.', translatorId: null });
		upsertTranslation(t.db, { revisionId: rev(version.id, 'respect'), language: 'es', heading: 'Respeto', body: 'Respeta.', translatorId: null });
		upsertTranslation(t.db, { revisionId: rev(version.id, 'respect'), language: 'ar', heading: 'الاحترام', body: 'احترم.', translatorId: null });

		const v2 = importVersion(t.db, {
			consultationId: consultation.id,
			clauses: [
				{ key: 'purpose', label: '1', heading: 'Purpose', body: 'Why this policy exists.' },
				{ key: 'respect', label: '2', heading: 'Respect', body: 'Treat everyone with respect and care.' },
				{ key: 'reporting', label: '3', heading: 'Reporting', body: 'How to report a problem.' }
			],
			note: '',
			publish: true,
			createdBy: null
		});
		// The 3 clauses, and the consultation's title and description (texts.ts), not yet translated.
		const untranslatedTexts = { current: 0, outdated: 0, missing: 2, total: 2 };
		expect(translationProgress(t.db, v2.id, ['es', 'ar', 'fr'])).toEqual([
			{ language: 'es', current: 1, outdated: 1, missing: 3, total: 5, share: 1 / 5, texts: untranslatedTexts },
			{ language: 'ar', current: 0, outdated: 1, missing: 4, total: 5, share: 0, texts: untranslatedTexts },
			{ language: 'fr', current: 0, outdated: 0, missing: 5, total: 5, share: 0, texts: untranslatedTexts }
		]);
		expect(translationWorklist(t.db, v2.id, 'es').map((w) => [w.key, w.status])).toEqual([
			['purpose', 'current'],
			['respect', 'outdated'],
			['reporting', 'missing']
		]);
		// The outdated translation was made from version 1's wording.
		expect(translatedFrom(t.db, rev(v2.id, 'respect'), 'es')).toEqual({ heading: 'Respect', body: 'Treat everyone with respect.' });
		expect(translatedFrom(t.db, rev(v2.id, 'purpose'), 'es')).toEqual({ heading: 'Purpose', body: 'Why this policy exists.' });
		expect(translatedFrom(t.db, rev(version.id, 'purpose'), 'es')).toBeNull();
	});
});
