import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator';
import { clauseMeasures, type CommunityVotes } from '../../server/aggregation/measures';
import { sentenceOf } from '../../server/aggregation/words';
import en from '../../../../messages/en.json';
import ar from '../../../../messages/ar.json';
import { countOf, sentenceText } from './words';

const t = createTranslator('en', en);
const c = (community: string, support: number, oppose: number, neutral: number, participants = support + oppose + neutral): CommunityVotes => ({ community, support, oppose, neutral, participants });
const text = (list: CommunityVotes[], min = 5, commented = 0) =>
	sentenceText(t, 'en', sentenceOf(clauseMeasures(list, [], { minCommunitySize: min, includeReported: false }), commented));

describe('the clause sentence in English', () => {
	it('names the majority first, then the communities that lean otherwise', () => {
		expect(text([c('es', 8, 1, 1), c('ar', 7, 2, 0), c('fr', 6, 0, 1), c('fa', 3, 3, 0, 6)])).toBe(
			'Most communities support it; participants in Persian are divided.'
		);
		expect(text([c('es', 8, 1, 1), c('ar', 7, 2, 0)])).toBe('Every community supports it.');
	});
	it('a tie names both sides', () => {
		expect(text([c('es', 8, 1, 1, 12), c('ar', 1, 8, 1)])).toBe(
			'Communities do not agree; participants in Spanish support it; participants in Arabic oppose it.'
		);
	});
	it('names at most three communities in a group, and counts the rest', () => {
		const list = ['es', 'fr', 'pt', 'hi', 'zh'].map((tag, i) => c(tag, 1, 8, 1, 20 - i));
		const supporters = ['ar', 'de', 'it', 'ja', 'ko', 'nl'].map((tag) => c(tag, 9, 1, 0, 30));
		expect(text([...list, ...supporters])).toBe(
			'Most communities support it; participants in Spanish, French, Portuguese, and 2 other communities oppose it.'
		);
	});
	it('one community, all too small, no votes, and a single opposing vote', () => {
		expect(text([c('es', 2, 6, 2)])).toBe('Only participants in Spanish are numerous enough to describe: most of them oppose it (6 of 10).');
		expect(text([c('es', 2, 1, 0), c('ar', 0, 3, 0)])).toBe('Too few voices yet to say how communities stand: 6 people gave a view.');
		expect(text([c('fa', 0, 1, 0)], 1)).toBe('Too few voices yet to say how communities stand: 1 person gave a view.');
		expect(text([])).toBe('Nobody has said where they stand on this clause yet.');
		expect(text([c('es', 0, 0, 0, 3)], 5, 3)).toBe('Nobody has taken a stance on this clause yet; 3 people commented.');
	});
});

describe('counts with their denominators', () => {
	it('use the plural the number needs', () => {
		expect(countOf(t, 'en', 'support', 1, 10)).toBe('1 of 10 supports it');
		expect(countOf(t, 'en', 'support', 8, 10)).toBe('8 of 10 support it');
		expect(countOf(t, 'en', 'oppose', 1, 1)).toBe('1 of 1 opposes it');
		expect(countOf(t, 'en', 'neutral', 2, 1_200)).toBe('2 of 1,200 are neutral');
		const tar = createTranslator('ar', ar);
		expect(countOf(tar, 'ar', 'support', 2, 10)).toBe(`${(2).toLocaleString('ar')} من ${(10).toLocaleString('ar')} يؤيدانه`);
	});
});
