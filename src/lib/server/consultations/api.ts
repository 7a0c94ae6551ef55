// The JSON shapes of /api/v1 (documented in docs/api.md), built from the same services as the pages.
import type { Queryable } from '../db';
import type { Consultation, DraftVersion } from '../db/schema';
import { listVersionClauses } from '../clauses/service';
import { listVersions, type ConsultationListItem } from './service';
import { canonicalLanguageTag } from '../validation';
import { textJson, textReader, type TextReader } from '../translations/texts';

/**
 * The `?lang=` of a request: the consultation's source language when absent, null when it is not
 * a valid tag or not one of the consultation's languages (the route answers 400).
 */
export function requestedLanguage(c: Consultation, requested: string | null): { tag: string } | { error: string } {
	if (requested === null) return { tag: c.sourceLanguage };
	const tag = canonicalLanguageTag(requested);
	if (!tag) return { error: 'errors.languageInvalid' };
	if (!c.languages.includes(tag)) return { error: 'errors.languageNotInConsultation' };
	return { tag };
}

export function consultationSummaryJson(c: ConsultationListItem) {
	return {
		slug: c.slug,
		title: c.title,
		sourceLanguage: c.sourceLanguage,
		languages: c.languages,
		status: c.status,
		currentVersion: c.currentVersion
	};
}

export function versionJson(v: DraftVersion) {
	return {
		number: v.number,
		status: v.status,
		publishedAt: v.publishedAt ? new Date(v.publishedAt).toISOString() : null,
		note: v.note
	};
}

export function consultationJson(db: Queryable, c: Consultation, includeDrafts: boolean, language = c.sourceLanguage) {
	const versions = listVersions(db, c.id).filter((v) => includeDrafts || v.status === 'published');
	const current = versions.find((v) => v.status === 'published');
	const read: TextReader = textReader(db, c.id, language);
	const source = c.sourceLanguage;
	return {
		slug: c.slug,
		title: c.title,
		description: c.description,
		sourceLanguage: c.sourceLanguage,
		languages: c.languages,
		status: c.status,
		createdAt: new Date(c.createdAt).toISOString(),
		currentVersion: current?.number ?? null,
		// The title, description and notes in `?lang=` where translated (the source otherwise), each saying its language.
		language,
		texts: {
			title: textJson(read({ kind: 'consultation-title', subjectId: c.id, part: 0 }, { text: c.title, language: source })),
			description: textJson(read({ kind: 'consultation-description', subjectId: c.id, part: 0 }, { text: c.description, language: source }))
		},
		versions: versions.map((v) => ({
			...versionJson(v),
			noteText: textJson(read({ kind: 'version-note', subjectId: v.id, part: 0 }, { text: v.note, language: source }))
		}))
	};
}

export function versionClausesJson(db: Queryable, c: Consultation, version: DraftVersion, language: string) {
	return {
		consultation: c.slug,
		version: version.number,
		language,
		clauses: listVersionClauses(db, version.id, c.sourceLanguage, language).map((item) => ({
			key: item.key,
			label: item.label,
			language: item.language,
			translated: item.translated,
			outdated: item.outdated,
			heading: item.heading,
			body: item.body,
			counts: item.counts
		}))
	};
}
