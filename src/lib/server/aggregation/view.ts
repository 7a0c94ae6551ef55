// What the dashboard and the public results page render of a version's results: plain data,
// only what the page shows (the grid one page at a time), so that a version with many languages
// stays quick to render and to send.
import type { CommunityTally } from '../tallies/read';
import type { ReportedVotes, UnweighedCommunity } from './measures';
import { gridPageSize, sortClauses, type ClauseResult, type ClauseSort, type VersionResults } from './service';
import { agreementOf, communityVoice, MIN_VOTES_FOR_WORDS, spreadOf, type Agreement, type CommunityVoice, type Spread } from './words';

/** How many clauses the "most contested" and "strongest consensus" lists show. */
export const RANKED_LIST_LENGTH = 5;

export interface MeasureRow {
	key: string;
	label: string;
	heading: string;
	headingLanguage: string;
	participants: number;
	pooled: { support: number; votes: number; share: number | null };
	balanced: number | null;
	consensus: number | null;
	divergence: number | null;
	weighedCount: number;
	mostSupportive: string | null;
	mostShare: number | null;
	leastSupportive: string | null;
	leastShare: number | null;
	/** The counts behind mostShare and leastShare, shown with them. */
	mostCounts: { support: number; votes: number } | null;
	leastCounts: { support: number; votes: number } | null;
	/** The measures in words (words.ts): what the pages show first. */
	agreement: Agreement;
	spread: Spread;
}

export interface GridClause extends MeasureRow {
	communities: CommunityTally[];
	totals: ClauseResult['totals'];
	reported: ReportedVotes[];
	tooSmall: UnweighedCommunity[];
	/** The community-voice panel: counts per community on one scale of people, and the sentence. */
	voice: CommunityVoice;
}

export interface ResultsView {
	minCommunitySize: number;
	/** Communities with fewer votes are never put into words (words.ts), for the explanation. */
	wordsMinVotes: number;
	includeReported: boolean;
	includeReportedSetting: boolean;
	communityCount: number;
	sort: ClauseSort;
	table: MeasureRow[];
	contested: MeasureRow[];
	consensus: MeasureRow[];
	/** Clauses without cross-community measures (fewer than two communities weighed). */
	unranked: number;
	grid: { clauses: GridClause[]; page: number; pages: number; first: number; total: number };
	composition: VersionResults['composition'];
}

function measureRow(c: ClauseResult): MeasureRow {
	const m = c.measures;
	return {
		key: c.key,
		label: c.label,
		heading: c.heading,
		headingLanguage: c.headingLanguage,
		participants: c.totals.participants,
		pooled: m.pooled,
		balanced: m.balanced,
		consensus: m.consensus,
		divergence: m.divergence,
		weighedCount: m.weighed.length,
		mostSupportive: m.mostSupportive,
		mostShare: m.mostSupportive === null ? null : m.weighed[0].share,
		leastSupportive: m.leastSupportive,
		leastShare: m.leastSupportive === null ? null : m.weighed[m.weighed.length - 1].share,
		mostCounts: m.mostSupportive === null ? null : { support: m.weighed[0].support, votes: m.weighed[0].votes },
		leastCounts: m.leastSupportive === null ? null : { support: m.weighed[m.weighed.length - 1].support, votes: m.weighed[m.weighed.length - 1].votes },
		agreement: agreementOf(m.weighed),
		spread: spreadOf(m)
	};
}

export function resultsView(r: VersionResults, options: { sort: ClauseSort; page: number }): ResultsView {
	const sorted = sortClauses(r.clauses, options.sort);
	const community = r.filters.community;
	const perPage = gridPageSize(community === null ? r.communities.length : 1, sorted.length);
	const pages = Math.max(1, Math.ceil(sorted.length / perPage));
	const page = Math.min(options.page, pages);
	const first = (page - 1) * perPage;
	return {
		minCommunitySize: r.minCommunitySize,
		wordsMinVotes: MIN_VOTES_FOR_WORDS,
		includeReported: r.includeReported,
		includeReportedSetting: r.includeReportedSetting,
		communityCount: r.communities.length,
		sort: options.sort,
		table: sorted.map(measureRow),
		contested: r.contested.slice(0, RANKED_LIST_LENGTH).map(measureRow),
		consensus: r.consensus.slice(0, RANKED_LIST_LENGTH).map(measureRow),
		unranked: r.clauses.length - r.contested.length,
		grid: {
			clauses: sorted.slice(first, first + perPage).map((c) => ({
				...measureRow(c),
				communities: c.communities,
				totals: c.totals,
				reported: c.reported,
				// Under a community filter, only that community's place in the measures is of interest.
				tooSmall: community === null ? c.measures.tooSmall : c.measures.tooSmall.filter((s) => s.community === community),
				voice: communityVoice(c.communities, c.reported, c.measures, r.minCommunitySize)
			})),
			page,
			pages,
			first,
			total: sorted.length
		},
		composition: r.composition
	};
}
