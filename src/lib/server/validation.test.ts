// Direction controls in the shared text rules: refused in names and descriptions that sit inside a
// sentence of the page, kept (and closed) in headings and longer texts (docs/moderation.md).
import { describe, expect, it } from 'vitest';
import { multiLine, singleLine } from './validation';
import { channelInput } from './summaries/schemas';
import { clauseFields } from './drafts/schemas';

const RLO = '\u202E', PDF = '\u202C', RLI = '\u2067', PDI = '\u2069';
const message = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0].message;

describe('singleLine', () => {
	it('refuses overrides, isolates and direction marks at the edges by default', () => {
		const line = singleLine(100);
		expect(message(line.safeParse(`a${RLO}b`))).toBe('errors.bidiControls');
		expect(message(line.safeParse(`a${RLI}b`))).toBe('errors.bidiControls');
		expect(message(line.safeParse('\u200Fname'))).toBe('errors.bidiControls');
		expect(message(line.safeParse('name\u061C'))).toBe('errors.bidiControls');
		// A mark between two words is how mixed-direction text is written.
		expect(line.parse('ABC \u200F123')).toBe('ABC \u200F123');
	});

	it('accepts them in clause headings, closing any left open', () => {
		const heading = { label: '1', heading: `Scope ${RLO}of this`, body: 'Body.' };
		expect(clauseFields.parse(heading).heading).toBe(`Scope ${RLO}of this${PDF}`);
	});
});

describe('multiLine', () => {
	it('keeps direction controls and closes each by the end of its line', () => {
		expect(multiLine(100).parse(`one ${RLI}two\nthree`)).toBe(`one ${RLI}two${PDI}\nthree`);
	});
});

describe('channel descriptions', () => {
	const channel = { kind: 'in-person', participants: '5', startedOn: '2024-01-01' };
	it('refuse direction controls, and marks at the edges', () => {
		expect(message(channelInput.safeParse({ ...channel, description: `Town hall ${RLO}evil` }))).toBe('errors.bidiControls');
		expect(message(channelInput.safeParse({ ...channel, description: '\u200FTown hall' }))).toBe('errors.bidiControls');
		expect(channelInput.parse({ ...channel, description: 'قاعة المدينة' }).description).toBe('قاعة المدينة');
	});
});
