import { describe, expect, it } from 'vitest';
import { summaryContentInput, summaryIssues } from './schemas';
import { addChannelRow, addQuoteRow, contentOf, fieldMessages, MIN_CHANNEL_ROWS, MIN_QUOTE_ROWS, readSummaryForm, withBlankRows } from './form';

function formData(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	return form;
}

const posted = formData({
	narrative: 'ملخص',
	narrativeLanguage: 'ar',
	narrativeTranslation: '',
	translationLanguage: '',
	'channel.0.kind': '',
	'channel.0.description': '',
	'channel.0.participants': '',
	'channel.0.startedOn': '',
	'channel.0.endedOn': '',
	'channel.1.kind': 'survey',
	'channel.1.description': 'Online survey',
	'channel.1.participants': '20',
	'channel.1.startedOn': '2026-03-01',
	'channel.1.endedOn': '',
	'entry.purpose.support': '',
	'entry.purpose.oppose': '',
	'entry.purpose.neutral': '',
	'entry.purpose.keyPoints': '',
	'entry.purpose.quote.0.original': '',
	'entry.purpose.quote.0.language': 'ar',
	'entry.purpose.quote.0.translation': '',
	'entry.respect.asked': 'on',
	'entry.respect.support': '60%',
	'entry.respect.oppose': '3',
	'entry.respect.neutral': '1',
	'entry.respect.keyPoints': 'Points',
	'entry.respect.quote.0.original': '',
	'entry.respect.quote.0.language': 'ar',
	'entry.respect.quote.0.translation': '',
	'entry.respect.quote.1.original': 'قول',
	'entry.respect.quote.1.language': 'ar',
	'entry.respect.quote.1.translation': ''
});

describe('the summary form', () => {
	it('reads every row as typed, and leaves blank rows and untouched clauses out of the content', () => {
		const state = readSummaryForm(posted);
		expect(state.channels).toHaveLength(2);
		expect(Object.keys(state.entries)).toEqual(['purpose', 'respect']);
		const { content } = contentOf(state);
		expect(content).toMatchObject({
			channels: [{ kind: 'survey', participants: '20' }],
			entries: [{ clause: 'respect', asked: true, support: '60%', quotes: [{ original: 'قول' }] }]
		});
	});

	it('names the field of each issue, counting the blank rows the page shows', () => {
		const { content, fieldOf } = contentOf(readSummaryForm(posted));
		const result = summaryContentInput.safeParse(content);
		expect(result.success).toBe(false);
		const messages = fieldMessages(summaryIssues(result.error!), fieldOf, (key) => `t(${key})`);
		expect(messages).toEqual({ 'entry.respect.support': 't(errors.countPercent)' });
		expect(fieldOf(['channels', 0, 'participants'])).toBe('channel.1.participants');
		expect(fieldOf(['entries', 0, 'quotes', 0, 'translation'])).toBe('entry.respect.quote.1.translation');
		expect(fieldOf(['entries', 0, 'counts'])).toBe('entry.respect.counts');
		expect(fieldOf(['entries', 0, 'clause'])).toBe('form');
		expect(fieldOf(['channels'])).toBe('channels');
	});

	it('shows blank rows to fill in, without growing on each refusal, and adds rows on request', () => {
		const state = withBlankRows(readSummaryForm(posted), ['purpose', 'respect', 'reporting'], 'ar');
		expect(state.channels).toHaveLength(MIN_CHANNEL_ROWS);
		expect(state.entries.reporting.quotes).toHaveLength(MIN_QUOTE_ROWS);
		// The respect entry has a filled quote last: one blank row follows it.
		expect(state.entries.respect.quotes).toHaveLength(3);
		expect(withBlankRows(state, ['purpose', 'respect', 'reporting'], 'ar')).toEqual(state);
		expect(addChannelRow(state).channels).toHaveLength(MIN_CHANNEL_ROWS + 1);
		expect(addQuoteRow(state, 'reporting', 'ar').entries.reporting.quotes).toHaveLength(MIN_QUOTE_ROWS + 1);
		expect(addQuoteRow(state, 'no-such-clause', 'ar')).toBe(state);
	});
});
