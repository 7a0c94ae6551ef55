import { describe, expect, it } from 'vitest';
import { acceptsFeedback, closingInfo } from './closing';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12, 0);

describe('acceptsFeedback', () => {
	it('takes feedback while open with no closing date', () => {
		expect(acceptsFeedback({ status: 'open', closesAt: null }, NOW)).toBe(true);
	});

	it('takes feedback until the closing date, not at it or after it', () => {
		const c = { status: 'open' as const, closesAt: NOW + 5 * DAY };
		expect(acceptsFeedback(c, NOW)).toBe(true);
		expect(acceptsFeedback(c, NOW + 5 * DAY - 1)).toBe(true);
		expect(acceptsFeedback(c, NOW + 5 * DAY)).toBe(false);
		expect(acceptsFeedback(c, NOW + 6 * DAY)).toBe(false);
	});

	it('refuses feedback when the consultation is closed, whatever the date says', () => {
		expect(acceptsFeedback({ status: 'closed', closesAt: null }, NOW)).toBe(false);
		expect(acceptsFeedback({ status: 'closed', closesAt: NOW + DAY }, NOW)).toBe(false);
	});

	it('tells the pages the date, whether it passed, and the time it was read at', () => {
		expect(closingInfo({ status: 'open', closesAt: NOW - DAY }, NOW)).toEqual({ closesAt: NOW - DAY, open: false, now: NOW });
		expect(closingInfo({ status: 'open', closesAt: null }, NOW)).toEqual({ closesAt: null, open: true, now: NOW });
	});
});

describe('closingInput', async () => {
	const { closingInput } = await import('./schemas');
	it('reads a datetime-local value as UTC', () => {
		expect(closingInput.parse({ closesAt: '2026-03-12T17:00' })).toEqual({ closesAt: Date.UTC(2026, 2, 12, 17, 0) });
	});
	it('clears the date', () => {
		expect(closingInput.parse({ closesAt: '2026-03-12T17:00', clear: '' })).toEqual({ closesAt: null });
	});
	it('refuses what is not a date and time, or a date that does not exist', () => {
		for (const bad of ['', 'tomorrow', '2026-02-31T10:00', '2026-03-12T25:00', '2026-13-01T10:00']) {
			const r = closingInput.safeParse({ closesAt: bad });
			expect(r.success, bad).toBe(false);
			expect(r.error?.issues[0].message).toBe('errors.closingDateFormat');
		}
	});
});
