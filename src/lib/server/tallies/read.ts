// Every read of clause_tallies. The tallies are kept by service.ts; the pages, the API, the
// digests, the continuity across versions and the measures (aggregation/) read them only through
// these functions, so that what "the counts" are is decided in one place (docs/measures.md).
import { and, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTallies, draftVersions } from '../db/schema';

/** The counts of a tally row, or of several summed. */
export interface Tally {
	support: number;
	oppose: number;
	neutral: number;
	comments: number;
	participants: number;
}

export interface CommunityTally extends Tally {
	community: string;
}

/** Stances and comments on a clause revision: what the clause lists and the API show beside each clause. */
export interface FeedbackCounts {
	support: number;
	oppose: number;
	neutral: number;
	comments: number;
}

export const NO_FEEDBACK: FeedbackCounts = { support: 0, oppose: 0, neutral: 0, comments: 0 };

/** The revisions of a version, as a subquery: a version's tallies are those of its clause revisions. */
const revisionsOf = (versionId: number) =>
	sql`(select ${clauseRevisions.id} from ${clauseRevisions} where ${clauseRevisions.versionId} = ${versionId})`;

/** Stance and comment counts for each of the given clause revisions (zeros for one without feedback). */
export function feedbackCounts(db: Queryable, revisionIds: number[]): Map<number, FeedbackCounts> {
	const out = new Map<number, FeedbackCounts>(revisionIds.map((id) => [id, { ...NO_FEEDBACK }]));
	if (revisionIds.length === 0) return out;
	const rows = db
		.select({
			revisionId: clauseTallies.revisionId,
			support: sql<number>`sum(${clauseTallies.support})`,
			oppose: sql<number>`sum(${clauseTallies.oppose})`,
			neutral: sql<number>`sum(${clauseTallies.neutral})`,
			comments: sql<number>`sum(${clauseTallies.comments})`
		})
		.from(clauseTallies)
		.where(inArray(clauseTallies.revisionId, revisionIds))
		.groupBy(clauseTallies.revisionId)
		.all();
	for (const { revisionId, ...counts } of rows) out.set(revisionId, counts);
	return out;
}

/**
 * The tallies of the given revisions per community (summed over affiliations, or for one
 * affiliation only).
 */
export function talliesByCommunity(
	db: Queryable,
	revisionIds: number[],
	options: { affiliation?: string | null } = {}
): Map<number, CommunityTally[]> {
	const out = new Map<number, CommunityTally[]>(revisionIds.map((id) => [id, []]));
	if (revisionIds.length === 0) return out;
	const conditions = [inArray(clauseTallies.revisionId, revisionIds)];
	if (options.affiliation != null) conditions.push(eq(clauseTallies.affiliation, options.affiliation));
	const rows = db
		.select({
			revisionId: clauseTallies.revisionId,
			community: clauseTallies.community,
			support: sql<number>`sum(${clauseTallies.support})`,
			oppose: sql<number>`sum(${clauseTallies.oppose})`,
			neutral: sql<number>`sum(${clauseTallies.neutral})`,
			comments: sql<number>`sum(${clauseTallies.comments})`,
			participants: sql<number>`sum(${clauseTallies.participants})`
		})
		.from(clauseTallies)
		.where(and(...conditions))
		.groupBy(clauseTallies.revisionId, clauseTallies.community)
		.all();
	for (const { revisionId, ...tally } of rows) out.get(revisionId)!.push(tally);
	return out;
}

/**
 * A whole version's tallies per clause revision and community (summed over affiliations, or for
 * one), as talliesByCommunity() gives them (rows of zeros left out), read as plain rows: with 150
 * languages this is the query the dashboard's time budget is measured against, so it carries no
 * mapping layer.
 */
export function versionTallies(db: Queryable, versionId: number, revisionIds: number[], affiliation: string | null): Map<number, CommunityTally[]> {
	const out = new Map<number, CommunityTally[]>(revisionIds.map((id) => [id, []]));
	const rows = db.values<[number, string, number, number, number, number, number]>(sql`
		select revision_id, community, sum(support), sum(oppose), sum(neutral), sum(comments), sum(participants)
		from ${clauseTallies}
		where revision_id in ${revisionsOf(versionId)}
			${affiliation === null ? sql`` : sql`and affiliation = ${affiliation}`}
		group by revision_id, community`);
	for (const [revisionId, community, support, oppose, neutral, comments, participants] of rows) {
		// A community whose every stance was withdrawn keeps a row of zeros: it has nothing to show.
		if (support || oppose || neutral || comments || participants) out.get(revisionId)?.push({ community, support, oppose, neutral, comments, participants });
	}
	return out;
}

/** A version's tallies per affiliation, summed over its clauses (for one community and/or one affiliation when given). */
export function affiliationTallies(
	db: Queryable,
	versionId: number,
	community: string | null,
	affiliation: string | null
): (Tally & { affiliation: string })[] {
	return db
		.values<[string, number, number, number, number, number]>(
			sql`select affiliation, sum(support), sum(oppose), sum(neutral), sum(comments), sum(participants)
			from ${clauseTallies}
			where revision_id in ${revisionsOf(versionId)}
				${community === null ? sql`` : sql`and community = ${community}`}
				${affiliation === null ? sql`` : sql`and affiliation = ${affiliation}`}
			group by affiliation`
		)
		.map(([affiliation, support, oppose, neutral, comments, participants]) => ({ affiliation, support, oppose, neutral, comments, participants }));
}

/** One community's tallies on the given revisions (summed over affiliations); revisions without any are absent. */
export function communityTallies(db: Queryable, revisionIds: number[], community: string): Map<number, Tally> {
	if (revisionIds.length === 0) return new Map();
	const rows = db
		.select({
			revisionId: clauseTallies.revisionId,
			support: sql<number>`sum(${clauseTallies.support})`,
			oppose: sql<number>`sum(${clauseTallies.oppose})`,
			neutral: sql<number>`sum(${clauseTallies.neutral})`,
			comments: sql<number>`sum(${clauseTallies.comments})`,
			participants: sql<number>`sum(${clauseTallies.participants})`
		})
		.from(clauseTallies)
		.where(and(inArray(clauseTallies.revisionId, revisionIds), eq(clauseTallies.community, community)))
		.groupBy(clauseTallies.revisionId)
		.all();
	return new Map(rows.map(({ revisionId, ...t }) => [revisionId, t]));
}

/** The communities with anything in a version's tallies, with their participations (a person counts once per clause). */
export function communitiesWithFeedback(db: Queryable, versionId: number): { community: string; participants: number }[] {
	return db.all<{ community: string; participants: number }>(sql`
		select community, sum(participants) as participants from ${clauseTallies}
		where revision_id in ${revisionsOf(versionId)}
		group by community having sum(support + oppose + neutral + comments + participants) > 0`);
}

/**
 * What changes whenever the set of people who took part in a version may have changed: its
 * participations and comments per community and affiliation (one grouped read, no scan of the
 * stances themselves).
 */
export function tallyFingerprint(db: Queryable, versionId: number): string {
	const rows = db.values<[string, string, number, number]>(sql`
		select ${clauseTallies.community}, ${clauseTallies.affiliation}, sum(${clauseTallies.participants}), sum(${clauseTallies.comments})
		from ${clauseTallies}
		where ${clauseTallies.revisionId} in ${revisionsOf(versionId)}
		group by 1, 2 order by 1, 2`);
	return 'tallies:' + rows.map((r) => r.join('=')).join(',');
}

/** Something in the tallies: a stance or a comment (the same counts every page shows). */
const hasFeedback = or(gt(clauseTallies.support, 0), gt(clauseTallies.oppose, 0), gt(clauseTallies.neutral, 0), gt(clauseTallies.comments, 0));

/** The id of the newest published version of the consultation on whose clauses anyone took a stance or commented. */
export function latestVersionIdWithFeedback(db: Queryable, consultationId: number): number | undefined {
	return db
		.select({ id: draftVersions.id })
		.from(draftVersions)
		.innerJoin(clauseRevisions, eq(clauseRevisions.versionId, draftVersions.id))
		.innerJoin(clauseTallies, eq(clauseTallies.revisionId, clauseRevisions.id))
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'published'), hasFeedback))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get()?.id;
}
