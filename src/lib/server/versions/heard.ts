// "What we heard, what changed": for each clause of a version, the feedback its previous wording
// received (per language community), the committee's responses, and the change that resulted.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, comments, draftVersions, stances, users, type DraftVersion } from '../db/schema';
import { compareVersions, type ClauseChange } from './diff';
import { responsesForRevision, responseShare, type ResponseShare, type ResponseView } from '../responses/service';

export interface LanguageTally {
	language: string;
	support: number;
	oppose: number;
	neutral: number;
	comments: number;
}

export interface HeardClause {
	change: ClauseChange;
	/** Feedback on the previous version's wording, one row per language community. */
	tallies: LanguageTally[];
	clauseResponse: ResponseView | null;
	commentResponses: { comment: { language: string; excerpt: string; author: string | null }; response: ResponseView }[];
}

export interface WhatWeHeard {
	previous: DraftVersion;
	clauses: HeardClause[];
	share: ResponseShare[];
}

const EXCERPT_CHARS = 240;

/**
 * Stances count in the participant's home language community (the first of their languages; the
 * stance's own language once the account is gone); comments in the language they are written in.
 */
export function tallyByLanguage(db: Queryable, revisionIds: number[]): Map<number, LanguageTally[]> {
	const out = new Map<number, Map<string, LanguageTally>>();
	const row = (revisionId: number, language: string) => {
		const byLanguage = out.get(revisionId) ?? new Map<string, LanguageTally>();
		out.set(revisionId, byLanguage);
		const tally = byLanguage.get(language) ?? { language, support: 0, oppose: 0, neutral: 0, comments: 0 };
		byLanguage.set(language, tally);
		return tally;
	};
	if (revisionIds.length > 0) {
		const community = sql<string>`coalesce(json_extract(${users.languages}, '$[0]'), ${stances.language})`;
		for (const s of db
			.select({ revisionId: stances.revisionId, language: community, stance: stances.stance, n: sql<number>`count(*)` })
			.from(stances)
			.leftJoin(users, eq(users.id, stances.userId))
			.where(inArray(stances.revisionId, revisionIds))
			.groupBy(stances.revisionId, community, stances.stance)
			.all()) {
			row(s.revisionId, s.language)[s.stance] += s.n;
		}
		for (const c of db
			.select({ revisionId: comments.revisionId, language: comments.language, n: sql<number>`count(*)` })
			.from(comments)
			.where(inArray(comments.revisionId, revisionIds))
			.groupBy(comments.revisionId, comments.language)
			.all()) {
			row(c.revisionId, c.language).comments += c.n;
		}
	}
	const sorted = new Map<number, LanguageTally[]>();
	for (const [revisionId, byLanguage] of out) {
		const total = (t: LanguageTally) => t.support + t.oppose + t.neutral + t.comments;
		sorted.set(revisionId, [...byLanguage.values()].sort((a, b) => total(b) - total(a) || a.language.localeCompare(b.language)));
	}
	return sorted;
}

/** The published version before `version`, if any. */
export function previousPublished(db: Queryable, version: DraftVersion): DraftVersion | undefined {
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, version.consultationId), eq(draftVersions.status, 'published'), lt(draftVersions.number, version.number)))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
}

export function whatWeHeard(db: Queryable, version: DraftVersion, sourceLanguage: string): WhatWeHeard | null {
	const previous = previousPublished(db, version);
	if (!previous) return null;
	const comparison = compareVersions(db, previous.id, version.id, sourceLanguage);
	const previousRevisions = new Map(
		db
			.select({ key: clauses.key, id: clauseRevisions.id })
			.from(clauseRevisions)
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(eq(clauseRevisions.versionId, previous.id))
			.all()
			.map((r) => [r.key, r.id])
	);
	const revisionIds = [...previousRevisions.values()];
	const tallies = tallyByLanguage(db, revisionIds);

	const heard = comparison.entries.map((change): HeardClause => {
		const revisionId = previousRevisions.get(change.key);
		if (revisionId === undefined) return { change, tallies: [], clauseResponse: null, commentResponses: [] };
		const responses = responsesForRevision(db, revisionId);
		const answered = [...responses.byComment.keys()];
		const answeredComments = answered.length
			? db
					.select({ id: comments.id, language: comments.language, body: comments.body, author: users.displayName })
					.from(comments)
					.leftJoin(users, eq(users.id, comments.authorId))
					.where(inArray(comments.id, answered))
					.all()
			: [];
		return {
			change,
			tallies: tallies.get(revisionId) ?? [],
			clauseResponse: responses.clause,
			commentResponses: answeredComments.map((c) => ({
				comment: {
					language: c.language,
					excerpt: c.body.length > EXCERPT_CHARS ? `${c.body.slice(0, EXCERPT_CHARS)}…` : c.body,
					author: c.author
				},
				response: responses.byComment.get(c.id)!
			}))
		};
	});
	return { previous, clauses: heard, share: responseShare(db, revisionIds) };
}
