// The cross-community measures in words, and the community-voice panel of a clause: which word of
// the verbal scale a clause gets, which plain-language sentence sums it up, and which rows and
// bars the panel draws. Pure functions over the counts, so that every rule (docs/measures.md, "In
// words") is unit-tested; the pages turn the result into text with the catalogs' templates.
import type { CommunityTally } from '../tallies/read';
import { votesOf, type ClauseMeasures, type ReportedVotes, type WeighedCommunity } from './measures';

/** How one community stands on a clause: more than half of its votes for one stance, or none. */
export type Leaning = 'supports' | 'opposes' | 'neutral' | 'divided';

/** Cross-community agreement, from the weighed communities' leanings. */
export type Agreement = 'strong' | 'broad' | 'mixed' | 'divided' | 'opposed' | 'too-few';

/** How far apart the weighed communities' support shares are (the divergence, in words). */
export type Spread = 'close' | 'apart' | 'far-apart' | 'too-few';

/**
 * A community is described in words only with at least this many votes, whatever the minimum
 * community size: one or two people's stances never make a community "opposed" (a committee may
 * set the minimum size as low as 1).
 */
export const MIN_VOTES_FOR_WORDS = 3;

/** Strong support: every community described supports the clause with at least this share. */
export const STRONG_SHARE = 2 / 3;

/** Divergence below this reads "close"; from it up to FAR_APART "apart"; from FAR_APART "far apart". */
export const CLOSE_BELOW = 0.2;
export const FAR_APART = 0.4;

const LEANING_ORDER: Leaning[] = ['supports', 'opposes', 'divided', 'neutral'];

/** More than half of the votes decide; otherwise the community is divided. Null without votes. */
export function leaningOf(c: { support: number; oppose: number; neutral: number }): Leaning | null {
	const votes = votesOf(c);
	if (votes === 0) return null;
	if (c.support * 2 > votes) return 'supports';
	if (c.oppose * 2 > votes) return 'opposes';
	if (c.neutral * 2 > votes) return 'neutral';
	return 'divided';
}

/** The weighed communities large enough to be put into words, largest first. */
export function describable(weighed: WeighedCommunity[]): WeighedCommunity[] {
	return weighed
		.filter((c) => c.votes >= MIN_VOTES_FOR_WORDS)
		.sort((a, b) => b.participants - a.participants || b.votes - a.votes || (a.community < b.community ? -1 : a.community > b.community ? 1 : 0));
}

/**
 * The agreement word. With fewer than two describable communities, "too few voices". Otherwise,
 * with S communities that support, O that oppose, out of k:
 * strong = all k support, each with ≥ 2/3 of its votes; broad = S ≥ 2k/3 and O = 0;
 * opposed = O ≥ 2k/3 and S = 0; divided = S ≥ 1 and O ≥ 1; mixed = anything else.
 */
export function agreementOf(weighed: WeighedCommunity[]): Agreement {
	const list = describable(weighed);
	const k = list.length;
	if (k < 2) return 'too-few';
	const leanings = list.map(leaningOf);
	const s = leanings.filter((l) => l === 'supports').length;
	const o = leanings.filter((l) => l === 'opposes').length;
	if (s === k && list.every((c) => c.support / c.votes >= STRONG_SHARE)) return 'strong';
	if (s * 3 >= 2 * k && o === 0) return 'broad';
	if (o * 3 >= 2 * k && s === 0) return 'opposed';
	if (s >= 1 && o >= 1) return 'divided';
	return 'mixed';
}

/** The divergence in words; "too few voices" when it is not given or fewer than two communities can be described. */
export function spreadOf(measures: Pick<ClauseMeasures, 'divergence' | 'weighed'>): Spread {
	if (measures.divergence === null || describable(measures.weighed).length < 2) return 'too-few';
	// Shares are fractions: 0.6 − 0.2 is 0.39999999999999997 in floating point, and must read as 0.4.
	const d = measures.divergence + 1e-9;
	if (d < CLOSE_BELOW) return 'close';
	if (d < FAR_APART) return 'apart';
	return 'far-apart';
}

/** The plain-language sentence of a clause, as data: the page renders it with the catalog's templates. */
export type Sentence =
	/** Nobody took a stance; `commented` people only commented. */
	| { kind: 'no-votes'; commented: number }
	/** Stances, but no community large enough to describe: `votes` people gave a view. */
	| { kind: 'too-few'; votes: number }
	/** One community large enough: how it leans, with its counts. */
	| { kind: 'one'; community: string; leaning: Leaning; support: number; oppose: number; neutral: number; votes: number }
	/**
	 * Two or more: the leaning of more than half of them (`all` when every one), or none; then
	 * the communities that lean otherwise, grouped by leaning (supports, opposes, divided, neutral).
	 */
	| {
			kind: 'many';
			head: { scope: 'all' | 'most'; leaning: Leaning } | { scope: 'none' };
			others: { leaning: Leaning; communities: string[] }[];
	  };

export function sentenceOf(measures: Pick<ClauseMeasures, 'pooled' | 'weighed'>, commented = 0): Sentence {
	if (measures.pooled.votes === 0) return { kind: 'no-votes', commented };
	const list = describable(measures.weighed);
	if (list.length === 0) return { kind: 'too-few', votes: measures.pooled.votes };
	if (list.length === 1) {
		const c = list[0];
		return { kind: 'one', community: c.community, leaning: leaningOf(c)!, support: c.support, oppose: c.oppose, neutral: c.neutral, votes: c.votes };
	}
	const groups = new Map<Leaning, string[]>();
	for (const c of list) {
		const l = leaningOf(c)!;
		groups.set(l, [...(groups.get(l) ?? []), c.community]);
	}
	const majority = LEANING_ORDER.find((l) => (groups.get(l)?.length ?? 0) * 2 > list.length);
	const head = majority ? { scope: groups.get(majority)!.length === list.length ? ('all' as const) : ('most' as const), leaning: majority } : { scope: 'none' as const };
	const others = LEANING_ORDER.filter((l) => l !== majority && groups.has(l)).map((l) => ({ leaning: l, communities: groups.get(l)! }));
	return { kind: 'many', head, others };
}

/** One stacked bar of the panel: counts, on the panel's shared scale of people. */
export interface VoiceBar {
	support: number;
	oppose: number;
	neutral: number;
	/** support + oppose + neutral: the people the bar stands for (its length on the shared scale). */
	votes: number;
}

export interface VoiceRow {
	/** A language tag. */
	community: string;
	/** On the platform; null when the community has no feedback on the platform (only reported counts). */
	platform: (VoiceBar & { participants: number; comments: number }) | null;
	/** Whether it has fewer participants than the minimum (shown because a liaison reported for it). */
	belowMinimum: boolean;
	/** What the language's liaisons reported off the platform: never added to `platform`. */
	reported: VoiceBar | null;
}

export interface CommunityVoice {
	/** Communities at or above the minimum size, or with reported counts, most participants first. */
	rows: VoiceRow[];
	/** The communities under the minimum size (without reported counts), folded into one row. */
	smaller: (VoiceBar & { communities: number; people: number }) | null;
	/** Every community on the platform together (never the reported counts). */
	total: VoiceBar & { participants: number };
	/** The number of people the longest bar stands for: every bar is drawn on this scale. */
	scale: number;
	minCommunitySize: number;
	sentence: Sentence;
	agreement: Agreement;
	spread: Spread;
}

function bar(c: { support: number; oppose: number; neutral: number }): VoiceBar {
	return { support: c.support, oppose: c.oppose, neutral: c.neutral, votes: votesOf(c) };
}

/**
 * The community-voice panel of one clause: on-platform tallies per community (fewer participants
 * than the minimum: folded into one "smaller communities" row, unless a liaison reported for the
 * language), each language's reported counts beside its own, the sentence and the words.
 */
export function communityVoice(
	onPlatform: CommunityTally[],
	reported: ReportedVotes[],
	measures: Pick<ClauseMeasures, 'pooled' | 'weighed' | 'divergence'>,
	minCommunitySize: number
): CommunityVoice {
	const reportedBy = new Map(reported.filter((r) => votesOf(r) > 0).map((r) => [r.language, r]));
	const rows: VoiceRow[] = [];
	let smaller: CommunityVoice['smaller'] = null;
	const total = { support: 0, oppose: 0, neutral: 0, votes: 0, participants: 0 };
	let commented = 0;
	for (const t of onPlatform) {
		const votes = votesOf(t);
		if (votes === 0 && t.participants === 0 && t.comments === 0) continue;
		total.support += t.support;
		total.oppose += t.oppose;
		total.neutral += t.neutral;
		total.votes += votes;
		total.participants += t.participants;
		if (votes === 0) commented += t.participants;
		const r = reportedBy.get(t.community);
		const below = t.participants < minCommunitySize;
		if (below && !r) {
			smaller ??= { support: 0, oppose: 0, neutral: 0, votes: 0, communities: 0, people: 0 };
			smaller.support += t.support;
			smaller.oppose += t.oppose;
			smaller.neutral += t.neutral;
			smaller.votes += votes;
			smaller.communities += 1;
			smaller.people += t.participants;
			continue;
		}
		rows.push({ community: t.community, platform: { ...bar(t), participants: t.participants, comments: t.comments }, belowMinimum: below, reported: r ? bar(r) : null });
		reportedBy.delete(t.community);
	}
	for (const r of reportedBy.values()) rows.push({ community: r.language, platform: null, belowMinimum: true, reported: bar(r) });
	const size = (row: VoiceRow) => row.platform?.participants ?? 0;
	rows.sort((a, b) => size(b) - size(a) || (b.reported?.votes ?? 0) - (a.reported?.votes ?? 0) || (a.community < b.community ? -1 : 1));
	const scale = Math.max(0, smaller?.votes ?? 0, ...rows.flatMap((row) => [row.platform?.votes ?? 0, row.reported?.votes ?? 0]));
	return {
		rows,
		smaller,
		total,
		scale,
		minCommunitySize,
		sentence: sentenceOf(measures, commented),
		agreement: agreementOf(measures.weighed),
		spread: spreadOf(measures)
	};
}
