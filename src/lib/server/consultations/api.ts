// The JSON shapes of /api/v1 (documented in docs/api.md), built from the same services as the pages.
import type { Queryable } from '../db';
import type { Consultation, DraftVersion } from '../db/schema';
import { listVersionClauses } from '../clauses/service';
import { listVersions, type ConsultationListItem } from './service';

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

export function consultationJson(db: Queryable, c: Consultation, includeDrafts: boolean) {
	const versions = listVersions(db, c.id).filter((v) => includeDrafts || v.status === 'published');
	const current = versions.find((v) => v.status === 'published');
	return {
		slug: c.slug,
		title: c.title,
		description: c.description,
		sourceLanguage: c.sourceLanguage,
		languages: c.languages,
		status: c.status,
		createdAt: new Date(c.createdAt).toISOString(),
		currentVersion: current?.number ?? null,
		versions: versions.map(versionJson)
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
