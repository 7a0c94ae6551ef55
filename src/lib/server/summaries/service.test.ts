import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { feedbackTranslations, summaryChannels, summaryEntries, summaryHistory, summaryQuotes } from '../db/schema';
import { listFeedbackTranslations, translateFeedback } from '../translations/feedback';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { setStance } from '../stances/service';
import { readClause } from '../clauses/service';
import {
	getSummary,
	summaryCountsFor,
	listPublishedSummaries,
	listSummaries,
	listSummaryHistory,
	readSummary,
	reportedCountsBeside,
	saveSummary,
	startSummary,
	SummaryError
} from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const channels = [
	{ kind: 'chat-group', description: 'Telegram group', participants: 30, startedOn: '2026-03-01', endedOn: '2026-03-10' },
	{ kind: 'video-call', description: 'Office hours', participants: 10, startedOn: '2026-03-04', endedOn: null }
];

function content(overrides: Record<string, unknown> = {}) {
	return {
		narrative: 'Most people **support** the purpose.',
		narrativeLanguage: 'ar',
		narrativeTranslation: 'Translated.',
		translationLanguage: 'en',
		channels,
		entries: [
			{
				clause: 'respect',
				asked: true,
				support: 12,
				oppose: 5,
				neutral: 3,
				keyPoints: 'Respect matters.',
				quotes: [{ original: 'الاحترام أولًا', language: 'ar', translation: 'Respect first' }]
			},
			{ clause: 'purpose', asked: false, keyPoints: 'Discussed but not asked.' }
		],
		...overrides
	};
}

function setUp() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar'] });
	const liaison = makeUser(t.db, { displayName: 'Layla Mansour', languages: ['ar', 'en'] });
	const { summary } = startSummary(t.db, { consultation, versionNumber: version.number, language: 'ar', authorId: liaison.id, now: 1000 });
	return { consultation, version, liaison, summary };
}

/** The codes of a SummaryError thrown by `fn`, as "path: key". */
function refusal(fn: () => unknown): string[] {
	try {
		fn();
	} catch (e) {
		if (e instanceof SummaryError) return e.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
		throw e;
	}
	throw new Error('expected a SummaryError');
}

describe('starting a summary', () => {
	it('makes one draft per version and language, which later starts continue', () => {
		const { consultation, version, liaison, summary } = setUp();
		expect(summary).toMatchObject({ status: 'draft', language: 'ar', narrativeLanguage: 'ar', authorId: liaison.id, publishedAt: null });
		const other = makeUser(t.db);
		const again = startSummary(t.db, { consultation, versionNumber: version.number, language: 'ar', authorId: other.id });
		expect(again).toMatchObject({ created: false, summary: { id: summary.id } });
		const spanish = startSummary(t.db, { consultation, versionNumber: version.number, language: 'es', authorId: other.id });
		expect(spanish.created).toBe(true);
		expect(listSummaries(t.db, consultation.id, { languages: ['ar'] }).map((s) => s.id)).toEqual([summary.id]);
	});

	it('refuses an unknown or unpublished version, and a language the consultation does not run in', () => {
		const { consultation, liaison } = setUp();
		expect(refusal(() => startSummary(t.db, { consultation, versionNumber: 9, language: 'ar', authorId: liaison.id }))).toEqual([
			'version: errors.versionNotFound'
		]);
		const parsed = parseDraft('# D\n\n## 1 Purpose {#purpose}\n\nText.\n', 2);
		const draft = importVersion(t.db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: false, createdBy: null });
		expect(refusal(() => startSummary(t.db, { consultation, versionNumber: draft.number, language: 'ar', authorId: liaison.id }))).toEqual([
			'version: errors.versionNotFound'
		]);
		expect(refusal(() => startSummary(t.db, { consultation, versionNumber: 1, language: 'fr', authorId: liaison.id }))).toEqual([
			'language: errors.languageNotInConsultation'
		]);
	});
});

describe('saving a summary', () => {
	it('stores channels, entries and quotes, replacing them all on the next save', () => {
		const { liaison, summary } = setUp();
		const saved = saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id, now: 2000 });
		expect(saved).toMatchObject({ status: 'draft', participants: 40, narrativeTranslation: 'Translated.', translationLanguage: 'en' });
		expect(saved.channels).toHaveLength(2);
		// Entries come in the order of the clauses in the version, with their key and label.
		expect(saved.entries.map((e) => [e.clause, e.label, e.reported])).toEqual([
			['purpose', '1', null],
			['respect', '2', 20]
		]);
		expect(saved.entries[1].quotes).toEqual([{ id: expect.any(Number), original: 'الاحترام أولًا', language: 'ar', translation: 'Respect first' }]);

		saveSummary(t.db, {
			summaryId: summary.id,
			content: content({ channels: [channels[0]], entries: [{ clause: 'reporting', asked: true, support: 1, oppose: 0, neutral: 0 }] }),
			editorId: liaison.id
		});
		const after = readSummary(t.db, summary.id)!;
		expect(after.channels.map((c) => c.description)).toEqual(['Telegram group']);
		expect(after.entries.map((e) => e.clause)).toEqual(['reporting']);
		expect(t.db.select({ n: count() }).from(summaryQuotes).get()!.n).toBe(0);
		expect(t.db.select({ n: count() }).from(summaryEntries).get()!.n).toBe(1);
	});

	it('refuses entries for clauses that are not in the summary’s version, and keeps what was there', () => {
		const { liaison, summary } = setUp();
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id });
		// A clause of another consultation, and one that does not exist at all.
		makeConsultation(t.db, { draft: '# Other\n\n## 1 Elsewhere {#elsewhere}\n\nText.\n' });
		const bad = content({
			channels: [channels[0]],
			entries: [
				{ clause: 'elsewhere', asked: false, keyPoints: 'x' },
				{ clause: 'no-such-clause', asked: false, keyPoints: 'y' }
			]
		});
		expect(refusal(() => saveSummary(t.db, { summaryId: summary.id, content: bad, editorId: liaison.id }))).toEqual([
			'entries.0.clause: errors.summaryClauseNotFound',
			'entries.1.clause: errors.summaryClauseNotFound'
		]);
		const unchanged = readSummary(t.db, summary.id)!;
		expect(unchanged.channels).toHaveLength(2);
		expect(unchanged.entries).toHaveLength(2);
	});

	it('refuses a typed percentage and counts above the participants, storing nothing', () => {
		const { liaison, summary } = setUp();
		const percent = content({ entries: [{ clause: 'respect', asked: true, support: '60%', oppose: 0, neutral: 0 }] });
		expect(refusal(() => saveSummary(t.db, { summaryId: summary.id, content: percent, editorId: liaison.id }))).toEqual([
			'entries.0.support: errors.countPercent'
		]);
		const tooMany = content({ entries: [{ clause: 'respect', asked: true, support: 30, oppose: 8, neutral: 3 }] });
		expect(refusal(() => saveSummary(t.db, { summaryId: summary.id, content: tooMany, editorId: liaison.id }))).toEqual([
			'entries.0.counts: errors.countsExceedParticipants'
		]);
		expect(t.db.select({ n: count() }).from(summaryChannels).get()!.n).toBe(0);
	});

	it('needs a translation of quotes that are not in the source language', () => {
		const { liaison, summary } = setUp();
		const quotes = [
			{ original: 'Respect, always', language: 'en', translation: '' },
			{ original: 'الاحترام', language: 'ar', translation: '' }
		];
		const input = content({ entries: [{ clause: 'respect', asked: false, quotes }] });
		expect(refusal(() => saveSummary(t.db, { summaryId: summary.id, content: input, editorId: liaison.id }))).toEqual([
			'entries.0.quotes.1.translation: errors.quoteTranslationRequired'
		]);
	});
});

describe('publishing and history', () => {
	it('publishes, as the edit page’s Publish button does, only with a narrative and at least one channel', () => {
		// The route's save and publish actions both post the whole form to saveSummary; publish adds `publish: true`.
		const { liaison, summary } = setUp();
		const publish = (input: Record<string, unknown>, now?: number) =>
			saveSummary(t.db, { summaryId: summary.id, content: content(input), editorId: liaison.id, publish: true, now });
		expect(refusal(() => publish({ narrative: '', channels: [], entries: [] }))).toEqual(['channels: errors.channelsRequired', 'narrative: errors.narrativeRequired']);
		expect(refusal(() => publish({ channels: [], entries: [] }))).toEqual(['channels: errors.channelsRequired']);
		// A refusal saves nothing.
		expect(getSummary(t.db, summary.consultationId, summary.id)).toMatchObject({ status: 'draft', publishedAt: null, narrative: '' });
		// A draft may be saved without channels.
		saveSummary(t.db, { summaryId: summary.id, content: content({ channels: [], entries: [] }), editorId: liaison.id, now: 5000 });
		expect(getSummary(t.db, summary.consultationId, summary.id)).toMatchObject({ status: 'draft', publishedAt: null, updatedAt: 5000 });
		publish({}, 6000);
		expect(getSummary(t.db, summary.consultationId, summary.id)).toMatchObject({ status: 'published', publishedAt: 6000, updatedAt: 6000 });
		// Saved again (the Save button), it stays published since its first publication, and keeps needing a channel.
		saveSummary(t.db, { summaryId: summary.id, content: content({ narrative: 'Later text.' }), editorId: liaison.id, now: 7000 });
		expect(getSummary(t.db, summary.consultationId, summary.id)).toMatchObject({ status: 'published', publishedAt: 6000, updatedAt: 7000, narrative: 'Later text.' });
		expect(refusal(() => saveSummary(t.db, { summaryId: summary.id, content: content({ channels: [], entries: [] }), editorId: liaison.id }))).toEqual([
			'channels: errors.channelsRequired'
		]);
	});

	it('keeps the published state in the history before each later edit, newest first', () => {
		const { liaison, summary } = setUp();
		const committee = makeUser(t.db, { displayName: 'Kenji Watanabe' });
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id, publish: true, now: 2000 });
		expect(listSummaryHistory(t.db, summary.id)).toEqual([]);

		saveSummary(t.db, { summaryId: summary.id, content: content({ narrative: 'Second text.' }), editorId: liaison.id, now: 3000 });
		const entries = [{ clause: 'respect', asked: true, support: 15, oppose: 5, neutral: 3 }];
		saveSummary(t.db, { summaryId: summary.id, content: content({ narrative: 'Third text.', entries }), editorId: committee.id, now: 4000 });

		const now = readSummary(t.db, summary.id)!;
		expect(now).toMatchObject({ status: 'published', narrative: 'Third text.', publishedAt: 2000, updatedAt: 4000 });
		const history = listSummaryHistory(t.db, summary.id);
		expect(history.map((h) => [h.replacedAt, h.editedBy?.displayName, h.snapshot.narrative])).toEqual([
			[4000, 'Kenji Watanabe', 'Second text.'],
			[3000, 'Layla Mansour', 'Most people **support** the purpose.']
		]);
		expect(history[1].snapshot.channels).toHaveLength(2);
		expect(history[0].snapshot.entries.find((e) => e.clause === 'respect')).toMatchObject({ label: '2', support: 12, oppose: 5, neutral: 3 });
		expect(history[0].snapshot.entries[0].quotes).toEqual([]);

		// Saving the same content again changes nothing and adds no history.
		saveSummary(t.db, { summaryId: summary.id, content: content({ narrative: 'Third text.', entries }), editorId: liaison.id, now: 5000 });
		expect(t.db.select({ n: count() }).from(summaryHistory).where(eq(summaryHistory.summaryId, summary.id)).get()!.n).toBe(2);
		expect(readSummary(t.db, summary.id)!.updatedAt).toBe(4000);
	});

	it('rolls an edit back whole when it is refused: no history, no change', () => {
		const { liaison, summary } = setUp();
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id, publish: true });
		expect(() =>
			saveSummary(t.db, { summaryId: summary.id, content: content({ narrative: 'New', entries: [{ clause: 'gone', asked: false, keyPoints: 'x' }] }), editorId: liaison.id })
		).toThrow(SummaryError);
		expect(listSummaryHistory(t.db, summary.id)).toEqual([]);
		expect(readSummary(t.db, summary.id)!.narrative).toBe('Most people **support** the purpose.');
	});
});

describe('reading summaries', () => {
	it('lists the published summaries of a version only, with totals and author', () => {
		const { consultation, version, liaison, summary } = setUp();
		const spanish = startSummary(t.db, { consultation, versionNumber: 1, language: 'es', authorId: liaison.id }).summary;
		saveSummary(t.db, { summaryId: spanish.id, content: content({ narrativeLanguage: 'es', entries: [] }), editorId: liaison.id });
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id, publish: true });

		const published = listPublishedSummaries(t.db, version.id);
		expect(published.map((s) => [s.language, s.author?.displayName, s.participants, s.channels.length])).toEqual([['ar', 'Layla Mansour', 40, 2]]);
		expect(listSummaries(t.db, consultation.id, { versionId: version.id, publishedOnly: true })).toMatchObject([
			{ id: summary.id, language: 'ar', channelCount: 2, participants: 40, status: 'published', versionNumber: 1 }
		]);
		expect(listSummaries(t.db, consultation.id).map((s) => s.status).sort()).toEqual(['draft', 'published']);
		expect(listSummaries(t.db, consultation.id, { languages: [] })).toEqual([]);
	});

	it('gives the summaries’ reported counts per clause revision beside the community’s on-platform counts, never summed', () => {
		const { liaison, summary, version } = setUp();
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id, publish: true });
		const respect = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
		const purpose = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
		const arabicReader = makeUser(t.db, { languages: ['ar'] });
		const englishReader = makeUser(t.db, { languages: ['en'] });
		setStance(t.db, { revisionId: respect, userId: arabicReader.id, stance: 'oppose', reason: null, language: 'ar' });
		setStance(t.db, { revisionId: respect, userId: englishReader.id, stance: 'support', reason: null, language: 'en' });

		const counts = summaryCountsFor(t.db, [respect, purpose]);
		expect(counts.get(respect)).toEqual([
			{
				summaryId: summary.id,
				language: 'ar',
				author: expect.objectContaining({ displayName: 'Layla Mansour' }),
				asked: true,
				support: 12,
				oppose: 5,
				neutral: 3,
				reported: 20,
				participants: 40,
				channelCount: 2
			}
		]);
		expect(counts.get(purpose)![0]).toMatchObject({ asked: false, support: null, reported: null });
		expect(reportedCountsBeside(t.db, respect)).toEqual({
			summaries: counts.get(respect),
			onPlatform: { ar: { support: 0, oppose: 1, neutral: 0 } }
		});
	});
});

describe('saving a summary again keeps the translations of its quotes', () => {
	it('on the same quote, on a reworded one (as outdated), and drops them with a quote that is gone', () => {
		const { consultation, liaison, summary } = setUp();
		const translator = makeUser(t.db, { displayName: 'Youssef', languages: ['ar', 'es'] });
		saveSummary(t.db, { summaryId: summary.id, content: content(), editorId: liaison.id });
		const quoteId = () => t.db.select({ id: summaryQuotes.id }).from(summaryQuotes).get()!.id;
		const source = () => ({ kind: 'quote' as const, id: quoteId(), text: t.db.select().from(summaryQuotes).get()!.original, language: 'ar' });
		translateFeedback(t.db, { source: source(), language: 'es', body: 'El respeto primero', translatorId: translator.id, consultationLanguages: consultation.languages, translatorLanguages: translator.languages });
		const translations = () => listFeedbackTranslations(t.db, 'quote', [quoteId()]).get(quoteId()) ?? [];

		// Saved again with other key points: the quote is written anew, its translation follows it.
		const withPoints = content();
		withPoints.entries[0].keyPoints = 'Respect matters, and so does patience.';
		saveSummary(t.db, { summaryId: summary.id, content: withPoints, editorId: liaison.id });
		expect(translations().map((x) => [x.text, x.outdated])).toEqual([['El respeto primero', false]]);

		// The quote reworded in its place: the translation stays, marked as translating earlier words.
		const reworded = content();
		reworded.entries[0].quotes = [{ original: 'الاحترام أولًا ودائمًا', language: 'ar', translation: 'Respect first and always' }];
		saveSummary(t.db, { summaryId: summary.id, content: reworded, editorId: liaison.id });
		expect(translations().map((x) => [x.text, x.outdated])).toEqual([['El respeto primero', true]]);

		// The quote removed: nothing is left to translate, and its translation goes with it.
		const without = content();
		without.entries[0].quotes = [];
		saveSummary(t.db, { summaryId: summary.id, content: without, editorId: liaison.id });
		expect(t.db.select().from(feedbackTranslations).all()).toEqual([]);
	});
});
