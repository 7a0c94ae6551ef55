// The JSON shapes of the versions endpoints of /api/v1 (documented in docs/api.md).
import type { Consultation, DraftVersion } from '../db/schema';
import type { VersionComparison } from './diff';
import type { VisibleVersion } from './service';

export function versionListJson(c: Consultation, versions: VisibleVersion[]) {
	return {
		consultation: c.slug,
		versions: versions.map((v) => ({
			number: v.number,
			status: v.status,
			publishedAt: v.publishedAt ? new Date(v.publishedAt).toISOString() : null,
			note: v.note,
			clauseCount: v.clauseCount
		}))
	};
}

export function versionDiffJson(c: Consultation, from: DraftVersion, to: DraftVersion, comparison: VersionComparison) {
	return {
		consultation: c.slug,
		from: from.number,
		to: to.number,
		language: c.sourceLanguage,
		summary: comparison.summary,
		clauses: comparison.entries
	};
}
