// "What we heard, what changed": for each clause of a version, the feedback its previous wording
// received (per language community), the committee's responses, and the change that resulted.
import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import { clauseRevisions, clauses, comments, draftVersions, users, type DraftVersion } from '../db/schema';
import { compareVersions, type ClauseChange } from './diff';
import { talliesByCommunity } from '../tallies/read';
import { responsesForRevision, responseShare, type ResponseShare, type ResponseView } from '../responses/service';
import { PUBLIC_READER, commentIsShown, commentVisibleTo, type Reader } from '../privacy/visibility';
import { versionPeople } from '../aggregation/service';
import { liaisonSummariesByLanguage } from '../summaries/published';
import { summaryResponsesFor } from '../responses/summaries';

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
	/** Responses to the comments the reader may read (committee-only ones: the committee and their author). */
	commentResponses: {
		comment: { language: string; excerpt: string; author: PersonView | null; committeeOnly: boolean };
		response: ResponseView;
	}[];
}

/** A liaison's published summary of the previous version, with the committee's answer to it. */
export interface HeardSummary {
	id: number;
	/** The language community it speaks for. */
	language: string;
	author: PersonView | null;
	/** People the liaison reports reaching, over their channels. */
	participants: number;
	response: ResponseView | null;
}

/** The page's opening sentences: counts with their denominators. */
export interface HeardOverview {
	/** Distinct people who took a stance or commented on the previous version. */
	people: number;
	/** The language communities they came from (their home language). */
	communities: number;
	/** Top-level comments on the previous version, and how many of them the committee answered. */
	comments: number;
	commentsAnswered: number;
	/** Clauses of the previous version that received feedback, and how many got an answer as a whole. */
	clausesWithFeedback: number;
	clausesAnswered: number;
	summaries: number;
	summariesAnswered: number;
}

export interface WhatWeHeard {
	previous: DraftVersion;
	overview: HeardOverview;
	clauses: HeardClause[];
	share: ResponseShare[];
	summaries: HeardSummary[];
}

const EXCERPT_CHARS = 240;

/**
 * Per revision and language community, from the tallies (tallies/service.ts): a participant counts
 * in their home language community, as on the dashboard and the results page, committee-only
 * feedback included and the accounts deleted since too.
 */
export function tallyByLanguage(db: Queryable, revisionIds: number[]): Map<number, LanguageTally[]> {
	const out = new Map<number, Map<string, LanguageTally>>();
	for (const [revisionId, tallies] of talliesByCommunity(db, revisionIds)) {
		const byLanguage = new Map<string, LanguageTally>();
		for (const { community, support, oppose, neutral, comments } of tallies) {
			if (support + oppose + neutral + comments > 0) byLanguage.set(community, { language: community, support, oppose, neutral, comments });
		}
		if (byLanguage.size > 0) out.set(revisionId, byLanguage);
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

export function whatWeHeard(
	db: Queryable,
	version: DraftVersion,
	sourceLanguage: string,
	reader: Reader = PUBLIC_READER
): WhatWeHeard | null {
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
		const responses = responsesForRevision(db, revisionId, reader);
		const answered = [...responses.byComment.keys()];
		const answeredComments = answered.length
			? db
					.select({
						id: comments.id,
						language: comments.language,
						body: comments.body,
						...personColumns(users, consultationOfRevision(revisionId)),
						committeeOnly: comments.committeeOnly
					})
					.from(comments)
					.leftJoin(users, eq(users.id, comments.authorId))
					// Hidden, pending and deleted comments are not quoted (moderation: their text is not for readers).
					.where(and(inArray(comments.id, answered), commentVisibleTo(reader), commentIsShown(), isNull(comments.deletedAt)))
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
					author: personOf(c),
					committeeOnly: c.committeeOnly
				},
				response: responses.byComment.get(c.id)!
			}))
		};
	});
	const summaries = liaisonSummariesByLanguage(db, previous.id).flatMap((group) =>
		group.summaries.map((s) => ({ id: s.id, language: group.language, author: s.author, participants: s.headCount }))
	);
	const answers = summaryResponsesFor(db, summaries.map((s) => s.id));
	const share = responseShare(db, revisionIds);
	const people = versionPeople(db, previous.id);
	const withFeedback = heard.filter((c) => c.tallies.length > 0);
	return {
		previous,
		overview: {
			people: people.total,
			communities: people.byCommunity.filter((c) => c.people > 0).length,
			comments: share.reduce((sum, r) => sum + r.total, 0),
			commentsAnswered: share.reduce((sum, r) => sum + r.responded, 0),
			clausesWithFeedback: withFeedback.length,
			clausesAnswered: withFeedback.filter((c) => c.clauseResponse !== null).length,
			summaries: summaries.length,
			summariesAnswered: summaries.filter((s) => answers.has(s.id)).length
		},
		clauses: heard,
		share,
		summaries: summaries.map((s) => ({ ...s, response: answers.get(s.id) ?? null }))
	};
}
