// The JSON shapes of the versions endpoints of /api/v1 (documented in docs/api.md).
import type { Consultation, DraftVersion } from '../db/schema';
import type { VersionComparison } from './diff';
import type { VisibleVersion } from './service';
import { renderedDiff } from './rendered-diff';

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
		// A modified clause also carries its body diff as formatted HTML (sanitised; the changes are <ins class="diff-added"> and <del class="diff-removed">).
		clauses: comparison.entries.map((e) =>
			e.status === 'modified' && e.from && e.to
				? {
						...e,
						bodyDiffHtml: renderedDiff(e.from.body, e.to.body, c.sourceLanguage)
							.replace(/<diff-ins>/g, '<ins class="diff-added">')
							.replace(/<diff-del>/g, '<del class="diff-removed">')
							.replace(/<\/diff-(ins|del)>/g, '</$1>')
					}
				: e
		)
	};
}
