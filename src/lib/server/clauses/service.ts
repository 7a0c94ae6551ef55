// Reading a version's clauses, in the reader's language where a translation exists.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedQuery } from '../db/prepared';
import { clauseRevisions, clauseTranslations, clauses, draftVersions, type Consultation } from '../db/schema';
import { feedbackCounts, NO_FEEDBACK, type FeedbackCounts } from '../tallies/read';

export interface ClauseListItem {
	revisionId: number;
	key: string;
	label: string;
	heading: string;
	/** Markdown source, in the same language as the heading. */
	body: string;
	/** The language `heading` is in: the reading language when translated, else the source. */
	language: string;
	translated: boolean;
	/** The translation shown describes an earlier wording of the clause. */
	outdated: boolean;
	counts: FeedbackCounts;
}

/** The clauses of a version in order, headings in `language` where translated, with counts. */
export function listVersionClauses(db: Queryable, versionId: number, sourceLanguage: string, language: string): ClauseListItem[] {
	const rows = db
		.select({
			revisionId: clauseRevisions.id,
			key: clauses.key,
			label: clauseRevisions.label,
			heading: clauseRevisions.heading,
			body: clauseRevisions.body,
			translatedHeading: clauseTranslations.heading,
			translatedBody: clauseTranslations.body,
			outdated: clauseTranslations.outdated
		})
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.leftJoin(
			clauseTranslations,
			and(eq(clauseTranslations.revisionId, clauseRevisions.id), eq(clauseTranslations.language, language))
		)
		.where(eq(clauseRevisions.versionId, versionId))
		.orderBy(asc(clauseRevisions.position))
		.all();
	const counts = feedbackCounts(
		db,
		rows.map((r) => r.revisionId)
	);
	return rows.map((r) => {
		const translated = language !== sourceLanguage && r.translatedHeading !== null;
		return {
			revisionId: r.revisionId,
			key: r.key,
			label: r.label,
			heading: translated ? r.translatedHeading! : r.heading,
			body: translated ? r.translatedBody! : r.body,
			language: translated ? language : sourceLanguage,
			translated,
			outdated: translated && r.outdated === true,
			counts: counts.get(r.revisionId) ?? { ...NO_FEEDBACK }
		};
	});
}

export interface ClauseText {
	heading: string;
	body: string;
	language: string;
}

export interface ClauseReading {
	revisionId: number;
	clauseId: number;
	key: string;
	label: string;
	position: number;
	original: ClauseText;
	/** The translation into the reading language, when there is one. */
	translation: (ClauseText & { updatedAt: number; outdated: boolean }) | null;
	previous: { key: string; label: string } | null;
	next: { key: string; label: string } | null;
}

export function readClause(db: Queryable, versionId: number, key: string, sourceLanguage: string, language: string): ClauseReading | null {
	const row = db
		.select({ revision: clauseRevisions, key: clauses.key })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(and(eq(clauseRevisions.versionId, versionId), eq(clauses.key, key)))
		.get();
	if (!row) return null;
	const { revision } = row;
	const translation =
		language === sourceLanguage
			? undefined
			: db
					.select()
					.from(clauseTranslations)
					.where(and(eq(clauseTranslations.revisionId, revision.id), eq(clauseTranslations.language, language)))
					.get();
	const neighbour = (position: number) =>
		db
			.select({ key: clauses.key, label: clauseRevisions.label })
			.from(clauseRevisions)
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(and(eq(clauseRevisions.versionId, versionId), eq(clauseRevisions.position, position)))
			.get() ?? null;
	return {
		revisionId: revision.id,
		clauseId: revision.clauseId,
		key: row.key,
		label: revision.label,
		position: revision.position,
		original: { heading: revision.heading, body: revision.body, language: sourceLanguage },
		translation: translation
			? {
					heading: translation.heading,
					body: translation.body,
					language,
					updatedAt: translation.updatedAt,
					outdated: translation.outdated
				}
			: null,
		previous: revision.position > 0 ? neighbour(revision.position - 1) : null,
		next: neighbour(revision.position + 1)
	};
}

/**
 * The language to read a consultation in: an explicit choice, else the first of the reader's
 * languages the consultation runs in, else one matching the UI locale, else the source language.
 */
export function readingLanguage(
	consultation: Pick<Consultation, 'languages' | 'sourceLanguage'>,
	options: { requested?: string | null; userLanguages?: string[]; uiLocale: string }
): string {
	const offered = consultation.languages;
	if (options.requested && offered.includes(options.requested)) return options.requested;
	for (const tag of options.userLanguages ?? []) if (offered.includes(tag)) return tag;
	if (offered.includes(options.uiLocale)) return options.uiLocale;
	const base = options.uiLocale.split('-')[0];
	const sameBase = offered.find((tag) => tag.split('-')[0] === base);
	return sameBase ?? consultation.sourceLanguage;
}

export function upsertTranslation(
	db: Queryable,
	input: { revisionId: number; language: string; heading: string; body: string; translatorId: number | null; now?: number }
): void {
	const now = input.now ?? Date.now();
	db.insert(clauseTranslations)
		.values({ ...input, basedOnRevisionId: input.revisionId, outdated: false, createdAt: now, updatedAt: now })
		.onConflictDoUpdate({
			target: [clauseTranslations.revisionId, clauseTranslations.language],
			set: {
				heading: input.heading,
				body: input.body,
				translatorId: input.translatorId,
				basedOnRevisionId: input.revisionId,
				outdated: false,
				updatedAt: now
			}
		})
		.run();
}

/** Languages with at least one clause of the version translated into them. */
export function translatedLanguages(db: Queryable, versionId: number): string[] {
	return db
		.selectDistinct({ language: clauseTranslations.language })
		.from(clauseTranslations)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, clauseTranslations.revisionId))
		.where(eq(clauseRevisions.versionId, versionId))
		.all()
		.map((r) => r.language);
}

/**
 * The revision of clause `key` in the consultation's current (latest published) version, in one
 * query: what a stance or comment must be given on.
 */
export function currentRevisionId(db: Queryable, consultationId: number, key: string): number | undefined {
	return currentRevisionQuery(db).get({ consultationId, key })?.id;
}

const currentRevisionQuery = preparedQuery((db) => {
	const current = db
		.select({ id: draftVersions.id })
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, sql.placeholder('consultationId')), eq(draftVersions.status, 'published')))
		.orderBy(desc(draftVersions.number))
		.limit(1);
	return db
		.select({ id: clauseRevisions.id })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(
			and(
				eq(clauses.consultationId, sql.placeholder('consultationId')),
				eq(clauses.key, sql.placeholder('key')),
				eq(clauseRevisions.versionId, current)
			)
		)
		.prepare();
});
