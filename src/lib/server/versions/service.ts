// The versions of a consultation a reader may see: published ones, and the draft for the committee.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { draftVersions, type DraftVersion } from '../db/schema';

export interface VisibleVersion extends DraftVersion {
	clauseCount: number;
}

/** Newest first, each with its number of clauses. */
export function visibleVersions(db: Queryable, consultationId: number, includeDrafts: boolean): VisibleVersion[] {
	// Written out in full: drizzle leaves column names unqualified in a single-table select, which
	// would make `id` inside the subquery mean clause_revisions.id.
	const clauseCount = sql<number>`(select count(*) from clause_revisions r where r.version_id = draft_versions.id)`;
	return db
		.select({ version: draftVersions, clauseCount })
		.from(draftVersions)
		.where(
			includeDrafts
				? eq(draftVersions.consultationId, consultationId)
				: and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'published'))
		)
		.orderBy(desc(draftVersions.number))
		.all()
		.map((r) => ({ ...r.version, clauseCount: r.clauseCount }));
}

/**
 * The pair of versions the "what changed" page shows when the reader has not chosen both: by
 * default the current version against the one before it (the latest visible version when none is
 * published yet; the version after it when it is the first, so the committee sees its draft).
 * `numbers` are the visible version numbers; null when fewer than two are visible.
 */
export function defaultComparison(
	numbers: number[],
	current: number | null,
	chosen: { from: number | null; to: number | null }
): { from: number; to: number } | null {
	const sorted = [...numbers].sort((a, b) => a - b);
	if (sorted.length < 2) return null;
	const before = (n: number) => sorted.filter((v) => v < n).at(-1);
	const after = (n: number) => sorted.find((v) => v > n);
	const latest = current ?? sorted.at(-1)!;
	if (chosen.from !== null && chosen.to !== null) return { from: chosen.from, to: chosen.to };
	if (chosen.to !== null) return { from: before(chosen.to) ?? after(chosen.to) ?? chosen.to, to: chosen.to };
	if (chosen.from !== null) {
		const to = latest !== chosen.from ? latest : (after(chosen.from) ?? before(chosen.from) ?? chosen.from);
		return { from: chosen.from, to };
	}
	const from = before(latest);
	return from !== undefined ? { from, to: latest } : { from: latest, to: after(latest)! };
}
