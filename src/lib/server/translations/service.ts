// Translation of clauses: progress per language, the translator's worklist, and the source a
// translator works from (with the wording an outdated translation was made from).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTranslations, clauses } from '../db/schema';

export type TranslationStatus = 'current' | 'outdated' | 'missing';

export interface TranslationProgress {
	language: string;
	current: number;
	outdated: number;
	missing: number;
	total: number;
	/** Share of the version's clauses with a current translation, 0–1. */
	share: number;
}

/** For each language: how many clauses of the version have a current, outdated or no translation. */
export function translationProgress(db: Queryable, versionId: number, languages: string[]): TranslationProgress[] {
	const total =
		db.select({ n: sql<number>`count(*)` }).from(clauseRevisions).where(eq(clauseRevisions.versionId, versionId)).get()?.n ?? 0;
	const rows = db
		.select({
			language: clauseTranslations.language,
			outdated: clauseTranslations.outdated,
			n: sql<number>`count(*)`
		})
		.from(clauseTranslations)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, clauseTranslations.revisionId))
		.where(eq(clauseRevisions.versionId, versionId))
		.groupBy(clauseTranslations.language, clauseTranslations.outdated)
		.all();
	return languages.map((language) => {
		const current = rows.find((r) => r.language === language && !r.outdated)?.n ?? 0;
		const outdated = rows.find((r) => r.language === language && r.outdated)?.n ?? 0;
		return { language, current, outdated, missing: total - current - outdated, total, share: total ? current / total : 0 };
	});
}

export interface WorklistItem {
	key: string;
	label: string;
	heading: string;
	status: TranslationStatus;
	translatedHeading: string | null;
	updatedAt: number | null;
}

/** Every clause of the version with the state of its translation into `language`, in draft order. */
export function translationWorklist(db: Queryable, versionId: number, language: string): WorklistItem[] {
	return db
		.select({
			key: clauses.key,
			label: clauseRevisions.label,
			heading: clauseRevisions.heading,
			translatedHeading: clauseTranslations.heading,
			outdated: clauseTranslations.outdated,
			updatedAt: clauseTranslations.updatedAt
		})
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.leftJoin(
			clauseTranslations,
			and(eq(clauseTranslations.revisionId, clauseRevisions.id), eq(clauseTranslations.language, language))
		)
		.where(eq(clauseRevisions.versionId, versionId))
		.orderBy(asc(clauseRevisions.position))
		.all()
		.map((r) => ({
			key: r.key,
			label: r.label,
			heading: r.heading,
			translatedHeading: r.translatedHeading,
			updatedAt: r.updatedAt,
			status: r.translatedHeading === null ? 'missing' : r.outdated ? 'outdated' : 'current'
		}));
}

/** The source wording an existing translation was made from, when it differs from the revision's own. */
export function translatedFrom(
	db: Queryable,
	revisionId: number,
	language: string
): { heading: string; body: string } | null {
	const row = db
		.select({ basedOn: clauseTranslations.basedOnRevisionId })
		.from(clauseTranslations)
		.where(and(eq(clauseTranslations.revisionId, revisionId), eq(clauseTranslations.language, language)))
		.get();
	if (!row?.basedOn || row.basedOn === revisionId) return null;
	return (
		db
			.select({ heading: clauseRevisions.heading, body: clauseRevisions.body })
			.from(clauseRevisions)
			.where(eq(clauseRevisions.id, row.basedOn))
			.get() ?? null
	);
}
