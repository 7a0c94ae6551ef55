import { describe, expect, it } from 'vitest';
import { chosenLanguages, echoLanguages } from './language-fields';
import { profileInput } from './schemas';

function form(entries: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('the languages chosen on the sign-up and profile forms', () => {
	it('put the home language first, then the boxes ticked in the page’s order, then the codes typed', () => {
		const f = form([
			['otherLanguages', 'fr'],
			['homeLanguage', 'ar'],
			['otherLanguages', 'en'],
			['languages', 'pt-br, ber']
		]);
		expect(chosenLanguages(f)).toEqual(['ar', 'fr', 'en', 'pt-br', 'ber']);
	});

	it('read the enhanced picker’s ordered list and the plain "ar, en" of scripts alike', () => {
		expect(chosenLanguages(form([['languages', 'fa'], ['languages', 'en'], ['languages', '']]))).toEqual(['fa', 'en']);
		expect(chosenLanguages(form([['languages', 'ar, en'], ['homeLanguage', '']]))).toEqual(['ar', 'en']);
		expect(chosenLanguages(form([['languages', 'ar;en fr']]))).toEqual(['ar', 'en', 'fr']);
	});

	it('are canonicalised and deduplicated by the schema; an invalid code refuses the whole form', () => {
		const valid = profileInput.safeParse({ displayName: 'Amina', languages: chosenLanguages(form([['homeLanguage', 'ar'], ['otherLanguages', 'fr'], ['languages', 'pt-br, AR']])) });
		expect(valid.success && valid.data.languages).toEqual(['ar', 'fr', 'pt-BR']);
		const invalid = profileInput.safeParse({ displayName: 'Amina', languages: ['ar', 'French'] });
		expect(invalid.success).toBe(false);
		expect(invalid.error?.issues[0].message).toBe('errors.languageInvalid');
		const none = profileInput.safeParse({ displayName: 'Amina', languages: chosenLanguages(form([['homeLanguage', '']])) });
		expect(none.error?.issues[0].message).toBe('errors.languagesRequired');
	});

	it('are written back after a refusal in the order they were given', () => {
		expect(echoLanguages(form([['homeLanguage', 'ar'], ['otherLanguages', 'fr'], ['languages', 'xx-!!, fr']]))).toBe('ar, fr, xx-!!');
	});
});
