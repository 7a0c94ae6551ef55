import { describe, expect, it } from 'vitest';
import { formatList, formatNumber, languageName, NOT_GIVEN, percent, percentsOf, score, shareOf, spread } from './format';

describe('numbers, shares and lists for pages and downloads alike', () => {
	it('write counts, shares and lists the way the locale writes them', () => {
		expect(formatNumber('en', 12345)).toBe('12,345');
		expect(formatNumber('fr', 12345)).toBe(new Intl.NumberFormat('fr').format(12345));
		expect(percent('en', 0.6)).toBe('60%');
		expect(percent('en', null)).toBe(NOT_GIVEN);
		expect(shareOf('en', 8, 10)).toBe('80%');
		// No feedback yet: a dash, never 0%.
		expect(shareOf('en', 0, 0)).toBe('—');
		expect(formatList('en', ['Arabic', 'French', 'Spanish'])).toBe('Arabic, French, and Spanish');
		expect(formatList('es', ['árabe', 'francés'])).toBe('árabe y francés');
		expect(languageName('en', 'ar')).toBe('Arabic');
		expect(languageName('es', 'ar')).toBe('árabe');
		// A tag Intl cannot name is shown as it is.
		expect(languageName('en', 'not a tag')).toBe('not a tag');
	});
});

describe('results number formats', () => {
	it('round a row of shares so that it adds up to 100%', () => {
		// 1, 6, 1 of 8: 12.5%, 75%, 12.5% → the first of the two equal remainders gets the point.
		expect(percentsOf('en', [1, 6, 1])).toEqual(['13%', '75%', '12%']);
		// 1, 1, 1 of 3: 33.3% each → 34, 33, 33.
		expect(percentsOf('en', [1, 1, 1])).toEqual(['34%', '33%', '33%']);
		expect(percentsOf('en', [0, 0, 0])).toEqual(['—', '—', '—']);
		const fr = new Intl.NumberFormat('fr', { style: 'percent' });
		expect(percentsOf('fr', [3, 1, 0])).toEqual([fr.format(0.75), fr.format(0.25), fr.format(0)]);
	});

	it('show consensus to three significant digits and divergence to two decimals', () => {
		expect(score('en', 30 / 49)).toBe('0.612');
		expect(score('en', 0.000352)).toBe('0.000352');
		expect(score('en', null)).toBe('—');
		expect(spread('en', 0.2)).toBe('0.20');
		expect(spread('en', null)).toBe('—');
	});
});
