import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { setStance } from '../stances/service';
import { TranslationError } from '../comments/translations';
import { startStandInLibreTranslate } from '../../../../tests/support/libretranslate';
import { listFeedbackTranslations, machineTranslateFeedback, reasonSource, translateFeedback } from './feedback';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const LANGUAGES = ['en', 'ar', 'fr'];

function setup() {
	const { version } = makeConsultation(t.db, { languages: ['ar', 'fr'] });
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const theo = makeUser(t.db, { languages: ['fr'] });
	const youssef = makeUser(t.db, { displayName: 'Youssef', languages: ['ar', 'fr'] });
	const stance = setStance(t.db, { revisionId, userId: theo.id, stance: 'oppose', reason: 'Trop vague.', language: 'fr' });
	return { revisionId, theo, youssef, stance };
}

describe('translations of reasons', () => {
	it('stores a bilingual person’s translation, replaces it on a second one, and marks it outdated once the reason changes', () => {
		const { revisionId, theo, youssef, stance } = setup();
		const input = { language: 'ar', translatorId: youssef.id, consultationLanguages: LANGUAGES, translatorLanguages: youssef.languages };
		translateFeedback(t.db, { ...input, source: reasonSource(t.db, stance.id), body: ' غامض جدًا. ' });
		translateFeedback(t.db, { ...input, source: reasonSource(t.db, stance.id), body: 'غامض للغاية.' });
		let [tr] = listFeedbackTranslations(t.db, 'reason', [stance.id]).get(stance.id)!;
		expect(tr).toMatchObject({ language: 'ar', text: 'غامض للغاية.', machine: false, outdated: false, translator: { displayName: 'Youssef' } });
		expect(listFeedbackTranslations(t.db, 'reason', [stance.id]).get(stance.id)).toHaveLength(1);

		setStance(t.db, { revisionId, userId: theo.id, stance: 'oppose', reason: 'Trop vague, et injuste.', language: 'fr' });
		[tr] = listFeedbackTranslations(t.db, 'reason', [stance.id]).get(stance.id)!;
		expect(tr.outdated).toBe(true);
	});

	it('refuses translators who do not read both languages, the reason’s own language, and languages outside the consultation', () => {
		const { theo, stance } = setup();
		const attempt = (language: string, languages: string[]) => {
			try {
				translateFeedback(t.db, { source: reasonSource(t.db, stance.id), language, body: 'x', translatorId: theo.id, consultationLanguages: LANGUAGES, translatorLanguages: languages });
			} catch (e) {
				return (e as TranslationError).code;
			}
			return 'stored';
		};
		expect(attempt('ar', ['fr'])).toBe('errors.translatorLanguages');
		expect(attempt('fr', ['fr', 'ar'])).toBe('errors.translationSameLanguage');
		expect(attempt('de', ['fr', 'de'])).toBe('errors.languageNotInConsultation');
		expect(() => reasonSource(t.db, 999_999)).toThrow(TranslationError);
	});

	it('asks the machine once per wording, labelled, beside a person’s', async () => {
		const { youssef, stance } = setup();
		const standIn = await startStandInLibreTranslate();
		process.env.MT_URL = standIn.url;
		try {
			const input = { language: 'ar', requesterId: youssef.id, consultationLanguages: LANGUAGES };
			await machineTranslateFeedback(t.db, { ...input, source: reasonSource(t.db, stance.id) });
			await machineTranslateFeedback(t.db, { ...input, source: reasonSource(t.db, stance.id) });
			expect(standIn.requests).toEqual([{ q: 'Trop vague.', source: 'fr', target: 'ar', format: 'text' }]);
			const [tr] = listFeedbackTranslations(t.db, 'reason', [stance.id]).get(stance.id)!;
			expect(tr).toMatchObject({ text: '[ar] Trop vague.', machine: true, translator: null });
		} finally {
			delete process.env.MT_URL;
			await standIn.stop();
		}
	});
});
