// Continuity across versions: a version just published has no feedback yet, and opening the results
// on it showed zeros everywhere while the previous version had dozens of views per clause. The
// results open on the newest published version that has feedback; the consultation page keeps the
// current wording and shows, beside each clause, the feedback its previous wording received.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, draftVersions, type DraftVersion } from '../db/schema';
import { feedbackCounts, latestVersionIdWithFeedback, type FeedbackCounts } from '../tallies/read';

/**
 * The newest published version on whose clauses anyone took a stance or commented; the current
 * version when none has feedback yet (or none is published: undefined).
 */
export function latestVersionWithFeedback(db: Queryable, consultationId: number): DraftVersion | undefined {
	const withFeedback = latestVersionIdWithFeedback(db, consultationId);
	if (withFeedback !== undefined) return db.select().from(draftVersions).where(eq(draftVersions.id, withFeedback)).get();
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'published')))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
}

export interface PreviousFeedback {
	versionNumber: number;
	revisionId: number;
	counts: FeedbackCounts;
}

/**
 * For each clause of a version (by its key, stable along the lineage), the feedback on its revision in the previous published
 * version, through the clause lineage — only where that revision had any. Clauses new in this version
 * have none.
 */
export function previousFeedbackByClause(db: Queryable, version: Pick<DraftVersion, 'consultationId' | 'number'>): Map<string, PreviousFeedback> {
	const previous = db
		.select({ id: draftVersions.id, number: draftVersions.number })
		.from(draftVersions)
		.where(
			and(
				eq(draftVersions.consultationId, version.consultationId),
				eq(draftVersions.status, 'published'),
				lt(draftVersions.number, version.number)
			)
		)
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
	const out = new Map<string, PreviousFeedback>();
	if (!previous) return out;
	const revisions = db
		.select({ id: clauseRevisions.id, key: clauses.key })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(clauseRevisions.versionId, previous.id))
		.all();
	const counts = feedbackCounts(
		db,
		revisions.map((r) => r.id)
	);
	for (const r of revisions) {
		const c = counts.get(r.id);
		if (c && c.support + c.oppose + c.neutral + c.comments > 0) {
			out.set(r.key, { versionNumber: previous.number, revisionId: r.id, counts: c });
		}
	}
	return out;
}
