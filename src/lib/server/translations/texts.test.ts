import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { addComment } from '../comments/service';
import { recordResponse } from '../responses/service';
import { recordSummaryResponse } from '../responses/summaries';
import { consultations, draftVersions, liaisonSummaries, summaryChannels, summaryEntries } from '../db/schema';
import { translationProgress } from './service';
import { setTextTranslation, textReader, textSources, textWorklist, TextTranslationError, allTextTranslations } from './texts';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function setup() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar', 'fa'] });
	t.db.update(draftVersions).set({ note: 'First public draft.' }).where(eq(draftVersions.id, version.id)).run();
	const member = makeUser(t.db, { displayName: 'Kenji' });
	const participant = makeUser(t.db, { languages: ['es'] });
	const revisionId = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	return { consultation, version, member, participant, revisionId };
}

const code = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(TextTranslationError);
		return (e as TextTranslationError).code;
	}
	throw new Error('expected a TextTranslationError');
};

describe('translations of the consultation texts', () => {
	it('saves a translation and reads it back in that language, the original in others', () => {
		const { consultation, member } = setup();
		setTextTranslation(t.db, {
			consultationId: consultation.id,
			kind: 'consultation-title',
			subjectId: consultation.id,
			part: 0,
			language: 'es',
			text: 'Consulta de prueba',
			translatorId: member.id
		});
		const title = { kind: 'consultation-title' as const, subjectId: consultation.id, part: 0 };
		const source = { text: consultation.title, language: 'en' };
		expect(textReader(t.db, consultation.id, 'es')(title, source)).toEqual({
			text: 'Consulta de prueba',
			language: 'es',
			translated: true,
			outdated: false,
			original: source
		});
		// No Arabic translation: the original, saying so.
		expect(textReader(t.db, consultation.id, 'ar')(title, source)).toEqual({ ...source, translated: false, outdated: false, original: null });
		// Saving again replaces it.
		setTextTranslation(t.db, { consultationId: consultation.id, ...title, language: 'es', text: 'Consulta', translatorId: member.id });
		expect(textReader(t.db, consultation.id, 'es')(title, source).text).toBe('Consulta');
	});

	it('marks a translation outdated when its source changes: the description edited, a response recorded again', () => {
		const { consultation, member, revisionId } = setup();
		const response = recordResponse(t.db, { revisionId, status: 'partly', explanation: 'We shortened it.', authorId: member.id, consultationId: consultation.id });
		const description = { kind: 'consultation-description' as const, subjectId: consultation.id, part: 0 };
		const answer = { kind: 'response' as const, subjectId: response.id, part: 0 };
		setTextTranslation(t.db, { consultationId: consultation.id, ...description, language: 'fa', text: 'یک رایزنی آزمایشی.', translatorId: member.id });
		setTextTranslation(t.db, { consultationId: consultation.id, ...answer, language: 'fa', text: 'آن را کوتاه کردیم.', translatorId: member.id });
		const status = () => Object.fromEntries(textWorklist(t.db, consultation.id, 'fa').map((w) => [w.kind, w.status]));
		expect(status()).toMatchObject({ 'consultation-description': 'current', response: 'current', 'consultation-title': 'missing' });

		t.db.update(consultations).set({ description: 'A test consultation, now longer.' }).where(eq(consultations.id, consultation.id)).run();
		recordResponse(t.db, { revisionId, status: 'accepted', explanation: 'We rewrote it.', authorId: member.id, consultationId: consultation.id });
		expect(status()).toMatchObject({ 'consultation-description': 'outdated', response: 'outdated' });
		const item = textWorklist(t.db, consultation.id, 'fa').find((w) => w.kind === 'response')!;
		expect(item.translatedFrom).toBe('We shortened it.');
		// Readers still get the translation, marked outdated, with the current original beside it.
		const read = textReader(t.db, consultation.id, 'fa')(description, { text: 'A test consultation, now longer.', language: 'en' });
		expect(read).toMatchObject({ language: 'fa', translated: true, outdated: true, original: { text: 'A test consultation, now longer.' } });
		expect(allTextTranslations(t.db, consultation.id).map((r) => [r.kind, r.status])).toEqual([
			['consultation-description', 'outdated'],
			['response', 'outdated']
		]);

		// A new translation made from the current source is current again.
		setTextTranslation(t.db, { consultationId: consultation.id, ...answer, language: 'fa', text: 'آن را بازنویسی کردیم.', translatorId: member.id });
		expect(status().response).toBe('current');
	});

	it('lists every text readers see, leaving out responses to committee-only comments, and refuses others', () => {
		const { consultation, version, member, participant, revisionId } = setup();
		const open = addComment(t.db, { revisionId, authorId: participant.id, language: 'es', body: 'Más corto.' });
		const privateOne = addComment(t.db, { revisionId, authorId: participant.id, language: 'es', body: 'Solo el comité.', committeeOnly: true });
		const toOpen = recordResponse(t.db, { revisionId, commentId: open.id, status: 'noted', explanation: 'Noted.', authorId: member.id, consultationId: consultation.id });
		const toPrivate = recordResponse(t.db, { revisionId, commentId: privateOne.id, status: 'noted', explanation: 'Private answer.', authorId: member.id, consultationId: consultation.id });
		const summary = t.db
			.insert(liaisonSummaries)
			.values({ consultationId: consultation.id, versionId: version.id, language: 'fa', status: 'published', narrative: 'x', narrativeLanguage: 'fa', publishedAt: 1 })
			.returning()
			.get();
		t.db.insert(summaryChannels).values({ summaryId: summary.id, kind: 'chat-group', description: 'گروه تلگرام', participants: 12, position: 0 }).run();
		t.db.insert(summaryEntries).values({ summaryId: summary.id, revisionId, keyPoints: 'بیشتر موافق بودند.' }).run();
		recordSummaryResponse(t.db, { summaryId: summary.id, consultationId: consultation.id, status: 'noted', explanation: 'Thank you.', authorId: member.id });

		const sources = textSources(t.db, consultation.id);
		expect(sources.map((s) => [s.kind, s.language])).toEqual([
			['consultation-title', 'en'],
			['consultation-description', 'en'],
			['version-note', 'en'],
			['response', 'en'],
			['channel-description', 'fa'],
			['key-points', 'fa'],
			['summary-response', 'en']
		]);
		expect(sources.find((s) => s.kind === 'response')!.subjectId).toBe(toOpen.id);
		const base = { consultationId: consultation.id, part: 0, text: 'x', translatorId: member.id };
		expect(code(() => setTextTranslation(t.db, { ...base, kind: 'response', subjectId: toPrivate.id, language: 'es' }))).toBe('errors.textNotFound');
		// Another consultation's text cannot be written through this one.
		const other = makeConsultation(t.db, { languages: ['es'] }).consultation;
		expect(code(() => setTextTranslation(t.db, { ...base, kind: 'consultation-title', subjectId: other.id, language: 'es' }))).toBe('errors.textNotFound');
		// Key points written in Persian are not translated into Persian.
		expect(code(() => setTextTranslation(t.db, { ...base, kind: 'key-points', subjectId: summary.id, part: revisionId, language: 'fa' }))).toBe('errors.textSameLanguage');
		expect(code(() => setTextTranslation(t.db, { ...base, kind: 'consultation-title', subjectId: consultation.id, language: 'es', text: '  ' }))).toBe('errors.required');
		// The Persian worklist leaves out what is already in Persian.
		expect(textWorklist(t.db, consultation.id, 'fa').map((w) => w.kind)).not.toContain('key-points');
		expect(textWorklist(t.db, consultation.id, 'es').map((w) => w.kind)).toContain('key-points');
	});

	it('counts these texts in each language\'s progress beside the clauses', () => {
		const { consultation, version, member } = setup();
		// 3 clauses + title, description and the version note.
		expect(translationProgress(t.db, version.id, ['es'])[0]).toMatchObject({ current: 0, outdated: 0, missing: 6, total: 6, texts: { missing: 3, total: 3 } });
		setTextTranslation(t.db, { consultationId: consultation.id, kind: 'version-note', subjectId: version.id, part: 0, language: 'es', text: 'Primer borrador público.', translatorId: member.id });
		t.db.update(draftVersions).set({ note: 'First public draft, corrected.' }).where(eq(draftVersions.id, version.id)).run();
		setTextTranslation(t.db, { consultationId: consultation.id, kind: 'consultation-title', subjectId: consultation.id, part: 0, language: 'es', text: 'Consulta', translatorId: member.id });
		expect(translationProgress(t.db, version.id, ['es', 'ar'])).toMatchObject([
			{ language: 'es', current: 1, outdated: 1, missing: 4, total: 6, share: 1 / 6, texts: { current: 1, outdated: 1, missing: 1, total: 3 } },
			{ language: 'ar', current: 0, outdated: 0, missing: 6, total: 6, share: 0 }
		]);
	});
});
