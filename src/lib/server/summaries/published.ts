// The published liaison summaries as the results read them: the counts liaisons reported per clause
// and language (kept apart from the on-platform tallies, and added to the measures only when the
// consultation says so) and each language's summaries with their channels and head counts. The
// summary tables are read here and in service.ts, never by the aggregation itself.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { personColumns, personOf, type PersonView } from '../people/badges';
import { liaisonSummaries, summaryChannels, summaryEntries, summaryResponses, users, type ResponseStatus, type SummaryChannel } from '../db/schema';

/** What a language's liaisons reported for the clause (summed over their published summaries). */
export interface ReportedVotes {
	language: string;
	support: number;
	oppose: number;
	neutral: number;
}

/** The languages with a published liaison summary on the version. */
export function publishedSummaryLanguages(db: Queryable, versionId: number): string[] {
	return db
		.selectDistinct({ language: liaisonSummaries.language })
		.from(liaisonSummaries)
		.where(and(eq(liaisonSummaries.versionId, versionId), eq(liaisonSummaries.status, 'published')))
		.all()
		.map((r) => r.language);
}

/**
 * Liaison-reported support/oppose/neutral per clause revision and language: the entries of the
 * version's published summaries where the community was asked, summed over that language's summaries.
 */
export function reportedCounts(db: Queryable, versionId: number): Map<number, ReportedVotes[]> {
	const rows = db
		.select({
			revisionId: summaryEntries.revisionId,
			language: liaisonSummaries.language,
			support: sql<number>`sum(coalesce(${summaryEntries.support}, 0))`,
			oppose: sql<number>`sum(coalesce(${summaryEntries.oppose}, 0))`,
			neutral: sql<number>`sum(coalesce(${summaryEntries.neutral}, 0))`
		})
		.from(summaryEntries)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryEntries.summaryId))
		.where(and(eq(liaisonSummaries.versionId, versionId), eq(liaisonSummaries.status, 'published'), eq(summaryEntries.asked, true)))
		.groupBy(summaryEntries.revisionId, liaisonSummaries.language)
		.orderBy(asc(liaisonSummaries.language))
		.all();
	const out = new Map<number, ReportedVotes[]>();
	for (const { revisionId, ...r } of rows) {
		if (r.support + r.oppose + r.neutral === 0) continue;
		const list = out.get(revisionId) ?? [];
		list.push(r);
		out.set(revisionId, list);
	}
	return out;
}


export interface LiaisonSummaryView {
	id: number;
	/** The liaison, with their @username and roles; null once their account is gone. */
	author: PersonView | null;
	publishedAt: number | null;
	channels: { kind: SummaryChannel; description: string; participants: number }[];
	/** Σ of the channels' head counts, as reported (someone in two channels counts twice). */
	headCount: number;
	/** The status of the committee's response to the summary, null until it gives one. */
	response: ResponseStatus | null;
}

export interface LiaisonLanguageView {
	language: string;
	summaries: LiaisonSummaryView[];
	headCount: number;
}

/** The version's published liaison summaries per language, with their channels and head counts. */
export function liaisonSummariesByLanguage(db: Queryable, versionId: number, language: string | null = null): LiaisonLanguageView[] {
	const rows = db
		.select({
			id: liaisonSummaries.id,
			language: liaisonSummaries.language,
			...personColumns(users, liaisonSummaries.consultationId),
			publishedAt: liaisonSummaries.publishedAt,
			kind: summaryChannels.kind,
			description: summaryChannels.description,
			participants: summaryChannels.participants,
			response: summaryResponses.status
		})
		.from(liaisonSummaries)
		.leftJoin(summaryChannels, eq(summaryChannels.summaryId, liaisonSummaries.id))
		.leftJoin(summaryResponses, eq(summaryResponses.summaryId, liaisonSummaries.id))
		.leftJoin(users, eq(users.id, liaisonSummaries.authorId))
		.where(
			and(
				eq(liaisonSummaries.versionId, versionId),
				eq(liaisonSummaries.status, 'published'),
				language === null ? undefined : eq(liaisonSummaries.language, language)
			)
		)
		.orderBy(asc(liaisonSummaries.language), asc(liaisonSummaries.publishedAt), asc(liaisonSummaries.id), asc(summaryChannels.position))
		.all();
	const out: LiaisonLanguageView[] = [];
	for (const r of rows) {
		let group = out.at(-1);
		if (group?.language !== r.language) {
			group = { language: r.language, summaries: [], headCount: 0 };
			out.push(group);
		}
		let summary = group.summaries.at(-1);
		if (summary?.id !== r.id) {
			summary = { id: r.id, author: personOf(r), publishedAt: r.publishedAt, channels: [], headCount: 0, response: r.response };
			group.summaries.push(summary);
		}
		if (r.kind !== null) {
			summary.channels.push({ kind: r.kind, description: r.description ?? '', participants: r.participants ?? 0 });
			summary.headCount += r.participants ?? 0;
			group.headCount += r.participants ?? 0;
		}
	}
	return out;
}
