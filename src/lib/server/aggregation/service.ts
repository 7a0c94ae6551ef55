// A version's results per clause × language community: the on-platform tallies, the liaison-reported
// counts (kept apart), the cross-community measures and the composition of the feedback. Computed
// from what tallies/read.ts reads of the precomputed clause_tallies (never by counting stances), so
// the committee dashboard stays fast however many people take part, and from the published
// summaries' counts (summaries/published.ts). What every number means is in docs/measures.md.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, clauseTranslations, comments, consultations, stances, type Consultation, type DraftVersion } from '../db/schema';
import { affiliationTallies, talliesByCommunity, versionTallies, type CommunityTally, type Tally } from '../tallies/read';
import { reportedCounts } from '../summaries/published';
import { byConsensus, byContested, clauseMeasures, votesOf, type ClauseMeasures, type ReportedVotes } from './measures';
import { communityVoice, type CommunityVoice } from './words';

export interface ClauseResult {
	revisionId: number;
	key: string;
	label: string;
	heading: string;
	/** The language of `heading` (a translation when one exists in the requested language). */
	headingLanguage: string;
	position: number;
	/** On-platform tallies per community, in the version's community order (one community under a community filter). */
	communities: CommunityTally[];
	/** The sum of `communities`. */
	totals: Tally;
	/** Liaison-reported counts per language, summed over the version's published summaries (one language under a community filter). */
	reported: ReportedVotes[];
	/** Over every community (under the affiliation filter), whatever the community filter. */
	measures: ClauseMeasures;
}

export interface CompositionRow extends Tally {
	/** A community's language tag, or an affiliation ('' when none was declared). */
	group: string;
	/** support + oppose + neutral. */
	stances: number;
}

export interface VersionResults {
	minCommunitySize: number;
	/** The consultation's setting. */
	includeReportedSetting: boolean;
	/** Whether liaison-reported counts entered the measures shown: the setting, unless an affiliation filter is on (reported counts carry no affiliation). */
	includeReported: boolean;
	/** The dashboard's filters: one language community (its tag), one affiliation. */
	filters: { community: string | null; affiliation: string | null };
	/** Every community with on-platform feedback on the version (under the affiliation filter), most participations first. */
	communities: string[];
	/** In draft order. */
	clauses: ClauseResult[];
	/** Clauses with cross-community measures, most contested first. */
	contested: ClauseResult[];
	/** Clauses with cross-community measures, strongest consensus first. */
	consensus: ClauseResult[];
	composition: {
		/** Per community, summed over the clauses (under the affiliation filter; one row under a community filter). */
		byCommunity: CompositionRow[];
		/** Per affiliation, summed over the clauses and communities (one community under a community filter). */
		byAffiliation: CompositionRow[];
		totals: CompositionRow;
	};
}

export const SORTS = ['position', 'contested', 'consensus', 'balanced', 'pooled', 'participants'] as const;
export type ClauseSort = (typeof SORTS)[number];

const ZERO: Tally = { support: 0, oppose: 0, neutral: 0, comments: 0, participants: 0 };

function add(into: Tally, from: Tally): void {
	into.support += from.support;
	into.oppose += from.oppose;
	into.neutral += from.neutral;
	into.comments += from.comments;
	into.participants += from.participants;
}

function compositionRow(group: string, t: Tally): CompositionRow {
	return { group, ...t, stances: votesOf(t) };
}

/** The clauses of a version in draft order, each heading in `language` when translated into it. */
export function versionClauseHeadings(db: Queryable, versionId: number, sourceLanguage: string, language: string = sourceLanguage) {
	return db
		.select({
			revisionId: clauseRevisions.id,
			key: clauses.key,
			label: clauseRevisions.label,
			heading: sql<string>`coalesce(${clauseTranslations.heading}, ${clauseRevisions.heading})`,
			headingLanguage: sql<string>`case when ${clauseTranslations.id} is null then ${sourceLanguage} else ${language} end`,
			position: clauseRevisions.position
		})
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.leftJoin(
			clauseTranslations,
			and(eq(clauseTranslations.revisionId, clauseRevisions.id), eq(clauseTranslations.language, language))
		)
		.where(eq(clauseRevisions.versionId, versionId))
		.orderBy(asc(clauseRevisions.position))
		.all();
}

/**
 * Everything the dashboard, the results page and the API show for one version. Two grouped
 * queries over clause_tallies (per clause × community, and per affiliation), one over the
 * published liaison summaries' entries, one for the headings.
 */
export function versionResults(
	db: Queryable,
	consultation: Pick<Consultation, 'sourceLanguage' | 'minCommunitySize' | 'measuresIncludeLiaisonCounts'>,
	version: Pick<DraftVersion, 'id'>,
	options: { community?: string | null; affiliation?: string | null; headingLanguage?: string } = {}
): VersionResults {
	const community = options.community ?? null;
	const affiliation = options.affiliation ?? null;
	const rows = versionClauseHeadings(db, version.id, consultation.sourceLanguage, options.headingLanguage);
	const revisionIds = rows.map((r) => r.revisionId);
	const tallies = versionTallies(db, version.id, revisionIds, affiliation);
	const reported = reportedCounts(db, version.id);
	const includeReported = consultation.measuresIncludeLiaisonCounts && affiliation === null;

	// The version's communities, most participations first: every clause's chart uses this order.
	const byCommunity = new Map<string, Tally>();
	for (const list of tallies.values()) {
		for (const t of list) {
			const row = byCommunity.get(t.community) ?? { ...ZERO };
			add(row, t);
			byCommunity.set(t.community, row);
		}
	}
	const communities = [...byCommunity.entries()]
		.sort(([a, x], [b, y]) => y.participants - x.participants || votesOf(y) - votesOf(x) || (a < b ? -1 : a > b ? 1 : 0))
		.map(([community]) => community);
	const order = new Map(communities.map((c, i) => [c, i]));

	const results: ClauseResult[] = rows.map((row) => {
		const all = tallies.get(row.revisionId) ?? [];
		const reportedHere = reported.get(row.revisionId) ?? [];
		const shown = (community === null ? all : all.filter((t) => t.community === community)).sort(
			(a, b) => order.get(a.community)! - order.get(b.community)!
		);
		const totals = { ...ZERO };
		for (const t of shown) add(totals, t);
		return {
			...row,
			communities: shown,
			totals,
			reported: community === null ? reportedHere : reportedHere.filter((r) => r.language === community),
			measures: clauseMeasures(all, reportedHere, { minCommunitySize: consultation.minCommunitySize, includeReported })
		};
	});
	const ranked = results.filter((r) => r.measures.divergence !== null);


	const communityRows = communities
		.filter((c) => community === null || c === community)
		.map((c) => compositionRow(c, byCommunity.get(c)!));
	const totals = { ...ZERO };
	for (const r of communityRows) add(totals, r);
	const byAffiliation = affiliationComposition(db, version.id, community, affiliation);

	return {
		minCommunitySize: consultation.minCommunitySize,
		includeReportedSetting: consultation.measuresIncludeLiaisonCounts,
		includeReported,
		filters: { community, affiliation },
		communities,
		clauses: results,
		contested: [...ranked].sort(byContested),
		consensus: [...ranked].sort(byConsensus),
		composition: { byCommunity: communityRows, byAffiliation, totals: compositionRow('', totals) }
	};
}

/**
 * The community-voice panel of one clause revision (the clause page): its tallies per community,
 * the liaison-reported counts of the version's published summaries, and the measures as the
 * consultation's settings say (the same as on the results page).
 */
export function clauseVoice(
	db: Queryable,
	consultation: Pick<Consultation, 'minCommunitySize' | 'measuresIncludeLiaisonCounts'>,
	versionId: number,
	revisionId: number
): CommunityVoice {
	const tallies = (talliesByCommunity(db, [revisionId]).get(revisionId) ?? []).filter((t) => votesOf(t) > 0 || t.comments > 0 || t.participants > 0);
	const reported = reportedCounts(db, versionId).get(revisionId) ?? [];
	const measures = clauseMeasures(tallies, reported, { minCommunitySize: consultation.minCommunitySize, includeReported: consultation.measuresIncludeLiaisonCounts });
	return communityVoice(tallies, reported, measures, consultation.minCommunitySize);
}

/** Feedback per affiliation over a version's tallies (for one community and/or one affiliation when given). */
function affiliationComposition(db: Queryable, versionId: number, community: string | null, affiliation: string | null): CompositionRow[] {
	return affiliationTallies(db, versionId, community, affiliation)
		.map(({ affiliation: group, ...t }) => compositionRow(group, t))
		.sort((a, b) => b.participants - a.participants || (a.group < b.group ? -1 : 1));
}

/** The clauses in the order a list or the grid asks for; clauses without the measure come last, in draft order. */
export function sortClauses(list: ClauseResult[], sort: ClauseSort): ClauseResult[] {
	const desc = (value: (c: ClauseResult) => number | null) => (a: ClauseResult, b: ClauseResult) =>
		(value(b) ?? -Infinity) - (value(a) ?? -Infinity) || a.position - b.position;
	const compare: Record<ClauseSort, (a: ClauseResult, b: ClauseResult) => number> = {
		position: (a, b) => a.position - b.position,
		contested: byContested,
		consensus: byConsensus,
		balanced: desc((c) => c.measures.balanced),
		pooled: desc((c) => c.measures.pooled.share),
		participants: desc((c) => c.totals.participants)
	};
	return [...list].sort(compare[sort]);
}

/** How many clauses one page of the grid shows: about `budget` bars, at least one clause and at most GRID_MAX_CLAUSES. */
export function gridPageSize(communityCount: number, clauseCount: number, budget = GRID_BARS_PER_PAGE): number {
	const fit = Math.floor(budget / Math.max(1, communityCount));
	return Math.max(1, Math.min(Math.max(clauseCount, 1), GRID_MAX_CLAUSES, fit));
}

/**
 * The grid draws one bar per community and clause: with many languages a page would grow past
 * what a browser (or the dashboard's time budget) handles well, so the grid is paged by clause.
 * A draft of a dozen clauses in eight languages fits on one page; with 150 languages, one clause
 * is a page.
 */
export const GRID_BARS_PER_PAGE = 160;
export const GRID_MAX_CLAUSES = 25;

export interface PeopleComposition {
	/** Distinct people who took a stance or commented on any clause of the version. */
	total: number;
	/** Distinct people per community, and per affiliation ('' when none declared). */
	byCommunity: { group: string; people: number }[];
	byAffiliation: { group: string; people: number }[];
}

/**
 * Distinct people per community and per affiliation over a whole version (the tallies count a
 * person once per clause). Someone counts in the community and affiliation recorded with their
 * contributions; a person whose community or affiliation changed during the version counts in
 * each group they were in, but once in `total`. A deleted account's contributions still count as
 * one person (they share a random `former_participant` key). One query over the version's stances and comments (by their revision indexes): it
 * reads every contribution, so only the public results page, not the dashboard, runs it.
 */
export function versionPeople(db: Queryable, versionId: number): PeopleComposition {
	const revisionIds = sql`(select ${clauseRevisions.id} from ${clauseRevisions} where ${clauseRevisions.versionId} = ${versionId})`;
	const rows = db.all<{ community: string | null; affiliation: string | null; people: number }>(sql`
		with people as materialized (
			select coalesce('u' || ${stances.userId}, ${stances.formerParticipant}, 's' || ${stances.id}) as person, ${stances.community} as community, ${stances.affiliation} as affiliation
			from ${stances} where ${stances.revisionId} in ${revisionIds}
			union
			select coalesce('u' || ${comments.authorId}, ${comments.formerParticipant}, 'c' || ${comments.id}), ${comments.community}, ${comments.affiliation}
			from ${comments} where ${comments.revisionId} in ${revisionIds}
		)
		select community, null as affiliation, count(distinct person) as people from people group by community
		union all
		select null, affiliation, count(distinct person) from people group by affiliation
		union all
		select null, null, count(distinct person) from people`);
	const out: PeopleComposition = { total: 0, byCommunity: [], byAffiliation: [] };
	for (const r of rows) {
		if (r.community !== null) out.byCommunity.push({ group: r.community, people: r.people });
		else if (r.affiliation !== null) out.byAffiliation.push({ group: r.affiliation, people: r.people });
		else out.total = r.people;
	}
	const order = (a: { group: string; people: number }, b: { group: string; people: number }) =>
		b.people - a.people || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
	out.byCommunity.sort(order);
	out.byAffiliation.sort(order);
	return out;
}

interface CachedPeople {
	fingerprint: string;
	at: number;
	/** How long counting took (ms): the slower it is, the less often it is redone. */
	took: number;
	value: PeopleComposition;
}
const peopleCache = new WeakMap<object, Map<number, CachedPeople>>();
/** Counting that takes longer than this is redone at most once per REFRESH_FACTOR × its duration. */
const SLOW_COUNT_MS = 50;
const REFRESH_FACTOR = 100;

/**
 * versionPeople(), remembered per version while the version's tallies stay the same (the
 * fingerprint: its participations per community and affiliation). When they change, the count is
 * redone, except that a slow count (a version with a million stances takes about half a second)
 * is redone at most once per 100 × its duration — about once a minute — so that a busy
 * consultation's results page does not recount on every view. `stale` says when that happened.
 */
export function cachedVersionPeople(
	db: Queryable,
	versionId: number,
	fingerprint: string,
	now = Date.now()
): PeopleComposition & { countedAt: number; stale: boolean } {
	let byVersion = peopleCache.get(db);
	if (!byVersion) peopleCache.set(db, (byVersion = new Map<number, CachedPeople>()));
	const hit = byVersion.get(versionId);
	if (hit && (hit.fingerprint === fingerprint || (hit.took > SLOW_COUNT_MS && now - hit.at < hit.took * REFRESH_FACTOR))) {
		return { ...hit.value, countedAt: hit.at, stale: hit.fingerprint !== fingerprint };
	}
	const started = performance.now();
	const value = versionPeople(db, versionId);
	byVersion.set(versionId, { fingerprint, at: now, took: performance.now() - started, value });
	return { ...value, countedAt: now, stale: false };
}

/** What changes whenever the set of people who took part in a version may have changed. */
export function participationFingerprint(r: VersionResults): string {
	const { byCommunity, byAffiliation, totals } = r.composition;
	return [
		totals.participants,
		totals.comments,
		byCommunity.map((c) => `${c.group}=${c.participants}`).join(','),
		byAffiliation.map((a) => `${a.group}=${a.participants}`).join(',')
	].join('|');
}

/** The committee's choices for the measures of a consultation. */
export function updateMeasureSettings(
	db: Queryable,
	consultationId: number,
	input: { minCommunitySize: number; includeLiaisonCounts: boolean }
): void {
	db.update(consultations)
		.set({ minCommunitySize: input.minCommunitySize, measuresIncludeLiaisonCounts: input.includeLiaisonCounts })
		.where(eq(consultations.id, consultationId))
		.run();
}
