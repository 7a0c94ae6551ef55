import { describe, expect, it } from 'vitest';
import { MAX_CHANNELS, MAX_NARRATIVE_CHARS, MAX_QUOTES_PER_ENTRY, summaryContentInput, summaryIssues } from './schemas';

const channel = { kind: 'chat-group', description: 'Telegram group', participants: 20, startedOn: '2026-03-01', endedOn: '2026-03-09' };

function content(overrides: Record<string, unknown> = {}) {
	return {
		narrative: 'What people said.',
		narrativeLanguage: 'ar',
		channels: [channel],
		entries: [],
		...overrides
	};
}

/** The issues of parsing `input`, as "path: key" strings. */
function issues(input: unknown): string[] {
	const result = summaryContentInput.safeParse(input);
	if (result.success) return [];
	return summaryIssues(result.error).map((i) => `${i.path.join('.')}: ${i.code}`);
}

const entry = (fields: Record<string, unknown>) => content({ entries: [{ clause: 'purpose', asked: true, support: 1, oppose: 1, neutral: 1, ...fields }] });

describe('summary content input', () => {
	it('accepts a complete summary and normalises it', () => {
		const result = summaryContentInput.parse(
			content({
				narrativeTranslation: '  What people said, in English. ',
				translationLanguage: 'en',
				entries: [
					{ clause: 'purpose', asked: 'on', support: '12', oppose: ' 5 ', neutral: 3, keyPoints: 'Points', quotes: [{ original: 'قول', language: 'ar', translation: 'A saying' }] },
					{ clause: 'scope', asked: false, keyPoints: 'Discussed, not asked.' }
				]
			})
		);
		expect(result.narrativeTranslation).toBe('What people said, in English.');
		expect(result.entries[0]).toMatchObject({ asked: true, support: 12, oppose: 5, neutral: 3 });
		expect(result.entries[1]).toMatchObject({ asked: false, support: null, oppose: null, neutral: null, quotes: [] });
		expect(result.channels[0]).toMatchObject({ participants: 20, startedOn: '2026-03-01', endedOn: '2026-03-09' });
	});

	it('refuses a typed percentage with its own message, in any notation', () => {
		for (const typed of ['60%', '60 %', '٪60', '６０％', '60 percent']) {
			expect(issues(entry({ support: typed })), typed).toEqual(['entries.0.support: errors.countPercent']);
		}
		expect(issues(content({ channels: [{ ...channel, participants: '45%' }] }))).toEqual(['channels.0.participants: errors.countPercent']);
	});

	it('refuses fractions, negative numbers and text; accepts Arabic-Indic and Persian digits', () => {
		expect(issues(entry({ oppose: '2.5' }))).toEqual(['entries.0.oppose: errors.countWhole']);
		expect(issues(entry({ oppose: 2.5 }))).toEqual(['entries.0.oppose: errors.countWhole']);
		expect(issues(entry({ oppose: '-3' }))).toEqual(['entries.0.oppose: errors.countNegative']);
		expect(issues(entry({ oppose: -3 }))).toEqual(['entries.0.oppose: errors.countNegative']);
		expect(issues(entry({ oppose: 'twelve' }))).toEqual(['entries.0.oppose: errors.countInvalid']);
		expect(issues(entry({ oppose: 1e12 }))).toEqual(['entries.0.oppose: errors.countTooLarge']);
		const parsed = summaryContentInput.parse(entry({ support: '١٢', oppose: '۳', neutral: '0' }));
		expect(parsed.entries[0]).toMatchObject({ support: 12, oppose: 3, neutral: 0 });
	});

	it('needs all three counts when asked, and none when not asked', () => {
		expect(issues(entry({ neutral: '' }))).toEqual(['entries.0.neutral: errors.countRequired']);
		expect(issues(entry({ asked: false, support: 4, oppose: null, neutral: undefined }))).toEqual(['entries.0.support: errors.countNotAsked']);
	});

	it('refuses reported counts that add up to more than the people in the channels', () => {
		const result = summaryContentInput.safeParse(entry({ support: 10, oppose: 8, neutral: 3 }));
		expect(result.success).toBe(false);
		expect(summaryIssues(result.error!)).toEqual([
			{ path: ['entries', 0, 'counts'], code: 'errors.countsExceedParticipants', params: { reported: 21, participants: 20 } }
		]);
		// Exactly the participant total is fine; several channels add up.
		expect(issues(entry({ support: 10, oppose: 7, neutral: 3 }))).toEqual([]);
		expect(issues({ ...entry({ support: 30, oppose: 0, neutral: 0 }), channels: [channel, { ...channel, participants: 10 }] })).toEqual([]);
		// With no channel at all, nothing can be reported.
		expect(issues({ ...entry({ support: 1, oppose: 0, neutral: 0 }), channels: [] })).toEqual(['entries.0.counts: errors.countsExceedParticipants']);
	});

	it('checks channel kinds, participants and dates', () => {
		expect(issues(content({ channels: [{ ...channel, kind: 'carrier-pigeon' }] }))).toEqual(['channels.0.kind: errors.channelKindRequired']);
		expect(issues(content({ channels: [{ ...channel, participants: '' }] }))).toEqual(['channels.0.participants: errors.participantsRequired']);
		expect(issues(content({ channels: [{ ...channel, startedOn: '2026-02-30' }] }))).toEqual(['channels.0.startedOn: errors.dateInvalid']);
		expect(issues(content({ channels: [{ ...channel, startedOn: '1/3/2026' }] }))).toEqual(['channels.0.startedOn: errors.dateInvalid']);
		expect(issues(content({ channels: [{ ...channel, startedOn: '' }] }))).toEqual(['channels.0.startedOn: errors.channelStartRequired']);
		expect(issues(content({ channels: [{ ...channel, endedOn: '2026-02-28' }] }))).toEqual(['channels.0.endedOn: errors.channelDatesOrder']);
		// A one-day channel needs no end date.
		expect(issues(content({ channels: [{ ...channel, endedOn: '' }] }))).toEqual([]);
	});

	it('keeps to the documented limits', () => {
		expect(issues(content({ channels: Array.from({ length: MAX_CHANNELS + 1 }, () => channel) }))).toEqual(['channels: errors.tooManyChannels']);
		expect(issues(content({ narrative: 'x'.repeat(MAX_NARRATIVE_CHARS + 1) }))).toEqual(['narrative: errors.narrativeTooLong']);
		const quotes = Array.from({ length: MAX_QUOTES_PER_ENTRY + 1 }, () => ({ original: 'q', language: 'ar', translation: 't' }));
		expect(issues(entry({ quotes }))).toEqual(['entries.0.quotes: errors.tooManyQuotes']);
	});

	it('needs a language for a translation, a different one, and one entry per clause', () => {
		expect(issues(content({ narrativeTranslation: 'Translated' }))).toEqual(['translationLanguage: errors.translationLanguageRequired']);
		expect(issues(content({ narrativeTranslation: 'Translated', translationLanguage: 'ar' }))).toEqual([
			'translationLanguage: errors.summaryTranslationSameLanguage'
		]);
		expect(issues(content({ narrativeLanguage: 'not a language!' }))).toEqual(['narrativeLanguage: errors.languageInvalid']);
		const twice = { clause: 'purpose', asked: false, keyPoints: 'x' };
		expect(issues(content({ entries: [twice, twice] }))).toEqual(['entries.1.clause: errors.summaryDuplicateEntry']);
	});
});
