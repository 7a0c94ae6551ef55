import { describe, expect, it } from 'vitest';
import { translationOffer, type TranslationReader } from './translation-offer';

const reader = (over: Partial<TranslationReader> = {}): TranslationReader => ({
	reads: ['ar', 'en'],
	preferred: 'ar',
	translates: ['ar', 'en'],
	machine: false,
	signedIn: true,
	...over
});

describe('the "offer translate" rule', () => {
	it('offers a way in on every item in a language the reader does not list, not only on those they read', () => {
		// The bug of issue 13: a reader of Arabic and English was offered "translate" on Arabic and
		// English comments only. A French and a Persian comment now offer the waiting page…
		for (const language of ['fr', 'fa']) {
			expect(translationOffer(reader(), language, [])).toEqual({
				readable: false,
				featured: null,
				humanTargets: [],
				machineTarget: null,
				waitingLanguage: 'ar'
			});
		}
		// …and machine translation into their home language when the site has it.
		expect(translationOffer(reader({ machine: true }), 'fr', []).machineTarget).toBe('ar');
	});

	it('lets people who read the item’s language translate it into their other languages', () => {
		expect(translationOffer(reader(), 'en', [])).toEqual({ readable: true, featured: null, humanTargets: ['ar'], machineTarget: null, waitingLanguage: null });
		const youssef = reader({ reads: ['ar', 'fr'], translates: ['ar', 'fr'] });
		expect(translationOffer(youssef, 'fr', []).humanTargets).toEqual(['ar']);
		// A monolingual reader, a visitor, a closed consultation: nobody to translate by hand.
		expect(translationOffer(reader({ reads: ['fr'], preferred: 'fr', translates: [] }), 'fr', []).humanTargets).toEqual([]);
	});

	it('shows a person’s translation into the preferred language in place of the original, else the machine’s', () => {
		const human = { language: 'ar', machine: false };
		const machine = { language: 'ar', machine: true };
		expect(translationOffer(reader(), 'fr', [machine, human]).featured).toBe(human);
		expect(translationOffer(reader(), 'fr', [machine])).toMatchObject({ featured: machine, machineTarget: null, waitingLanguage: 'ar' });
		// A person's translation: nothing is waiting any more.
		expect(translationOffer(reader({ machine: true }), 'fr', [human])).toMatchObject({ featured: human, machineTarget: 'ar', waitingLanguage: null });
		// Translations into other languages are not featured; the reader's own languages never are.
		expect(translationOffer(reader(), 'fr', [{ language: 'es', machine: false }]).featured).toBeNull();
		expect(translationOffer(reader(), 'en', [{ language: 'ar', machine: false }]).featured).toBeNull();
	});

	it('gives visitors the translation in the interface language but no buttons or waiting page', () => {
		const visitor = reader({ reads: ['ar'], preferred: 'ar', translates: [], machine: false, signedIn: false });
		expect(translationOffer(visitor, 'fr', [{ language: 'ar', machine: false }]).featured).toEqual({ language: 'ar', machine: false });
		expect(translationOffer(visitor, 'fr', [])).toMatchObject({ machineTarget: null, waitingLanguage: null, humanTargets: [] });
		// No language wanted (the interface language is not one of the consultation's): nothing featured or asked.
		expect(translationOffer(reader({ preferred: null, reads: ['de'] }), 'fr', [{ language: 'ar', machine: false }])).toMatchObject({
			featured: null,
			waitingLanguage: null
		});
	});
});
