// Which text a reader sees compared: the two translations into their language when both versions
// of the clause have a current one, else the original with a notice. Used by the changes page,
// the clause history and "what we heard".
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTranslations, clauses } from '../db/schema';
import { wordDiff, type Part } from './diff';
import { renderedDiff, withSpokenMarks, type DiffMarkLabels } from './rendered-diff';

export interface ClauseText {
	heading: string;
	body: string;
}

/** Current (not outdated) translations into `language` of a version's clauses, by clause key. */
export function currentTranslationsOfVersion(db: Queryable, versionId: number, language: string): Map<string, ClauseText> {
	const rows = db
		.select({ key: clauses.key, heading: clauseTranslations.heading, body: clauseTranslations.body })
		.from(clauseTranslations)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, clauseTranslations.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(and(eq(clauseRevisions.versionId, versionId), eq(clauseTranslations.language, language), eq(clauseTranslations.outdated, false)))
		.all();
	return new Map(rows.map((r) => [r.key, { heading: r.heading, body: r.body }]));
}

/** Current (not outdated) translations into `language` of these revisions, by revision id. */
export function currentTranslationsOfRevisions(db: Queryable, revisionIds: number[], language: string): Map<number, ClauseText> {
	if (revisionIds.length === 0) return new Map();
	const rows = db
		.select({ revisionId: clauseTranslations.revisionId, heading: clauseTranslations.heading, body: clauseTranslations.body })
		.from(clauseTranslations)
		.where(and(inArray(clauseTranslations.revisionId, revisionIds), eq(clauseTranslations.language, language), eq(clauseTranslations.outdated, false)))
		.all();
	return new Map(rows.map((r) => [r.revisionId, { heading: r.heading, body: r.body }]));
}

export interface ReaderDiff {
	/** The language of the texts compared: the reader's when translated, else the source language. */
	language: string;
	/** Both versions had a current translation into the reader's language: these are compared. */
	translated: boolean;
	/**
	 * The reader reads another language than the source, but one of the two versions has no current
	 * translation into it: the original is compared instead, and the page says so.
	 */
	untranslated: boolean;
	/** The original changed but the translation stayed the same (a correction that did not touch it). */
	translationUnchanged: boolean;
	headingDiff: Part[];
	/** renderedDiff's fragment: give it to withSpokenMarks before showing it. */
	bodyHtml: string;
}

/**
 * The diff a reader of `language` is shown between two wordings of a clause, given the originals
 * and the current translations of both (null when a version has none).
 */
export function readerDiff(input: {
	sourceLanguage: string;
	language: string;
	from: ClauseText;
	to: ClauseText;
	fromTranslation: ClauseText | null;
	toTranslation: ClauseText | null;
}): ReaderDiff {
	const { sourceLanguage, language, fromTranslation, toTranslation } = input;
	const translated = language !== sourceLanguage && fromTranslation !== null && toTranslation !== null;
	const [from, to, shown] = translated ? [fromTranslation, toTranslation, language] : [input.from, input.to, sourceLanguage];
	return {
		language: shown,
		translated,
		untranslated: language !== sourceLanguage && !translated,
		translationUnchanged: translated && from.heading === to.heading && from.body === to.body,
		headingDiff: wordDiff(from.heading, to.heading, shown),
		bodyHtml: renderedDiff(from.body, to.body, shown)
	};
}

/** What a page sends to RenderedDiff.svelte: the diff with its marks labelled in the reader's interface language. */
export function readerDiffView(diff: ReaderDiff, labels: DiffMarkLabels) {
	const { bodyHtml, ...rest } = diff;
	return { ...rest, html: withSpokenMarks(bodyHtml, labels) };
}
