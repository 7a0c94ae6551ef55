import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { startStandInLibreTranslate, type StandInLibreTranslate } from '../../../../tests/support/libretranslate';
import { users } from '../db/schema';
import { readClause } from '../clauses/service';
import { MachineTranslationError } from '../mt/libretranslate';
import { addComment, listComments } from './service';
import {
	findCommentOnClause,
	listCommentTranslations,
	machineTranslateComment,
	translateComment,
	TranslationError,
	translationOptions,
	withTranslations
} from './translations';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const LANGUAGES = ['en', 'es', 'ar'];

function setup() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar'] });
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const author = makeUser(t.db, { displayName: 'Karim', languages: ['ar'] });
	const comment = addComment(t.db, { revisionId, authorId: author.id, language: 'ar', body: 'هذا **مهم**' });
	const amina = makeUser(t.db, { displayName: 'Amina', languages: ['ar', 'en'] });
	return { consultation, version, revisionId, comment, amina };
}

function refusal(run: () => unknown): TranslationError {
	try {
		run();
	} catch (e) {
		if (e instanceof TranslationError) return e;
		throw e;
	}
	throw new Error('expected a TranslationError');
}

describe('human translations of comments', () => {
	it('stores a translation by someone who reads both languages', () => {
		const { comment, amina } = setup();
		const translation = translateComment(t.db, {
			commentId: comment.id,
			language: 'en',
			body: '  This is **important**\r\n',
			translatorId: amina.id,
			consultationLanguages: LANGUAGES,
			translatorLanguages: amina.languages
		});
		expect(translation).toMatchObject({ commentId: comment.id, language: 'en', body: 'This is **important**', translatorId: amina.id, machine: false });
	});

	it('refuses a target outside the consultation, the comment’s own language, and translators who do not read both', () => {
		const { comment, amina } = setup();
		const base = { commentId: comment.id, body: 'x', translatorId: amina.id, consultationLanguages: LANGUAGES };
		expect(refusal(() => translateComment(t.db, { ...base, language: 'fr', translatorLanguages: ['ar', 'fr'] }))).toMatchObject({
			code: 'errors.languageNotInConsultation',
			field: 'language'
		});
		expect(refusal(() => translateComment(t.db, { ...base, language: 'ar', translatorLanguages: ['ar', 'en'] })).code).toBe(
			'errors.translationSameLanguage'
		);
		// Reads the target but not the original…
		expect(refusal(() => translateComment(t.db, { ...base, language: 'en', translatorLanguages: ['en', 'es'] })).code).toBe(
			'errors.translatorLanguages'
		);
		// …or the original but not the target.
		expect(refusal(() => translateComment(t.db, { ...base, language: 'es', translatorLanguages: ['ar', 'en'] })).code).toBe(
			'errors.translatorLanguages'
		);
		expect(refusal(() => translateComment(t.db, { ...base, commentId: 999999, language: 'en', translatorLanguages: ['ar', 'en'] })).code).toBe(
			'errors.commentNotFound'
		);
	});

	it('requires a body of 1 to 10,000 characters', () => {
		const { comment, amina } = setup();
		const base = { commentId: comment.id, language: 'en', translatorId: amina.id, consultationLanguages: LANGUAGES, translatorLanguages: amina.languages };
		expect(refusal(() => translateComment(t.db, { ...base, body: ' \n ' }))).toMatchObject({ code: 'errors.translationEmpty', field: 'body' });
		expect(refusal(() => translateComment(t.db, { ...base, body: 'a'.repeat(10_001) })).code).toBe('errors.translationTooLong');
		expect(translateComment(t.db, { ...base, body: 'a'.repeat(10_000) }).body).toHaveLength(10_000);
	});

	it('replaces an earlier human translation into the same language, by anyone', () => {
		const { comment, amina } = setup();
		const omar = makeUser(t.db, { displayName: 'Omar', languages: ['en', 'ar'] });
		const base = { commentId: comment.id, language: 'en', consultationLanguages: LANGUAGES };
		const first = translateComment(t.db, { ...base, body: 'First', translatorId: amina.id, translatorLanguages: amina.languages, now: 1_000 });
		const second = translateComment(t.db, { ...base, body: 'Second', translatorId: omar.id, translatorLanguages: omar.languages, now: 2_000 });
		expect(second.id).toBe(first.id);
		expect(second).toMatchObject({ body: 'Second', translatorId: omar.id, createdAt: 1_000, updatedAt: 2_000 });
		const listed = listCommentTranslations(t.db, [comment.id]).get(comment.id)!;
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({ language: 'en', html: '<p>Second</p>\n', translator: { displayName: 'Omar' }, machine: false });
	});

	it('lists translations by comment, with rendered Markdown, for comments and their replies', () => {
		const { comment, amina, revisionId } = setup();
		const reply = addComment(t.db, { revisionId, authorId: amina.id, language: 'en', body: 'A reply', parentId: comment.id });
		const untranslated = addComment(t.db, { revisionId, authorId: amina.id, language: 'en', body: 'Nobody translated me' });
		const base = { consultationLanguages: LANGUAGES, translatorId: amina.id, translatorLanguages: amina.languages };
		translateComment(t.db, { ...base, commentId: comment.id, language: 'en', body: 'This is **important**' });
		translateComment(t.db, { ...base, commentId: reply.id, language: 'ar', body: 'ردّ' });

		const map = listCommentTranslations(t.db, [comment.id, reply.id, untranslated.id]);
		expect(map.get(comment.id)).toEqual([
			{ id: expect.any(Number), language: 'en', html: '<p>This is <strong>important</strong></p>\n', translator: { displayName: 'Amina', username: amina.username, badges: [] }, machine: false, updatedAt: expect.any(Number) }
		]);
		expect(map.get(reply.id)!.map((r) => r.language)).toEqual(['ar']);
		expect(map.has(untranslated.id)).toBe(false);
		expect(listCommentTranslations(t.db, []).size).toBe(0);

		// The clause page's comments, each with its own translations, replies included.
		const page = listComments(t.db, revisionId, { order: 'oldest', language: null, page: 1 });
		const items = withTranslations(t.db, page.items);
		expect(items[0].translations.map((x) => x.language)).toEqual(['en']);
		expect(items[0].replies[0].translations.map((x) => x.language)).toEqual(['ar']);
		expect(items[1].translations).toEqual([]);

		// A translator who deleted their account: the translation stays, unattributed.
		t.db.delete(users).where(eq(users.id, amina.id)).run();
		expect(listCommentTranslations(t.db, [comment.id]).get(comment.id)![0].translator).toBeNull();
	});

	it('finds a comment only on its own consultation, clause and a published version', () => {
		const { consultation, comment } = setup();
		const other = makeConsultation(t.db);
		expect(findCommentOnClause(t.db, comment.id, consultation.id, 'purpose')?.id).toBe(comment.id);
		expect(findCommentOnClause(t.db, comment.id, consultation.id, 'respect')).toBeUndefined();
		expect(findCommentOnClause(t.db, comment.id, other.consultation.id, 'purpose')).toBeUndefined();
		expect(findCommentOnClause(t.db, 999999, consultation.id, 'purpose')).toBeUndefined();
	});
});

describe('machine translations of comments', () => {
	let standIn: StandInLibreTranslate;
	const savedUrl = process.env.MT_URL;
	beforeAll(async () => {
		standIn = await startStandInLibreTranslate();
	});
	afterAll(async () => {
		await standIn.stop();
		if (savedUrl === undefined) delete process.env.MT_URL;
		else process.env.MT_URL = savedUrl;
	});
	beforeEach(() => {
		process.env.MT_URL = standIn.url;
		standIn.mode = 'ok';
		standIn.requests.length = 0;
	});

	it('stores a labelled machine translation beside a human one, asking the service once', async () => {
		const { comment, amina } = setup();
		const oliver = makeUser(t.db, { displayName: 'Oliver', languages: ['en'] });
		translateComment(t.db, { commentId: comment.id, language: 'en', body: 'Human', translatorId: amina.id, consultationLanguages: LANGUAGES, translatorLanguages: amina.languages });
		const machine = await machineTranslateComment(t.db, { commentId: comment.id, language: 'en', requesterId: oliver.id, consultationLanguages: LANGUAGES });
		expect(machine).toMatchObject({ body: '[en] هذا **مهم**', machine: true, translatorId: oliver.id });
		expect(standIn.requests).toEqual([{ q: 'هذا **مهم**', source: 'ar', target: 'en', format: 'text' }]);

		const again = await machineTranslateComment(t.db, { commentId: comment.id, language: 'en', requesterId: amina.id, consultationLanguages: LANGUAGES });
		expect(again.id).toBe(machine.id);
		expect(standIn.requests).toHaveLength(1);

		const listed = listCommentTranslations(t.db, [comment.id]).get(comment.id)!;
		expect(listed.map((x) => [x.language, x.machine, x.translator?.displayName ?? null])).toEqual([
			['en', false, 'Amina'],
			['en', true, null]
		]);
		expect(listed[1].html).toBe('<p>[en] هذا <strong>مهم</strong></p>\n');
	});

	it('follows the same target rules, and stores nothing when the service fails', async () => {
		const { comment, amina } = setup();
		const base = { commentId: comment.id, requesterId: amina.id, consultationLanguages: LANGUAGES };
		await expect(machineTranslateComment(t.db, { ...base, language: 'ar' })).rejects.toMatchObject({ code: 'errors.translationSameLanguage' });
		await expect(machineTranslateComment(t.db, { ...base, language: 'fr' })).rejects.toMatchObject({ code: 'errors.languageNotInConsultation' });
		expect(standIn.requests).toHaveLength(0);
		standIn.mode = 'fail';
		await expect(machineTranslateComment(t.db, { ...base, language: 'es' })).rejects.toBeInstanceOf(MachineTranslationError);
		expect(listCommentTranslations(t.db, [comment.id]).size).toBe(0);
	});

	it('describes the reader: what they read, the language they want, what they may translate, machine translation when configured', () => {
		const options = (userLanguages: string[] | null, open = true, uiLocale = 'en') =>
			translationOptions({ userLanguages, consultationLanguages: LANGUAGES, open, uiLocale });
		expect(options(null, true, 'ar')).toEqual({ reads: ['ar'], preferred: 'ar', translates: [], machine: false, signedIn: false });
		expect(options(['ar', 'en', 'fr'])).toEqual({ reads: ['ar', 'en', 'fr'], preferred: 'ar', translates: ['ar', 'en'], machine: true, signedIn: true });
		expect(options(['ar', 'fr']).translates).toEqual([]);
		expect(options(['ar', 'en'], false)).toMatchObject({ translates: [], machine: true });
		// Home language outside the consultation: the interface language, when the consultation has it.
		expect(options(['fr'], true, 'es').preferred).toBe('es');
		expect(options(['fr'], true, 'zh-Hans').preferred).toBeNull();
		delete process.env.MT_URL;
		expect(options(['ar', 'en']).machine).toBe(false);
	});
});
