// "What changed": two versions of a consultation compared clause by clause (by lineage, i.e. the
// clause's stable key), and one clause's history through the versions, with word-level diffs.
import { and, asc, eq } from 'drizzle-orm';
import { diffWords, type ChangeObject } from 'diff';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, consultations, draftVersions } from '../db/schema';
import { feedbackCounts, NO_FEEDBACK, type FeedbackCounts } from '../tallies/read';

export const CHANGE_STATUSES = ['added', 'removed', 'moved', 'modified', 'unchanged'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** One run of text in a word diff: in both texts, only in the newer one, or only in the older one. */
export interface Part {
	text: string;
	change: 'same' | 'added' | 'removed';
}

export interface ClauseSide {
	label: string;
	heading: string;
	/** Markdown, in the consultation's source language. */
	body: string;
	/** 0-based order of the clause in its version. */
	position: number;
}

export interface ClauseChange {
	key: string;
	status: ChangeStatus;
	/**
	 * The clause's order among the clauses both versions share changed (see `movedKeys`). True for
	 * every "moved" entry, and for a "modified" entry whose clause was also moved.
	 */
	moved: boolean;
	from: ClauseSide | null;
	to: ClauseSide | null;
	/** Present on "modified" entries only. */
	headingDiff?: Part[];
	bodyDiff?: Part[];
}

export type ChangeSummary = Record<ChangeStatus, number>;

export interface VersionComparison {
	entries: ClauseChange[];
	summary: ChangeSummary;
}

/**
 * Past this many inserted plus deleted words a body counts as rewritten: the diff shows the old
 * text removed and the new one added, rather than spending seconds on an unreadable interleaving.
 */
const MAX_EDIT_LENGTH = 4000;

/** A word diff of two texts in `language`, whose word boundaries Intl.Segmenter knows (Chinese has no spaces). */
export function wordDiff(before: string, after: string, language: string): Part[] {
	if (before === after) return before ? [{ text: before, change: 'same' }] : [];
	const changes: ChangeObject<string>[] | undefined = diffWords(before, after, {
		intlSegmenter: segmenter(language),
		maxEditLength: MAX_EDIT_LENGTH
	});
	if (!changes) {
		return [
			...(before ? [{ text: before, change: 'removed' as const }] : []),
			...(after ? [{ text: after, change: 'added' as const }] : [])
		];
	}
	const parts: Part[] = [];
	for (const c of changes) {
		if (!c.value) continue;
		const change = c.added ? 'added' : c.removed ? 'removed' : 'same';
		const last = parts.at(-1);
		if (last && last.change === change) last.text += c.value;
		else parts.push({ text: c.value, change });
	}
	return parts;
}

function segmenter(language: string): Intl.Segmenter {
	try {
		return new Intl.Segmenter(language, { granularity: 'word' });
	} catch {
		// A tag Intl does not accept (it was valid BCP 47 when stored, but ICU may be stricter).
		return new Intl.Segmenter(undefined, { granularity: 'word' });
	}
}

interface RevisionRow extends ClauseSide {
	key: string;
}

function versionRevisions(db: Queryable, versionId: number): RevisionRow[] {
	return db
		.select({
			key: clauses.key,
			label: clauseRevisions.label,
			heading: clauseRevisions.heading,
			body: clauseRevisions.body,
			position: clauseRevisions.position
		})
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(clauseRevisions.versionId, versionId))
		.orderBy(asc(clauseRevisions.position))
		.all();
}

/**
 * The keys of the carried-over clauses (those in both versions) that moved.
 *
 * Take the carried-over clauses in their order in the newer version and write down each one's
 * position in the older version. The clauses on a longest strictly increasing subsequence of
 * those positions kept their order relative to one another: they stayed. Every other carried-over
 * clause moved. This marks as few clauses as possible, so inserting or removing clauses never
 * makes the others "moved", and moving one clause marks that one clause only.
 *
 * When several subsequences are equally long, the one the patience method builds is kept: it
 * prefers the smaller older positions, so when two neighbours swap places, the clause that came
 * forward (towards the start) is the one marked as moved.
 */
export function movedKeys(carried: { key: string; fromPosition: number }[]): Set<string> {
	const n = carried.length;
	// tails[k]: index (into carried) of the smallest last element of an increasing run of length k+1.
	const tails: number[] = [];
	const previous = new Array<number>(n).fill(-1);
	for (let i = 0; i < n; i++) {
		const value = carried[i].fromPosition;
		let lo = 0;
		let hi = tails.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (carried[tails[mid]].fromPosition < value) lo = mid + 1;
			else hi = mid;
		}
		if (lo > 0) previous[i] = tails[lo - 1];
		tails[lo] = i;
	}
	const stayed = new Set<number>();
	for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i]) stayed.add(i);
	return new Set(carried.filter((_, i) => !stayed.has(i)).map((c) => c.key));
}

function emptySummary(): ChangeSummary {
	return { added: 0, removed: 0, moved: 0, modified: 0, unchanged: 0 };
}

/**
 * Compares two versions of one consultation by clause lineage. `from` is usually the older version
 * but need not be.
 *
 * - added: only in `to`; removed: only in `from`;
 * - modified: the heading or the body changed (with `moved` set when it also moved);
 * - moved: same heading and body, but its order among the shared clauses changed (`movedKeys`);
 * - unchanged: same heading and body, same relative order. A new label alone (renumbering) is
 *   not a change: both labels are given.
 *
 * Entries follow the order of `to`. A removed clause is placed where it was: right after the entry
 * of the nearest clause before it in `from` that `to` still has (so it follows that clause if that
 * clause moved), or first when no such clause exists; several removed after the same clause keep
 * their order. Added clauses after that same clause come after the removed ones, so a replaced
 * clause reads "removed, then added".
 */
export function compareVersions(db: Queryable, fromVersionId: number, toVersionId: number, sourceLanguage: string): VersionComparison {
	const before = versionRevisions(db, fromVersionId);
	const after = versionRevisions(db, toVersionId);
	const beforeByKey = new Map(before.map((r) => [r.key, r]));
	const afterKeys = new Set(after.map((r) => r.key));

	const carried = after.filter((r) => beforeByKey.has(r.key)).map((r) => ({ key: r.key, fromPosition: beforeByKey.get(r.key)!.position }));
	const moved = movedKeys(carried);

	// Removed clauses, grouped under the carried-over clause they followed in `from` ('' = the start).
	const removedAfter = new Map<string, ClauseChange[]>();
	let anchor = '';
	for (const r of before) {
		if (afterKeys.has(r.key)) {
			anchor = r.key;
			continue;
		}
		const list = removedAfter.get(anchor) ?? [];
		list.push({ key: r.key, status: 'removed', moved: false, from: side(r), to: null });
		removedAfter.set(anchor, list);
	}

	const entries: ClauseChange[] = [...(removedAfter.get('') ?? [])];
	for (const r of after) {
		const old = beforeByKey.get(r.key);
		if (!old) {
			entries.push({ key: r.key, status: 'added', moved: false, from: null, to: side(r) });
			continue;
		}
		const isMoved = moved.has(r.key);
		const edited = old.heading !== r.heading || old.body !== r.body;
		const entry: ClauseChange = {
			key: r.key,
			status: edited ? 'modified' : isMoved ? 'moved' : 'unchanged',
			moved: isMoved,
			from: side(old),
			to: side(r)
		};
		if (edited) {
			entry.headingDiff = wordDiff(old.heading, r.heading, sourceLanguage);
			entry.bodyDiff = wordDiff(old.body, r.body, sourceLanguage);
		}
		entries.push(entry, ...(removedAfter.get(r.key) ?? []));
	}

	const summary = emptySummary();
	for (const e of entries) summary[e.status] += 1;
	return { entries, summary };
}

function side(r: RevisionRow): ClauseSide {
	return { label: r.label, heading: r.heading, body: r.body, position: r.position };
}

/** The id of the clause lineage with this key in the consultation. */
export function findClauseId(db: Queryable, consultationId: number, key: string): number | undefined {
	return db
		.select({ id: clauses.id })
		.from(clauses)
		.where(and(eq(clauses.consultationId, consultationId), eq(clauses.key, key)))
		.get()?.id;
}

export interface HistoryRevision {
	revisionId: number;
	versionNumber: number;
	versionStatus: 'draft' | 'published';
	publishedAt: number | null;
	label: string;
	heading: string;
	/** Markdown, in the consultation's source language. */
	body: string;
	position: number;
	/** The version of the revision before this one in the list, or null for the first. */
	previousVersionNumber: number | null;
	/** Whether the heading or body differ from the previous revision (false for the first). */
	changed: boolean;
	/** Word diffs against the previous revision; null for the first. */
	headingDiff: Part[] | null;
	bodyDiff: Part[] | null;
	counts: FeedbackCounts;
}

/**
 * Every revision of a clause lineage in the published versions (and the unpublished draft too
 * when `includeDrafts`), newest first, each with its word diff to the revision before it in that
 * list and the feedback given on it. A lineage can skip versions (removed, then brought back);
 * the diff is then to the last version that had it.
 */
export function clauseHistory(db: Queryable, clauseId: number, options: { includeDrafts: boolean }): HistoryRevision[] {
	const rows = db
		.select({
			revisionId: clauseRevisions.id,
			versionNumber: draftVersions.number,
			versionStatus: draftVersions.status,
			publishedAt: draftVersions.publishedAt,
			label: clauseRevisions.label,
			heading: clauseRevisions.heading,
			body: clauseRevisions.body,
			position: clauseRevisions.position,
			sourceLanguage: consultations.sourceLanguage
		})
		.from(clauseRevisions)
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.innerJoin(consultations, eq(consultations.id, draftVersions.consultationId))
		.where(
			options.includeDrafts
				? eq(clauseRevisions.clauseId, clauseId)
				: and(eq(clauseRevisions.clauseId, clauseId), eq(draftVersions.status, 'published'))
		)
		.orderBy(asc(draftVersions.number))
		.all();
	const counts = feedbackCounts(
		db,
		rows.map((r) => r.revisionId)
	);
	const history = rows.map(({ sourceLanguage, ...r }, i): HistoryRevision => {
		const prev = i > 0 ? rows[i - 1] : null;
		return {
			...r,
			previousVersionNumber: prev?.versionNumber ?? null,
			changed: prev !== null && (prev.heading !== r.heading || prev.body !== r.body),
			headingDiff: prev ? wordDiff(prev.heading, r.heading, sourceLanguage) : null,
			bodyDiff: prev ? wordDiff(prev.body, r.body, sourceLanguage) : null,
			counts: counts.get(r.revisionId) ?? { ...NO_FEEDBACK }
		};
	});
	return history.reverse();
}
