import { describe, expect, it } from 'vitest';
import { percentsOf, score, spread } from './format';

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
