import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { listVersionClauses, readClause, readingLanguage, translatedLanguages, upsertTranslation } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('reading clauses', () => {
	it('gives the translation when there is one, the original otherwise, and the neighbours', () => {
		const { version } = makeConsultation(t.db);
		const translator = makeUser(t.db, { languages: ['ar'] });
		const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!;
		upsertTranslation(t.db, { revisionId: respect.revisionId, language: 'ar', heading: 'الاحترام', body: 'عامل الجميع باحترام.', translatorId: translator.id });

		const arabic = readClause(t.db, version.id, 'respect', 'en', 'ar')!;
		expect(arabic.translation).toMatchObject({ heading: 'الاحترام', language: 'ar' });
		expect(arabic.original).toMatchObject({ heading: 'Respect', language: 'en' });
		expect(arabic.previous).toEqual({ key: 'purpose', label: '1' });
		expect(arabic.next).toEqual({ key: 'reporting', label: '3' });
		expect(readClause(t.db, version.id, 'respect', 'en', 'es')!.translation).toBeNull();
		expect(readClause(t.db, version.id, 'purpose', 'en', 'ar')!.previous).toBeNull();
		expect(readClause(t.db, version.id, 'nope', 'en', 'ar')).toBeNull();

		const list = listVersionClauses(t.db, version.id, 'en', 'ar');
		expect(list.map((c) => [c.key, c.translated, c.language])).toEqual([
			['purpose', false, 'en'],
			['respect', true, 'ar'],
			['reporting', false, 'en']
		]);
		expect(translatedLanguages(t.db, version.id)).toEqual(['ar']);

		upsertTranslation(t.db, { revisionId: respect.revisionId, language: 'ar', heading: 'الاحترام المتبادل', body: 'نص.', translatorId: null });
		expect(readClause(t.db, version.id, 'respect', 'en', 'ar')!.translation?.heading).toBe('الاحترام المتبادل');
	});

	it('chooses the reading language: asked, then the reader’s languages, then the UI locale, then the source', () => {
		const c = { languages: ['en', 'es', 'ar', 'pt-BR'], sourceLanguage: 'en' };
		expect(readingLanguage(c, { requested: 'es', userLanguages: ['ar'], uiLocale: 'fr' })).toBe('es');
		expect(readingLanguage(c, { requested: 'de', userLanguages: ['fa', 'ar'], uiLocale: 'fr' })).toBe('ar');
		expect(readingLanguage(c, { userLanguages: ['fa'], uiLocale: 'es' })).toBe('es');
		expect(readingLanguage(c, { uiLocale: 'pt' })).toBe('pt-BR');
		expect(readingLanguage(c, { uiLocale: 'hi' })).toBe('en');
	});
});
