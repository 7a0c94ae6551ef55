import { describe, expect, it } from 'vitest';
import { byConsensus, byContested, clauseMeasures, countsForMeasures, type CommunityVotes, type ReportedVotes } from './measures';

// One clause's on-platform feedback (the example of docs/measures.md):
//   es: 6 support, 2 oppose, 2 neutral, 10 participants → 10 votes, share 6/10 = 0.6
//   ar: 1 support, 4 oppose, 0 neutral,  6 participants (one only commented) → 5 votes, share 1/5 = 0.2
//   fr: 3 support, 0 oppose, 1 neutral,  4 participants → 4 votes, share 3/4 = 0.75 (below a minimum of 5)
//   en: no stances, 5 participants who only commented → 0 votes
const clause: CommunityVotes[] = [
	{ community: 'es', support: 6, oppose: 2, neutral: 2, participants: 10 },
	{ community: 'ar', support: 1, oppose: 4, neutral: 0, participants: 6 },
	{ community: 'fr', support: 3, oppose: 0, neutral: 1, participants: 4 },
	{ community: 'en', support: 0, oppose: 0, neutral: 0, participants: 5 }
];
// What the French and Arabic liaisons reported for the same clause.
const reported: ReportedVotes[] = [
	{ language: 'fr', support: 4, oppose: 1, neutral: 0 },
	{ language: 'ar', support: 2, oppose: 0, neutral: 1 }
];

describe('cross-community measures', () => {
	it('weigh only communities with enough participants and some votes', () => {
		const m = clauseMeasures(clause, reported, { minCommunitySize: 5, includeReported: false });
		// Pooled over every community, small ones included: (6 + 1 + 3 + 0) / (10 + 5 + 4 + 0) = 10/19.
		expect(m.pooled).toEqual({ support: 10, votes: 19, share: 10 / 19 });
		expect(m.weighed.map((c) => [c.community, c.share])).toEqual([
			['es', 0.6],
			['ar', 0.2]
		]);
		// fr has 4 < 5 participants; en has 5 participants but nothing to weigh.
		expect(m.tooSmall).toEqual([
			{ community: 'en', votes: 0, participants: 5, reason: 'no-votes' },
			{ community: 'fr', votes: 4, participants: 4, reason: 'too-few-participants' }
		]);
		// Balanced: (0.6 + 0.2) / 2 = 0.4.
		expect(m.balanced).toBeCloseTo(0.4, 12);
		// Consensus: (6 + 1)/(10 + 2) × (1 + 1)/(5 + 2) = 7/12 × 2/7 = 1/6 ≈ 0.1667.
		expect(m.consensus).toBeCloseTo(1 / 6, 12);
		// Divergence: 0.6 − 0.2 = 0.4.
		expect(m.divergence).toBeCloseTo(0.4, 12);
		expect([m.mostSupportive, m.leastSupportive]).toEqual(['es', 'ar']);
		expect(m.includesReported).toBe(false);
	});

	it('follow the minimum: lowering it to 4 lets the French community in', () => {
		const m = clauseMeasures(clause, [], { minCommunitySize: 4, includeReported: false });
		expect(m.weighed.map((c) => c.community)).toEqual(['fr', 'es', 'ar']);
		// Balanced: (0.75 + 0.6 + 0.2) / 3 = 1.55 / 3 ≈ 0.5167.
		expect(m.balanced).toBeCloseTo(1.55 / 3, 12);
		// Consensus: 7/12 × 2/7 × (3 + 1)/(4 + 2) = 1/6 × 2/3 = 1/9.
		expect(m.consensus).toBeCloseTo(1 / 9, 12);
		// Divergence: 0.75 − 0.2 = 0.55.
		expect(m.divergence).toBeCloseTo(0.55, 12);
		// The pooled share does not depend on the minimum: still 10/19.
		expect(m.pooled.share).toBeCloseTo(10 / 19, 12);
	});

	it('are not given with fewer than two weighed communities', () => {
		// A minimum of 7 leaves es (10 participants) alone.
		const m = clauseMeasures(clause, [], { minCommunitySize: 7, includeReported: false });
		expect(m.weighed.map((c) => c.community)).toEqual(['es']);
		expect([m.balanced, m.consensus, m.divergence, m.mostSupportive, m.leastSupportive]).toEqual([null, null, null, null, null]);
		expect(m.pooled.share).toBeCloseTo(10 / 19, 12);
		expect(m.tooSmall.map((c) => c.community)).toEqual(['ar', 'en', 'fr']);

		const none = clauseMeasures([], [], { minCommunitySize: 5, includeReported: false });
		expect(none.pooled).toEqual({ support: 0, votes: 0, share: null });
		expect(none.weighed).toEqual([]);
		expect(none.tooSmall).toEqual([]);
	});

	it('add liaison-reported counts to their community only when asked to', () => {
		const counts = countsForMeasures(clause, [...reported, { language: 'pt', support: 0, oppose: 2, neutral: 0 }], true);
		// fr: 3 + 4 support, 0 + 1 oppose, 1 + 0 neutral; 4 + 5 participants (the 5 people who reported a view).
		expect(counts.find((c) => c.community === 'fr')).toEqual({ community: 'fr', support: 7, oppose: 1, neutral: 1, participants: 9 });
		// A language with reported counts only becomes a community of its own.
		expect(counts.find((c) => c.community === 'pt')).toEqual({ community: 'pt', support: 0, oppose: 2, neutral: 0, participants: 2 });
		expect(countsForMeasures(clause, reported, false)).toEqual(clause);

		const m = clauseMeasures(clause, reported, { minCommunitySize: 5, includeReported: true });
		// es 6/10 = 0.6; ar (1 + 2)/(5 + 3) = 3/8 = 0.375 with 6 + 3 = 9 participants; fr 7/9 with 9 participants.
		expect(m.weighed.map((c) => [c.community, c.votes, c.participants])).toEqual([
			['fr', 9, 9],
			['es', 10, 10],
			['ar', 8, 9]
		]);
		// Pooled: (6 + 3 + 7) / (10 + 8 + 9) = 16/27.
		expect(m.pooled).toEqual({ support: 16, votes: 27, share: 16 / 27 });
		// Balanced: (3/5 + 3/8 + 7/9) / 3 = (216 + 135 + 280)/360 / 3 = 631/1080 ≈ 0.5843.
		expect(m.balanced).toBeCloseTo(631 / 1080, 12);
		// Consensus: 7/12 × (3 + 1)/(8 + 2) × (7 + 1)/(9 + 2) = 7/12 × 2/5 × 8/11 = 112/660 = 28/165 ≈ 0.1697.
		expect(m.consensus).toBeCloseTo(28 / 165, 12);
		// Divergence: 7/9 − 3/8 = (56 − 27)/72 = 29/72 ≈ 0.4028.
		expect(m.divergence).toBeCloseTo(29 / 72, 12);
		expect([m.mostSupportive, m.leastSupportive]).toEqual(['fr', 'ar']);
		expect(m.tooSmall).toEqual([{ community: 'en', votes: 0, participants: 5, reason: 'no-votes' }]);
		expect(m.includesReported).toBe(true);
	});

	it('rank clauses: most contested by divergence then lower consensus, strongest consensus by consensus then lower divergence', () => {
		const a = { key: 'a', position: 0, measures: { divergence: 0.4, consensus: 0.2 } };
		const b = { key: 'b', position: 1, measures: { divergence: 0.4, consensus: 0.1 } };
		const c = { key: 'c', position: 2, measures: { divergence: 0.1, consensus: 0.2 } };
		const d = { key: 'd', position: 3, measures: { divergence: 0.1, consensus: 0.5 } };
		expect([a, b, c, d].sort(byContested).map((x) => x.key)).toEqual(['b', 'a', 'c', 'd']);
		// a and c tie on consensus (0.2): c diverges less.
		expect([a, b, c, d].sort(byConsensus).map((x) => x.key)).toEqual(['d', 'c', 'a', 'b']);
	});
});
