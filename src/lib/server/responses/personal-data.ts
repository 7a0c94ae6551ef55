// The committee responses a person wrote, to clauses' feedback and comments and to liaison
// summaries as a whole (whoever wrote the summary), in their "download my data".
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { committeeResponses, consultations, draftVersions, liaisonSummaries, summaryResponses } from '../db/schema';
import { iso, placeColumns, withPlace, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const responseRows = withPlace(
		db
			.select({
				...placeColumns,
				commentId: committeeResponses.commentId,
				status: committeeResponses.status,
				explanation: committeeResponses.explanation,
				actedInVersionId: committeeResponses.actedInVersionId,
				createdAt: committeeResponses.createdAt,
				updatedAt: committeeResponses.updatedAt
			})
			.from(committeeResponses)
			.$dynamic(),
		committeeResponses.revisionId
	)
		.where(eq(committeeResponses.authorId, userId))
		.orderBy(asc(committeeResponses.id))
		.all();
	const summaryResponseRows = db
		.select({
			summaryId: summaryResponses.summaryId,
			consultation: consultations.slug,
			version: draftVersions.number,
			language: liaisonSummaries.language,
			status: summaryResponses.status,
			explanation: summaryResponses.explanation,
			actedInVersionId: summaryResponses.actedInVersionId,
			createdAt: summaryResponses.createdAt,
			updatedAt: summaryResponses.updatedAt
		})
		.from(summaryResponses)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryResponses.summaryId))
		.innerJoin(consultations, eq(consultations.id, liaisonSummaries.consultationId))
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.where(eq(summaryResponses.authorId, userId))
		.orderBy(asc(summaryResponses.id))
		.all();
	const actedInIds = [...responseRows, ...summaryResponseRows].flatMap((r) => (r.actedInVersionId === null ? [] : [r.actedInVersionId]));
	const versionNumbers = new Map(
		actedInIds.length > 0
			? db
					.select({ id: draftVersions.id, number: draftVersions.number })
					.from(draftVersions)
					.where(inArray(draftVersions.id, actedInIds))
					.all()
					.map((v) => [v.id, v.number])
			: []
	);
	const actedIn = (id: number | null) => (id === null ? null : (versionNumbers.get(id) ?? null));
	return {
		committeeResponses: responseRows.map(({ actedInVersionId, ...r }) => ({
			...r,
			actedInVersion: actedIn(actedInVersionId),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt)
		})),
		summaryResponses: summaryResponseRows.map(({ actedInVersionId, ...r }) => ({
			...r,
			actedInVersion: actedIn(actedInVersionId),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt)
		}))
	};
}

export const responsesData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [committeeResponses.authorId, summaryResponses.authorId],
	of: personalDataOf
};
