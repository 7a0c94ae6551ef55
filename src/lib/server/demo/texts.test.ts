import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { buildDemo } from './build';
import { textWorklist } from '../translations/texts';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('the demo consultation\'s texts', () => {
	it('has its title, description, version notes, some responses and key points translated into Arabic, Spanish and Persian', async () => {
		const demo = await buildDemo(t.db);
		const state = (language: string) => textWorklist(t.db, demo.consultationId, language);
		for (const language of ['ar', 'es', 'fa']) {
			const items = state(language);
			const current = (kind: string) => items.filter((i) => i.kind === kind && i.status === 'current').length;
			expect(current('consultation-title'), language).toBe(1);
			expect(current('consultation-description'), language).toBe(1);
			expect(current('version-note'), language).toBe(2);
			expect(items.filter((i) => i.kind === 'response' && i.status !== 'missing').length, language).toBeGreaterThanOrEqual(2);
			expect(items.filter((i) => i.kind === 'key-points' && i.status === 'current').length, language).toBeGreaterThanOrEqual(2);
			// Some texts are left for the translators.
			expect(items.some((i) => i.status === 'missing'), language).toBe(true);
		}
		// One Persian translation was made from an earlier wording of its response: readers are told.
		const outdated = state('fa').filter((i) => i.status === 'outdated');
		expect(outdated.map((i) => [i.kind, i.translatedFrom])).toEqual([['response', 'Staff may still act alone in an emergency, but such actions must be reviewed.']]);
		// The Arabic summary's key points are not translated into Arabic.
		expect(state('ar').some((i) => i.kind === 'key-points' && i.community === 'ar')).toBe(false);
	});
});
