// Stances: one per participant per clause revision; changing it replaces it.
import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import { balanceBidi } from '../bidi';
import { placeholders, preparedQuery, setPlaceholders } from '../db/prepared';
import { stances, users, type Stance, type StanceValue } from '../db/schema';
import { bucketOf, bump, firstComment } from '../tallies/service';
import { PUBLIC_READER, reasonHiddenFrom, reasonVisibleTo, type CommitteeOnlyReading } from '../privacy/visibility';

/**
 * Sets a participant's stance on a clause revision, replacing an earlier one, and updates the
 * tallies in the same transaction.
 */
export function setStance(
	db: Queryable,
	input: {
		revisionId: number;
		userId: number;
		stance: StanceValue;
		reason: string | null;
		language: string;
		/** The reason and who gave it are for the drafting committee only; the stance counts as any other. */
		committeeOnly?: boolean;
		now?: number;
	}
): Stance {
	const now = input.now ?? Date.now();
	const reason = input.reason || null;
	const committeeOnly = input.committeeOnly ?? false;
	return db.transaction((tx) => {
		const existing = getStance(tx, input.revisionId, input.userId);
		if (existing) {
			const updated = changeStance(tx).get({ id: existing.id, stance: input.stance, reason, language: input.language, committeeOnly, updatedAt: now });
			if (existing.stance !== input.stance) {
				bump(tx, input.revisionId, existing, { [existing.stance]: -1, [input.stance]: 1 });
			}
			return updated;
		}
		const bucket = bucketOf(tx, input.userId);
		const created = insertStance(tx).get({
			revisionId: input.revisionId,
			userId: input.userId,
			stance: input.stance,
			reason,
			language: input.language,
			committeeOnly,
			...bucket,
			createdAt: now,
			updatedAt: now
		});
		const counted = firstComment(tx, input.revisionId, input.userId) !== undefined;
		bump(tx, input.revisionId, bucket, { [input.stance]: 1, participants: counted ? 0 : 1 });
		return created;
	});
}

/**
 * Whether a stance replacing `before` takes text away from the public: a reason everyone could read
 * is changed, removed or made committee-only. (The page cache then purges visitors' pages at once
 * rather than letting them lag; a first stance, or a reason that was empty or committee-only, adds.)
 */
export function hidesPublicReason(
	before: Pick<Stance, 'reason' | 'committeeOnly'> | undefined,
	after: { reason: string | null; committeeOnly: boolean }
): boolean {
	if (!before?.reason || before.committeeOnly) return false;
	return after.committeeOnly || (after.reason || null) !== before.reason;
}

export function withdrawStance(db: Queryable, revisionId: number, userId: number): void {
	db.transaction((tx) => {
		const existing = getStance(tx, revisionId, userId);
		if (!existing) return;
		tx.delete(stances).where(eq(stances.id, existing.id)).run();
		bump(tx, revisionId, existing, { [existing.stance]: -1 });
		const comment = firstComment(tx, revisionId, userId);
		// The person was counted where their first contribution was: if that was this stance, they
		// now count with their first comment, or no longer at all.
		if (!comment || existing.createdAt <= comment.createdAt) {
			bump(tx, revisionId, existing, { participants: -1 });
			if (comment) bump(tx, revisionId, comment, { participants: 1 });
		}
	});
}

export function getStance(db: Queryable, revisionId: number, userId: number): Stance | undefined {
	return stanceQuery(db).get({ revisionId, userId });
}

const stanceQuery = preparedQuery((db) =>
	db
		.select()
		.from(stances)
		.where(and(eq(stances.revisionId, sql.placeholder('revisionId')), eq(stances.userId, sql.placeholder('userId'))))
		.prepare()
);

const changeStance = preparedQuery((db) =>
	db
		.update(stances)
		.set(setPlaceholders('stance', 'reason', 'language', 'committeeOnly', 'updatedAt'))
		.where(eq(stances.id, sql.placeholder('id')))
		.returning()
		.prepare()
);

const insertStance = preparedQuery((db) =>
	db
		.insert(stances)
		.values(
			placeholders('revisionId', 'userId', 'stance', 'reason', 'language', 'committeeOnly', 'community', 'affiliation', 'createdAt', 'updatedAt')
		)
		.returning()
		.prepare()
);

export const REASON_PAGE_SIZE = 20;

export interface ReasonView {
	id: number;
	stance: StanceValue;
	reason: string;
	language: string;
	/** With their @username and roles in the consultation; null for a former participant. */
	author: PersonView | null;
	updatedAt: number;
	/** For the drafting committee only (only the committee and the author ever receive such a reason). */
	committeeOnly: boolean;
}

/** The reasons participants gave with their stances on a revision, newest first, one page at a time. */
export function listReasons(
	db: Queryable,
	revisionId: number,
	query: { page: number; pageSize?: number; /** Who is reading; anonymous when absent. */ reader?: CommitteeOnlyReading }
): {
	items: ReasonView[];
	total: number;
	page: number;
	pageCount: number;
	/** Reasons given for the committee only that this reader may not read (counted, never shown). */
	committeeOnlyHidden: number;
} {
	const pageSize = query.pageSize ?? REASON_PAGE_SIZE;
	const reader = query.reader ?? PUBLIC_READER;
	const given = and(eq(stances.revisionId, revisionId), isNotNull(stances.reason));
	// Committee-only reasons the reader may not read are left out in the SQL (docs/privacy.md).
	const where = and(given, reasonVisibleTo(reader));
	const committeeOnlyHidden = reader.committee
		? 0
		: (db.select({ n: count() }).from(stances).where(and(given, reasonHiddenFrom(reader))).get()?.n ?? 0);
	const total = db.select({ n: count() }).from(stances).where(where).get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, query.page), pageCount);
	const rows = db
		.select({
			id: stances.id,
			stance: stances.stance,
			reason: stances.reason,
			language: stances.language,
			updatedAt: stances.updatedAt,
			committeeOnly: stances.committeeOnly,
			...personColumns(users, consultationOfRevision(revisionId))
		})
		.from(stances)
		.leftJoin(users, eq(users.id, stances.userId))
		.where(where)
		.orderBy(desc(stances.updatedAt), desc(stances.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	return {
		items: rows.map((r) => ({
			id: r.id,
			stance: r.stance,
			reason: balanceBidi(r.reason ?? ''),
			language: r.language,
			updatedAt: r.updatedAt,
			committeeOnly: r.committeeOnly,
			author: personOf(r)
		})),
		total,
		page,
		pageCount,
		committeeOnlyHidden
	};
}
