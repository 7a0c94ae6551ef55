// The liaison summaries a person wrote (with their channels, entries and quotes) and their edits of
// published summaries, in their "download my data". Not the committee's responses to them.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, consultations, draftVersions, liaisonSummaries, summaryChannels, summaryEntries, summaryHistory, summaryQuotes } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	return {
		liaisonSummaries: summariesBy(db, userId),
		summaryEdits: db
			.select({ summaryId: summaryHistory.summaryId, at: summaryHistory.createdAt })
			.from(summaryHistory)
			.where(eq(summaryHistory.editedBy, userId))
			.orderBy(asc(summaryHistory.id))
			.all()
			.map((e) => ({ summaryId: e.summaryId, at: iso(e.at) }))
	};
}

/** The liaison summaries the person authored, each with its channels, entries and quotes. */
function summariesBy(db: Queryable, userId: number) {
	const rows = db
		.select({
			id: liaisonSummaries.id,
			consultation: consultations.slug,
			version: draftVersions.number,
			language: liaisonSummaries.language,
			status: liaisonSummaries.status,
			narrative: liaisonSummaries.narrative,
			narrativeLanguage: liaisonSummaries.narrativeLanguage,
			narrativeTranslation: liaisonSummaries.narrativeTranslation,
			translationLanguage: liaisonSummaries.translationLanguage,
			publishedAt: liaisonSummaries.publishedAt,
			createdAt: liaisonSummaries.createdAt,
			updatedAt: liaisonSummaries.updatedAt
		})
		.from(liaisonSummaries)
		.innerJoin(consultations, eq(consultations.id, liaisonSummaries.consultationId))
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.where(eq(liaisonSummaries.authorId, userId))
		.orderBy(asc(liaisonSummaries.id))
		.all();
	return rows.map((s) => {
		const channels = db
			.select({
				kind: summaryChannels.kind,
				description: summaryChannels.description,
				participants: summaryChannels.participants,
				startedOn: summaryChannels.startedOn,
				endedOn: summaryChannels.endedOn
			})
			.from(summaryChannels)
			.where(eq(summaryChannels.summaryId, s.id))
			.orderBy(asc(summaryChannels.position))
			.all();
		const entries = db
			.select({
				id: summaryEntries.id,
				clause: clauses.key,
				asked: summaryEntries.asked,
				support: summaryEntries.support,
				oppose: summaryEntries.oppose,
				neutral: summaryEntries.neutral,
				keyPoints: summaryEntries.keyPoints
			})
			.from(summaryEntries)
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, summaryEntries.revisionId))
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(eq(summaryEntries.summaryId, s.id))
			.orderBy(asc(summaryEntries.id))
			.all();
		const quotes = entries.length
			? db
					.select()
					.from(summaryQuotes)
					.where(inArray(summaryQuotes.entryId, entries.map((e) => e.id)))
					.orderBy(asc(summaryQuotes.position))
					.all()
			: [];
		return {
			...s,
			publishedAt: iso(s.publishedAt),
			createdAt: iso(s.createdAt),
			updatedAt: iso(s.updatedAt),
			channels,
			entries: entries.map(({ id, ...e }) => ({
				...e,
				quotes: quotes
					.filter((q) => q.entryId === id)
					.map((q) => ({ original: q.original, language: q.language, translation: q.translation }))
			}))
		};
	});
}

export const summariesData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [liaisonSummaries.authorId, summaryHistory.editedBy],
	of: personalDataOf
};
