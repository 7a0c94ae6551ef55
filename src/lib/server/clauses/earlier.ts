// Feedback stays on the revision it was given on; the current clause page shows the feedback given
// on the clause's earlier revisions after its own, labelled with their version.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, draftVersions, stances, type StanceValue } from '../db/schema';
import { feedbackCounts, NO_FEEDBACK, type FeedbackCounts } from '../stances/service';
import { listComments, PUBLIC_VIEWER, type CommentView, type CommentViewer } from '../comments/service';

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
 * committee-only feedback, the comments only those the viewer may read.
 */
export function earlierFeedback(
	db: Queryable,
	clauseId: number,
	beforeVersion: number,
	viewer: CommentViewer = PUBLIC_VIEWER
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
			comments: listComments(db, r.revisionId, { order: 'newest', language: null, page: 1, pageSize: EARLIER_COMMENTS_SHOWN, viewer }).items
		}))
		.filter((r) => r.counts.support + r.counts.oppose + r.counts.neutral + r.counts.comments > 0);
}

/** The participant's stance on the latest earlier revision they took one on, if any. */
export function earlierStance(
	db: Queryable,
	clauseId: number,
	userId: number,
	beforeVersion: number
): { versionNumber: number; stance: StanceValue } | null {
	const row = db
		.select({ versionNumber: draftVersions.number, stance: stances.stance })
		.from(stances)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, stances.revisionId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(and(eq(clauseRevisions.clauseId, clauseId), eq(stances.userId, userId), lt(draftVersions.number, beforeVersion)))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
	return row ?? null;
}
