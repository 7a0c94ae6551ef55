// Stances: one per participant per clause revision; changing it replaces it.
import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { comments, stances, users, type Stance, type StanceValue } from '../db/schema';

export function setStance(
	db: Queryable,
	input: {
		revisionId: number;
		userId: number;
		stance: StanceValue;
		reason: string | null;
		language: string;
		now?: number;
	}
): Stance {
	const now = input.now ?? Date.now();
	return db
		.insert(stances)
		.values({
			revisionId: input.revisionId,
			userId: input.userId,
			stance: input.stance,
			reason: input.reason || null,
			language: input.language,
			createdAt: now,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: [stances.revisionId, stances.userId],
			set: { stance: input.stance, reason: input.reason || null, language: input.language, updatedAt: now }
		})
		.returning()
		.get();
}

export function withdrawStance(db: Queryable, revisionId: number, userId: number): void {
	db.delete(stances).where(and(eq(stances.revisionId, revisionId), eq(stances.userId, userId))).run();
}

export function getStance(db: Queryable, revisionId: number, userId: number): Stance | undefined {
	return db
		.select()
		.from(stances)
		.where(and(eq(stances.revisionId, revisionId), eq(stances.userId, userId)))
		.get();
}

export interface FeedbackCounts {
	support: number;
	oppose: number;
	neutral: number;
	comments: number;
}

export const NO_FEEDBACK: FeedbackCounts = { support: 0, oppose: 0, neutral: 0, comments: 0 };

/** Stance and comment counts for each of the given clause revisions. */
export function feedbackCounts(db: Queryable, revisionIds: number[]): Map<number, FeedbackCounts> {
	const out = new Map<number, FeedbackCounts>(revisionIds.map((id) => [id, { ...NO_FEEDBACK }]));
	if (revisionIds.length === 0) return out;
	const stanceRows = db
		.select({ revisionId: stances.revisionId, stance: stances.stance, n: sql<number>`count(*)` })
		.from(stances)
		.where(inArray(stances.revisionId, revisionIds))
		.groupBy(stances.revisionId, stances.stance)
		.all();
	for (const row of stanceRows) out.get(row.revisionId)![row.stance] = row.n;
	const commentRows = db
		.select({ revisionId: comments.revisionId, n: sql<number>`count(*)` })
		.from(comments)
		.where(inArray(comments.revisionId, revisionIds))
		.groupBy(comments.revisionId)
		.all();
	for (const row of commentRows) out.get(row.revisionId)!.comments = row.n;
	return out;
}

export const REASON_PAGE_SIZE = 20;

export interface ReasonView {
	id: number;
	stance: StanceValue;
	reason: string;
	language: string;
	author: { username: string; displayName: string } | null;
	updatedAt: number;
}

/** The reasons participants gave with their stances on a revision, newest first, one page at a time. */
export function listReasons(
	db: Queryable,
	revisionId: number,
	query: { page: number; pageSize?: number }
): { items: ReasonView[]; total: number; page: number; pageCount: number } {
	const pageSize = query.pageSize ?? REASON_PAGE_SIZE;
	const where = and(eq(stances.revisionId, revisionId), isNotNull(stances.reason));
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
			username: users.username,
			displayName: users.displayName
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
			reason: r.reason ?? '',
			language: r.language,
			updatedAt: r.updatedAt,
			author: r.username ? { username: r.username, displayName: r.displayName ?? r.username } : null
		})),
		total,
		page,
		pageCount
	};
}
