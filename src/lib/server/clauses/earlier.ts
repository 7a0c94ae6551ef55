// Feedback stays on the revision it was given on; the current clause page shows the feedback given
// on the clause's earlier revisions after its own, labelled with their version.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, draftVersions, stances, type StanceValue } from '../db/schema';
import { feedbackCounts, NO_FEEDBACK, talliesByCommunity, type CommunityTally, type FeedbackCounts } from '../tallies/read';
import { listComments, type CommentView } from '../comments/service';
import { PUBLIC_READER, type Reader } from '../privacy/visibility';

export const EARLIER_COMMENTS_SHOWN = 3;

export interface EarlierFeedback {
	versionNumber: number;
	revisionId: number;
	label: string;
	counts: FeedbackCounts;
	/** The newest few top-level comments, with their replies; the rest are on that version's page. */
	comments: CommentView[];
}

function earlierRevisions(db: Queryable, clauseId: number, beforeVersion: number) {
	return db
		.select({ revisionId: clauseRevisions.id, label: clauseRevisions.label, versionNumber: draftVersions.number })
		.from(clauseRevisions)
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(
			and(
				eq(clauseRevisions.clauseId, clauseId),
				eq(draftVersions.status, 'published'),
				lt(draftVersions.number, beforeVersion)
			)
		)
		.orderBy(desc(draftVersions.number))
		.all();
}

/**
 * Earlier published revisions of a clause, newest first, each with its feedback: the counts include
 * committee-only feedback, the comments only those the reader may read.
 */
export function earlierFeedback(
	db: Queryable,
	clauseId: number,
	beforeVersion: number,
	reader: Reader = PUBLIC_READER
): EarlierFeedback[] {
	const revisions = earlierRevisions(db, clauseId, beforeVersion);
	const counts = feedbackCounts(
		db,
		revisions.map((r) => r.revisionId)
	);
	return revisions
		.map((r) => ({
			...r,
			counts: counts.get(r.revisionId) ?? { ...NO_FEEDBACK },
			comments: listComments(db, r.revisionId, { order: 'newest', language: null, page: 1, pageSize: EARLIER_COMMENTS_SHOWN, reader }).items
		}))
		.filter((r) => r.counts.support + r.counts.oppose + r.counts.neutral + r.counts.comments > 0);
}

export interface EarlierStance {
	versionNumber: number;
	stance: StanceValue;
	/** What the participant wrote then, to prefill the stance form: restating it is one click. */
	reason: string;
	language: string;
	committeeOnly: boolean;
}

/**
 * The participant's stance on the latest earlier revision they took one on, if any — with their
 * reason, its language and its visibility, so that the form can offer it again as it was.
 */
export function earlierStance(db: Queryable, clauseId: number, userId: number, beforeVersion: number): EarlierStance | null {
	const row = db
		.select({
			versionNumber: draftVersions.number,
			stance: stances.stance,
			reason: stances.reason,
			language: stances.language,
			committeeOnly: stances.committeeOnly
		})
		.from(stances)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, stances.revisionId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(and(eq(clauseRevisions.clauseId, clauseId), eq(stances.userId, userId), lt(draftVersions.number, beforeVersion)))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
	return row ? { ...row, reason: row.reason ?? '' } : null;
}

/**
 * How each language community stood on an earlier revision (people count in their home community,
 * as on the results page), largest first: the "previous wording" summary near the top of the clause
 * page.
 */
export function earlierByCommunity(db: Queryable, revisionId: number): CommunityTally[] {
	const rows = talliesByCommunity(db, [revisionId]).get(revisionId) ?? [];
	return rows
		.filter((r) => r.support + r.oppose + r.neutral + r.comments > 0)
		.sort((a, b) => b.support + b.oppose + b.neutral - (a.support + a.oppose + a.neutral) || a.community.localeCompare(b.community));
}
