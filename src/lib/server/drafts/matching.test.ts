import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, proposeMatches, resolveKeys, similarity, type MatchCandidate, type MatchInput } from './matching';

const previous: MatchCandidate[] = [
	{ key: 'purpose', label: '1', heading: 'Purpose', body: 'This code protects people who take part in the project from harassment.' },
	{ key: 'scope', label: '2', heading: 'Scope', body: 'It applies to every project space, online and in person, and to all participants.' },
	{ key: 'appeals', label: '3', heading: 'Appeals', body: 'A decision can be appealed once, within thirty days, to a separate panel.' }
];

function clause(heading: string, body: string, key = '', keyExplicit = false): MatchInput {
	return { heading, body, key: key || heading.toLowerCase(), keyExplicit };
}

describe('similarity', () => {
	it('is 1 for the same words, 0 for none shared, in between otherwise', () => {
		expect(similarity('The same words', 'the SAME words')).toBe(1);
		expect(similarity('alpha beta', 'gamma delta')).toBe(0);
		// 3 shared of 4 + 4 words: 2·3/8.
		expect(similarity('one two three four', 'one two three five')).toBe(0.75);
		expect(similarity('', '')).toBe(0);
	});

	it('finds words in scripts without spaces', () => {
		expect(similarity('本准则适用于所有项目空间', '本准则适用于所有线上项目空间', 'zh')).toBeGreaterThan(0.7);
	});
});

describe('proposeMatches', () => {
	it('matches by explicit key first, then by similarity above the threshold', () => {
		const proposals = proposeMatches(
			[
				clause('Why we have this code', 'This code protects people who take part in the project from harassment and abuse.'),
				clause('Appeals', 'Anything.', 'appeals', true),
				clause('Reporting', 'Reports go to a team of trained volunteers.')
			],
			previous
		);
		expect(proposals[0]).toMatchObject({ key: 'purpose', by: 'similarity' });
		expect(proposals[0].similarity).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
		expect(proposals[1]).toEqual({ key: 'appeals', by: 'key', similarity: 1 });
		expect(proposals[2]).toEqual({ key: null, by: 'none', similarity: 0 });
	});

	it('gives each previous clause to the most similar new clause only', () => {
		const proposals = proposeMatches(
			[
				clause('Scope', 'It applies to every project space and to all participants.'),
				clause('Scope', 'It applies to every project space, online and in person, and to all participants.')
			],
			previous
		);
		expect(proposals.map((p) => p.key)).toEqual([null, 'scope']);
	});

	it('leaves a clause with a new explicit key as new, even when its text is similar', () => {
		const proposals = proposeMatches([clause('Scope', previous[1].body, 'reach', true)], previous);
		expect(proposals[0].key).toBeNull();
	});
});

describe('resolveKeys', () => {
	const existing = new Set(['purpose', 'scope', 'appeals', 'old-clause']);
	const prev = new Set(['purpose', 'scope', 'appeals']);

	it('uses the continued key, revives an older lineage by explicit key, and keeps new keys unique', () => {
		const clauses = [
			clause('Why', 'x', 'why'),
			clause('Old', 'x', 'old-clause', true),
			clause('Scope', 'x', 'scope'),
			clause('Purpose', 'x', 'purpose', true)
		];
		const result = resolveKeys(clauses, ['purpose', null, null, null], prev, existing);
		// "scope" was not chosen: as a new clause it must not join the old lineage.
		// "purpose" (explicit) was chosen for another clause and is not reused either.
		expect(result).toEqual({ keys: ['purpose', 'old-clause', 'scope-2', 'purpose-2'] });
	});

	it('refuses one previous clause chosen twice', () => {
		expect(resolveKeys([clause('a', 'x'), clause('b', 'y')], ['scope', 'scope'], prev, existing)).toEqual({ duplicateAt: 1 });
	});
});
