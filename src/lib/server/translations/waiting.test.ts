import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { comments } from '../db/schema';
import { readClause } from '../clauses/service';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import { machineTranslateComment, translateComment } from '../comments/translations';
import { reasonSource, translateFeedback } from './feedback';
import { waitingForTranslation, waitingLanguagesFor } from './waiting';
import { startStandInLibreTranslate } from '../../../../tests/support/libretranslate';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const LANGUAGES = ['en', 'ar', 'fr', 'es'];

function setup() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['ar', 'fr', 'es'] });
	const purpose = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	const theo = makeUser(t.db, { languages: ['fr'] });
	const karim = makeUser(t.db, { languages: ['ar'] });
	const youssef = makeUser(t.db, { languages: ['ar', 'fr'] });
	return { consultation, version, purpose, respect, theo, karim, youssef };
}

describe('waiting for translation', () => {
	it('lists comments, replies and reasons in other languages with no person’s translation, most discussed first', () => {
		const { consultation, purpose, respect, theo, karim, youssef } = setup();
		const quiet = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'Un avis **calme**.', now: 1000 });
		const busy = addComment(t.db, { revisionId: respect, authorId: theo.id, language: 'fr', body: 'Un avis discuté.', now: 900 });
		const reply = addComment(t.db, { revisionId: respect, authorId: karim.id, language: 'es', body: 'Una respuesta.', parentId: busy.id, now: 2000 });
		addComment(t.db, { revisionId: respect, authorId: karim.id, language: 'ar', body: 'بالعربية', parentId: busy.id, now: 2100 });
		setStance(t.db, { revisionId: purpose, userId: karim.id, stance: 'support', reason: 'سبب', language: 'ar', now: 3000 });
		const theoStance = setStance(t.db, { revisionId: purpose, userId: theo.id, stance: 'oppose', reason: 'Une raison.', language: 'fr', now: 3100 });

		const list = waitingForTranslation(t.db, consultation.id, 'ar', { committee: false });
		// Arabic items are not waiting for Arabic; the comment with two replies comes first.
		expect(list.items.map((i) => [i.kind, i.id])).toEqual([
			['comment', busy.id],
			['reason', theoStance.id],
			['comment', reply.id],
			['comment', quiet.id]
		]);
		expect(list.total).toBe(4);
		expect(list.byLanguage).toEqual([
			{ language: 'fr', count: 3 },
			{ language: 'es', count: 1 }
		]);
		expect(list.items[3]).toMatchObject({ html: '<p>Un avis <strong>calme</strong>.</p>\n', clause: { key: 'purpose' }, versionNumber: 1 });
		expect(list.items[2]).toMatchObject({ parentId: busy.id, clausePage: 1 });

		// A person's translation takes an item off the list.
		translateComment(t.db, { commentId: busy.id, language: 'ar', body: 'رأي', translatorId: youssef.id, consultationLanguages: LANGUAGES, translatorLanguages: youssef.languages });
		translateFeedback(t.db, { source: reasonSource(t.db, theoStance.id), language: 'ar', body: 'سبب', translatorId: youssef.id, consultationLanguages: LANGUAGES, translatorLanguages: youssef.languages });
		expect(waitingForTranslation(t.db, consultation.id, 'ar', { committee: false }).items.map((i) => i.id)).toEqual([reply.id, quiet.id]);
		// …into that language only.
		expect(waitingForTranslation(t.db, consultation.id, 'es', { committee: false }).items.map((i) => i.id)).toContain(busy.id);
	});

	it('keeps machine-translated items on the list', async () => {
		const { consultation, purpose, theo, karim } = setup();
		const comment = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'Bonjour' });
		const standIn = await startStandInLibreTranslate();
		process.env.MT_URL = standIn.url;
		try {
			await machineTranslateComment(t.db, { commentId: comment.id, language: 'ar', requesterId: karim.id, consultationLanguages: LANGUAGES });
		} finally {
			delete process.env.MT_URL;
			await standIn.stop();
		}
		expect(waitingForTranslation(t.db, consultation.id, 'ar', { committee: false }).items.map((i) => i.id)).toEqual([comment.id]);
	});

	it('never lists hidden, pending or deleted comments, and committee-only feedback only for the committee', () => {
		const { consultation, purpose, theo } = setup();
		const hidden = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'caché' });
		const pending = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'en attente' });
		const deleted = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'supprimé' });
		t.db.update(comments).set({ moderation: 'hidden' }).where(eq(comments.id, hidden.id)).run();
		t.db.update(comments).set({ moderation: 'pending' }).where(eq(comments.id, pending.id)).run();
		t.db.update(comments).set({ deletedAt: Date.now() }).where(eq(comments.id, deleted.id)).run();
		const secret = addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: 'Pour le comité seulement.', committeeOnly: true });
		const secretReason = setStance(t.db, { revisionId: purpose, userId: theo.id, stance: 'oppose', reason: 'Raison privée.', language: 'fr', committeeOnly: true });

		const publicList = waitingForTranslation(t.db, consultation.id, 'ar', { committee: false });
		expect(publicList.items).toEqual([]);
		expect(publicList.total).toBe(0);
		const committeeList = waitingForTranslation(t.db, consultation.id, 'ar', { committee: true });
		expect(committeeList.items.map((i) => [i.kind, i.id, i.committeeOnly])).toEqual([
			['reason', secretReason.id, true],
			['comment', secret.id, true]
		]);
	});

	it('leaves out unpublished versions, and pages through the rest 20 at a time', () => {
		const { consultation, purpose, theo } = setup();
		for (let i = 0; i < 25; i++) addComment(t.db, { revisionId: purpose, authorId: theo.id, language: 'fr', body: `Avis ${i}`, now: 1000 + i });
		const draft = makeConsultation(t.db, { languages: ['ar', 'fr'], publish: false });
		const draftRevision = readClause(t.db, draft.version.id, 'purpose', 'en', 'en')!.revisionId;
		addComment(t.db, { revisionId: draftRevision, authorId: theo.id, language: 'fr', body: 'brouillon' });
		expect(waitingForTranslation(t.db, draft.consultation.id, 'ar', { committee: true }).total).toBe(0);

		const first = waitingForTranslation(t.db, consultation.id, 'ar', { committee: false });
		expect([first.total, first.pageCount, first.items.length, first.items[0].text]).toEqual([25, 2, 20, 'Avis 24']);
		const second = waitingForTranslation(t.db, consultation.id, 'ar', { committee: false, page: 9 });
		expect([second.page, second.items.length, second.items.at(-1)!.text]).toEqual([2, 5, 'Avis 0']);
	});

	it('opens to people who read two or more of the consultation’s languages', () => {
		expect(waitingLanguagesFor(['ar', 'fr', 'de'], LANGUAGES)).toEqual(['ar', 'fr']);
		expect(waitingLanguagesFor(['ar', 'de'], LANGUAGES)).toEqual([]);
	});
});
