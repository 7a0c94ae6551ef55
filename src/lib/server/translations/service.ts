// Translation of clauses: progress per language (the consultation's other texts counted too, see
// texts.ts), the translator's worklist, and the source a translator works from (with the wording an
// outdated translation was made from).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTranslations, clauses, draftVersions } from '../db/schema';
import { textProgress } from './texts';

export type TranslationStatus = 'current' | 'outdated' | 'missing';

export interface TranslationProgress {
	language: string;
	current: number;
	outdated: number;
	missing: number;
	total: number;
	/** Share of the version's clauses and the consultation's texts with a current translation, 0–1. */
	share: number;
	/** Of these, the consultation's texts other than clauses (title, description, notes, responses…: texts.ts). */
	texts: { current: number; outdated: number; missing: number; total: number };
}

/**
 * For each language: how many clauses of the version, and texts of its consultation (everything a
 * participant reads besides the clauses), have a current, outdated or no translation.
 */
export function translationProgress(db: Queryable, versionId: number, languages: string[]): TranslationProgress[] {
	const consultationId = db.select({ id: draftVersions.consultationId }).from(draftVersions).where(eq(draftVersions.id, versionId)).get()?.id;
	const texts = consultationId === undefined ? [] : textProgress(db, consultationId, languages);
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
		const { language: _l, ...t } = texts.find((x) => x.language === language) ?? { language, current: 0, outdated: 0, missing: 0, total: 0 };
		const all = { current: current + t.current, outdated: outdated + t.outdated, total: total + t.total };
		return { language, ...all, missing: all.total - all.current - all.outdated, share: all.total ? all.current / all.total : 0, texts: t };
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
