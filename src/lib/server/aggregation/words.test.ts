import { describe, expect, it } from 'vitest';
import { clauseMeasures, type CommunityVotes } from './measures';
import { agreementOf, communityVoice, leaningOf, MIN_VOTES_FOR_WORDS, sentenceOf, spreadOf } from './words';

const c = (community: string, support: number, oppose: number, neutral: number, participants = support + oppose + neutral): CommunityVotes => ({
	community,
	support,
	oppose,
	neutral,
	participants
});
const measures = (list: CommunityVotes[], min = 5) => clauseMeasures(list, [], { minCommunitySize: min, includeReported: false });
const tally = (v: CommunityVotes, comments = 0) => ({ ...v, comments });

describe('leaningOf', () => {
	it('needs more than half of the votes for a stance; otherwise divided', () => {
		expect(leaningOf({ support: 6, oppose: 2, neutral: 2 })).toBe('supports');
		expect(leaningOf({ support: 5, oppose: 5, neutral: 0 })).toBe('divided');
		expect(leaningOf({ support: 2, oppose: 6, neutral: 2 })).toBe('opposes');
		expect(leaningOf({ support: 1, oppose: 1, neutral: 3 })).toBe('neutral');
		expect(leaningOf({ support: 4, oppose: 3, neutral: 3 })).toBe('divided');
		expect(leaningOf({ support: 0, oppose: 0, neutral: 0 })).toBeNull();
	});
});

describe('the agreement scale', () => {
	it('strong: every community supports with at least two thirds', () => {
		expect(agreementOf(measures([c('es', 8, 1, 1), c('ar', 7, 2, 0)]).weighed)).toBe('strong');
	});
	it('broad: two thirds or more support and none opposes', () => {
		expect(agreementOf(measures([c('es', 6, 2, 2), c('ar', 6, 3, 1)]).weighed)).toBe('broad');
		expect(agreementOf(measures([c('es', 8, 1, 1), c('ar', 7, 2, 0), c('fr', 2, 2, 1)]).weighed)).toBe('broad');
	});
	it('divided: some support while others oppose', () => {
		expect(agreementOf(measures([c('es', 8, 1, 1), c('ar', 1, 8, 1)]).weighed)).toBe('divided');
	});
	it('opposed: two thirds or more oppose and none supports', () => {
		expect(agreementOf(measures([c('es', 1, 8, 1), c('ar', 0, 5, 0), c('fr', 2, 2, 1)]).weighed)).toBe('opposed');
	});
	it('mixed: no such pattern', () => {
		expect(agreementOf(measures([c('es', 6, 2, 2), c('ar', 2, 2, 2), c('fr', 2, 2, 1)]).weighed)).toBe('mixed');
	});
	it('too few voices: fewer than two communities weighed, or with fewer than three votes each', () => {
		expect(agreementOf(measures([c('es', 8, 1, 1), c('ar', 1, 1, 1)]).weighed)).toBe('too-few');
		expect(agreementOf(measures([c('es', 1, 0, 0), c('ar', 0, 1, 0)], 1).weighed)).toBe('too-few');
		expect(agreementOf([])).toBe('too-few');
	});
});

describe('the divergence scale', () => {
	it('close below 0.2, apart below 0.4, far apart from 0.4', () => {
		expect(spreadOf(measures([c('es', 6, 4, 0), c('ar', 5, 5, 0)]))).toBe('close'); // 0.1
		expect(spreadOf(measures([c('es', 6, 4, 0), c('ar', 3, 7, 0)]))).toBe('apart'); // 0.3
		expect(spreadOf(measures([c('es', 6, 2, 2), c('ar', 1, 4, 0, 6)]))).toBe('far-apart'); // 0.4 exactly
	});
	it('too few voices without the measure', () => {
		expect(spreadOf(measures([c('es', 6, 2, 2)]))).toBe('too-few');
	});
});

describe('the sentence', () => {
	it('no votes: says so, with how many only commented', () => {
		expect(sentenceOf(measures([]))).toEqual({ kind: 'no-votes', commented: 0 });
		expect(sentenceOf(measures([c('es', 0, 0, 0, 4)]), 4)).toEqual({ kind: 'no-votes', commented: 4 });
	});
	it('all communities too small: too few voices, with how many gave a view', () => {
		expect(sentenceOf(measures([c('es', 2, 1, 0), c('ar', 0, 3, 0)]))).toEqual({ kind: 'too-few', votes: 6 });
	});
	it('a single opposing vote never reads as opposed, even with a minimum size of 1', () => {
		for (const min of [1, 5]) {
			const m = measures([c('fa', 0, 1, 0)], min);
			expect(sentenceOf(m)).toEqual({ kind: 'too-few', votes: 1 });
			expect(agreementOf(m.weighed)).toBe('too-few');
		}
		expect(MIN_VOTES_FOR_WORDS).toBeGreaterThan(1);
	});
	it('one community: how it leans, with its counts', () => {
		expect(sentenceOf(measures([c('es', 2, 6, 2), c('ar', 1, 0, 0)]))).toEqual({
			kind: 'one',
			community: 'es',
			leaning: 'opposes',
			support: 2,
			oppose: 6,
			neutral: 2,
			votes: 10
		});
	});
	it('most communities support it; the others are named by how they lean', () => {
		const m = measures([c('es', 8, 1, 1), c('ar', 7, 2, 0), c('fr', 6, 0, 1), c('fa', 3, 3, 0, 6), c('hi', 1, 5, 0)]);
		expect(sentenceOf(m)).toEqual({
			kind: 'many',
			head: { scope: 'most', leaning: 'supports' },
			others: [
				{ leaning: 'opposes', communities: ['hi'] },
				{ leaning: 'divided', communities: ['fa'] }
			]
		});
	});
	it('every community: no others', () => {
		expect(sentenceOf(measures([c('es', 8, 1, 1), c('ar', 7, 2, 0)]))).toEqual({ kind: 'many', head: { scope: 'all', leaning: 'supports' }, others: [] });
	});
	it('a tie between leanings has no majority: every group is named, largest community first', () => {
		expect(sentenceOf(measures([c('es', 8, 1, 1, 12), c('ar', 1, 8, 1), c('fr', 6, 0, 1), c('hi', 0, 6, 0)]))).toEqual({
			kind: 'many',
			head: { scope: 'none' },
			others: [
				{ leaning: 'supports', communities: ['es', 'fr'] },
				{ leaning: 'opposes', communities: ['ar', 'hi'] }
			]
		});
	});
});

describe('the community-voice panel', () => {
	it('folds communities under the minimum into one row, keeps reported counts apart and draws every bar on one scale', () => {
		const onPlatform = [tally(c('es', 6, 2, 2)), tally(c('ar', 1, 4, 0, 6), 1), tally(c('fr', 3, 0, 1)), tally(c('pt', 1, 0, 0)), tally(c('en', 0, 0, 0, 5), 5)];
		const reported = [{ language: 'fr', support: 4, oppose: 1, neutral: 0 }, { language: 'zh-Hans', support: 9, oppose: 2, neutral: 1 }];
		const m = clauseMeasures(onPlatform, reported, { minCommunitySize: 5, includeReported: false });
		const voice = communityVoice(onPlatform, reported, m, 5);
		expect(voice.rows.map((r) => r.community)).toEqual(['es', 'ar', 'en', 'fr', 'zh-Hans']);
		// fr is under the minimum, but shown on its own beside its liaison's counts.
		const fr = voice.rows.find((r) => r.community === 'fr')!;
		expect(fr).toMatchObject({ belowMinimum: true, platform: { support: 3, votes: 4 }, reported: { support: 4, votes: 5 } });
		expect(voice.rows.find((r) => r.community === 'zh-Hans')).toMatchObject({ platform: null, reported: { votes: 12 } });
		// A community with comments only has a row without votes (no bar is drawn for it).
		expect(voice.rows.find((r) => r.community === 'en')!.platform).toMatchObject({ votes: 0, participants: 5, comments: 5 });
		expect(voice.smaller).toEqual({ support: 1, oppose: 0, neutral: 0, votes: 1, communities: 1, people: 1 });
		// The on-platform total never includes the reported counts.
		expect(voice.total).toEqual({ support: 11, oppose: 6, neutral: 3, votes: 20, participants: 26 });
		// The longest bar is the largest number of people any bar stands for (here a liaison summary's reported counts).
		expect(voice.scale).toBe(12);
	});
});
