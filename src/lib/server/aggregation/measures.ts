// Cross-community measures of one clause's feedback: pure functions, so that every number the
// dashboard, the results page and the API show can be checked by hand (docs/measures.md gives the
// formulas and a worked example).
//
// For a community c: votes_c = support_c + oppose_c + neutral_c and share_c = support_c / votes_c.
// - pooled support share   = Σ support_c / Σ votes_c over every community, weighed or not;
// - balanced support       = mean of share_c over the weighed communities (each counts the same);
// - consensus (Polis's group-informed consensus) = Π over the weighed communities of
//                            (support_c + 1) / (votes_c + 2);
// - divergence             = max share_c − min share_c over the weighed communities.
// A community is weighed when participants_c ≥ the consultation's minimum and votes_c > 0; the
// others are listed as too small to weigh. Balanced support, consensus and divergence compare
// communities, so they need at least two weighed communities: with fewer they are null ("—").
import type { ReportedVotes } from '../summaries/published';

export interface CommunityVotes {
	community: string;
	support: number;
	oppose: number;
	neutral: number;
	/** People who took part on the clause in this community (a stance, a comment or both). */
	participants: number;
}

/** What a language's liaisons reported for the clause (summed over their published summaries): summaries/published.ts reads them. */
export type { ReportedVotes };

export interface MeasureOptions {
	/** Communities with fewer participants on the clause are not weighed (consultations.min_community_size). */
	minCommunitySize: number;
	/** Add liaison-reported counts to their community's votes and participants (consultations.measures_include_liaison_counts). */
	includeReported: boolean;
}

export interface WeighedCommunity {
	community: string;
	support: number;
	oppose: number;
	neutral: number;
	votes: number;
	participants: number;
	/** support / votes. */
	share: number;
}

export interface UnweighedCommunity {
	community: string;
	votes: number;
	participants: number;
	/** Why it is not weighed: fewer participants than the minimum, or no stances at all (only comments). */
	reason: 'too-few-participants' | 'no-votes';
}

export interface ClauseMeasures {
	pooled: { support: number; votes: number; share: number | null };
	/** The communities that enter the cross-community measures, most supportive first. */
	weighed: WeighedCommunity[];
	/** Communities with feedback that are too small to weigh, largest first. */
	tooSmall: UnweighedCommunity[];
	/** Null with fewer than MIN_WEIGHED_COMMUNITIES weighed communities. */
	balanced: number | null;
	consensus: number | null;
	divergence: number | null;
	mostSupportive: string | null;
	leastSupportive: string | null;
	/** Whether liaison-reported counts entered these numbers. */
	includesReported: boolean;
}

/** The cross-community measures compare communities: below this many weighed ones they are not given. */
export const MIN_WEIGHED_COMMUNITIES = 2;

export function votesOf(c: { support: number; oppose: number; neutral: number }): number {
	return c.support + c.oppose + c.neutral;
}

/** support / votes, or null when there are no votes. */
export function supportShare(c: { support: number; oppose: number; neutral: number }): number | null {
	const votes = votesOf(c);
	return votes === 0 ? null : c.support / votes;
}

/**
 * The counts the measures use per community: the on-platform tallies, plus, when `includeReported`,
 * each language's liaison-reported support/oppose/neutral added to that community's counts, and the
 * people those reported votes stand for (their sum) added to its participants. A language with
 * reported counts and no on-platform feedback becomes a community of its own.
 */
export function countsForMeasures(onPlatform: CommunityVotes[], reported: ReportedVotes[], includeReported: boolean): CommunityVotes[] {
	if (!includeReported || reported.length === 0) return onPlatform;
	const byCommunity = new Map(onPlatform.map((c) => [c.community, { ...c }]));
	for (const r of reported) {
		const row = byCommunity.get(r.language) ?? { community: r.language, support: 0, oppose: 0, neutral: 0, participants: 0 };
		row.support += r.support;
		row.oppose += r.oppose;
		row.neutral += r.neutral;
		row.participants += votesOf(r);
		byCommunity.set(r.language, row);
	}
	return [...byCommunity.values()];
}

const byTag = (a: { community: string }, b: { community: string }) => (a.community < b.community ? -1 : a.community > b.community ? 1 : 0);

export function clauseMeasures(onPlatform: CommunityVotes[], reported: ReportedVotes[], options: MeasureOptions): ClauseMeasures {
	const counts = countsForMeasures(onPlatform, reported, options.includeReported);
	let support = 0;
	let votes = 0;
	const weighed: WeighedCommunity[] = [];
	const tooSmall: UnweighedCommunity[] = [];
	for (const c of counts) {
		const v = c.support + c.oppose + c.neutral;
		support += c.support;
		votes += v;
		if (v > 0 && c.participants >= options.minCommunitySize) {
			weighed.push({
				community: c.community,
				support: c.support,
				oppose: c.oppose,
				neutral: c.neutral,
				votes: v,
				participants: c.participants,
				share: c.support / v
			});
		} else if (v > 0 || c.participants > 0) {
			tooSmall.push({ community: c.community, votes: v, participants: c.participants, reason: v === 0 ? 'no-votes' : 'too-few-participants' });
		}
	}
	weighed.sort((a, b) => b.share - a.share || byTag(a, b));
	tooSmall.sort((a, b) => b.participants - a.participants || b.votes - a.votes || byTag(a, b));

	const enough = weighed.length >= MIN_WEIGHED_COMMUNITIES;
	return {
		pooled: { support, votes, share: votes === 0 ? null : support / votes },
		weighed,
		tooSmall,
		balanced: enough ? weighed.reduce((sum, c) => sum + c.share, 0) / weighed.length : null,
		consensus: enough ? weighed.reduce((product, c) => (product * (c.support + 1)) / (c.votes + 2), 1) : null,
		divergence: enough ? weighed[0].share - weighed[weighed.length - 1].share : null,
		mostSupportive: enough ? weighed[0].community : null,
		leastSupportive: enough ? weighed[weighed.length - 1].community : null,
		includesReported: options.includeReported
	};
}

interface Ranked {
	position: number;
	measures: Pick<ClauseMeasures, 'divergence' | 'consensus'>;
}

/** "Most contested across communities": highest divergence first; on a tie, the lower consensus; then draft order. */
export function byContested(a: Ranked, b: Ranked): number {
	return (
		(b.measures.divergence ?? -Infinity) - (a.measures.divergence ?? -Infinity) ||
		(a.measures.consensus ?? Infinity) - (b.measures.consensus ?? Infinity) ||
		a.position - b.position
	);
}

/** "Strongest cross-community consensus": highest consensus first; on a tie, the lower divergence; then draft order. */
export function byConsensus(a: Ranked, b: Ranked): number {
	return (
		(b.measures.consensus ?? -Infinity) - (a.measures.consensus ?? -Infinity) ||
		(a.measures.divergence ?? Infinity) - (b.measures.divergence ?? Infinity) ||
		a.position - b.position
	);
}
