// The drafting committee's answer to a liaison summary: what it heard from that language community
// (on and off the platform) and what it did about it. One per published summary; recording again
// replaces it. Public once given, like the summary it answers.
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { personColumns } from '../people/badges';
import { draftVersions, liaisonSummaries, summaryResponses, users, type ResponseStatus, type SummaryResponse } from '../db/schema';
import { actedInVersionIdOf, cleanExplanation, ResponseError, responseView, type ResponseView } from './service';

export interface RecordSummaryResponseInput {
	summaryId: number;
	consultationId: number;
	status: ResponseStatus;
	/** Markdown. */
	explanation: string;
	/** The number (not the id) of a version of the same consultation. */
	actedInVersion?: number | null;
	authorId: number;
	now?: number;
}

/** Records the committee's response to a published summary of this consultation, replacing an earlier one. */
export function recordSummaryResponse(db: Queryable, input: RecordSummaryResponseInput): SummaryResponse {
	const explanation = cleanExplanation(input.explanation);
	const now = input.now ?? Date.now();
	return db.transaction(
		(tx) => {
			const summary = tx
				.select({ status: liaisonSummaries.status })
				.from(liaisonSummaries)
				.where(and(eq(liaisonSummaries.id, input.summaryId), eq(liaisonSummaries.consultationId, input.consultationId)))
				.get();
			// A draft is the liaison's work in progress: there is nothing public to answer yet.
			if (!summary || summary.status !== 'published') throw new ResponseError('errors.responseTarget');
			const actedInVersionId = actedInVersionIdOf(tx, input.consultationId, input.actedInVersion);
			const values = { status: input.status, explanation, actedInVersionId, authorId: input.authorId, updatedAt: now };
			return tx
				.insert(summaryResponses)
				.values({ ...values, summaryId: input.summaryId, createdAt: now })
				.onConflictDoUpdate({ target: summaryResponses.summaryId, set: values })
				.returning()
				.get();
		},
		{ behavior: 'immediate' }
	);
}

/** The committee's responses to these summaries, by summary id (summaries without one are absent). */
export function summaryResponsesFor(db: Queryable, summaryIds: number[]): Map<number, ResponseView> {
	const out = new Map<number, ResponseView>();
	if (summaryIds.length === 0) return out;
	const rows = db
		.select({
			summaryId: summaryResponses.summaryId,
			id: summaryResponses.id,
			status: summaryResponses.status,
			explanation: summaryResponses.explanation,
			actedInVersion: draftVersions.number,
			...personColumns(users, liaisonSummaries.consultationId),
			updatedAt: summaryResponses.updatedAt
		})
		.from(summaryResponses)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryResponses.summaryId))
		.leftJoin(users, eq(users.id, summaryResponses.authorId))
		.leftJoin(draftVersions, eq(draftVersions.id, summaryResponses.actedInVersionId))
		.where(inArray(summaryResponses.summaryId, summaryIds))
		.all();
	for (const { summaryId, ...row } of rows) out.set(summaryId, responseView(row));
	return out;
}
