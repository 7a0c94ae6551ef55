// Suspensions: a moderator stops an account from posting, reporting and taking stances for a
// while. The account's sessions stay valid (it can still read, and delete its own comments).
import { and, asc, desc, eq, exists, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '../db';
import { preparedQuery } from '../db/prepared';
import { clauseRevisions, clauses, comments, stances, suspensions, users, type Suspension } from '../db/schema';
import { recordAudit } from './audit';
import { ModerationError } from './errors';

const DAY = 24 * 60 * 60 * 1000;
export const MAX_SUSPENSION_DAYS = 365;

/** Thrown by assertNotSuspended; `until` is when the suspension ends (ms). */
export class SuspendedError extends Error {
	readonly code = 'errors.suspended';
	constructor(public readonly until: number) {
		super('errors.suspended');
	}
}

/** The suspension in force for this account now (the one ending last), if any. */
export function activeSuspension(db: Queryable, userId: number, now = Date.now()): Suspension | undefined {
	return activeSuspensionQuery(db).get({ userId, now });
}

const activeSuspensionQuery = preparedQuery((db) =>
	db
		.select()
		.from(suspensions)
		.where(
			and(
				eq(suspensions.userId, sql.placeholder('userId')),
				isNull(suspensions.liftedAt),
				lte(suspensions.startsAt, sql.placeholder('now')),
				gt(suspensions.endsAt, sql.placeholder('now'))
			)
		)
		.orderBy(desc(suspensions.endsAt))
		.limit(1)
		.prepare()
);

/** Every write a participant makes (stance, comment, edit, report, translation) calls this first. */
export function assertNotSuspended(db: Queryable, userId: number, now = Date.now()): void {
	const suspension = activeSuspension(db, userId, now);
	if (suspension) throw new SuspendedError(suspension.endsAt);
}

/** Whether the person has written in the consultation (a comment or a stance): whom its moderators may suspend. */
export function participatesIn(db: Queryable, userId: number, consultationId: number): boolean {
	const onClause = (revisionId: typeof comments.revisionId | typeof stances.revisionId) =>
		db
			.select({ one: clauses.id })
			.from(clauseRevisions)
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(and(eq(clauseRevisions.id, revisionId), eq(clauses.consultationId, consultationId)));
	const commented = db
		.select({ id: comments.id })
		.from(comments)
		.where(and(eq(comments.authorId, userId), exists(onClause(comments.revisionId))))
		.limit(1)
		.get();
	if (commented) return true;
	const stood = db
		.select({ id: stances.id })
		.from(stances)
		.where(and(eq(stances.userId, userId), exists(onClause(stances.revisionId))))
		.limit(1)
		.get();
	return stood !== undefined;
}

function subjectOf(db: Queryable, userId: number): { username: string; displayName: string; isSiteAdmin: boolean } {
	const user = db
		.select({ username: users.username, displayName: users.displayName, isSiteAdmin: users.isSiteAdmin })
		.from(users)
		.where(eq(users.id, userId))
		.get();
	if (!user) throw new ModerationError('errors.userNotFound', 404);
	return user;
}

/**
 * Suspends an account for `days` days, from the moderation of one consultation: the person must
 * have written in it. Moderators cannot suspend themselves or a site administrator. A suspension
 * already in force is replaced (ended now) by the new one.
 */
export function suspendUser(
	db: Queryable,
	input: { userId: number; consultationId: number; moderatorId: number; reason: string; days: number; now?: number }
): Suspension {
	const now = input.now ?? Date.now();
	if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SUSPENSION_DAYS) {
		throw new ModerationError('errors.suspensionDays', 400, 'days');
	}
	if (!input.reason.trim()) throw new ModerationError('errors.moderationReasonRequired', 400, 'reason');
	return db.transaction((tx) => {
		const user = subjectOf(tx, input.userId);
		if (input.userId === input.moderatorId) throw new ModerationError('errors.suspendSelf', 403);
		if (user.isSiteAdmin) throw new ModerationError('errors.suspendAdmin', 403);
		if (!participatesIn(tx, input.userId, input.consultationId)) throw new ModerationError('errors.suspendNotParticipant', 404);
		const replaced = activeSuspension(tx, input.userId, now);
		if (replaced) tx.update(suspensions).set({ liftedAt: now }).where(eq(suspensions.id, replaced.id)).run();
		const suspension = tx
			.insert(suspensions)
			.values({
				userId: input.userId,
				reason: input.reason.trim(),
				startsAt: now,
				endsAt: now + input.days * DAY,
				createdBy: input.moderatorId,
				createdAt: now
			})
			.returning()
			.get();
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'user.suspend',
			consultationId: input.consultationId,
			targetType: 'user',
			targetId: input.userId,
			subject: `${user.displayName} (${user.username})`,
			reason: suspension.reason,
			details: { days: input.days, endsAt: suspension.endsAt, suspensionId: suspension.id, replaced: replaced?.id ?? null },
			now
		});
		return suspension;
	});
}

/** Ends a suspension early, from the moderation of a consultation the person has written in. */
export function liftSuspension(
	db: Queryable,
	input: { suspensionId: number; consultationId: number; moderatorId: number; reason?: string; now?: number }
): Suspension {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const suspension = tx.select().from(suspensions).where(eq(suspensions.id, input.suspensionId)).get();
		if (!suspension || suspension.liftedAt !== null || suspension.endsAt <= now || !participatesIn(tx, suspension.userId, input.consultationId)) {
			throw new ModerationError('errors.suspensionNotFound', 404);
		}
		const user = subjectOf(tx, suspension.userId);
		const lifted = tx.update(suspensions).set({ liftedAt: now }).where(eq(suspensions.id, suspension.id)).returning().get();
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'user.unsuspend',
			consultationId: input.consultationId,
			targetType: 'user',
			targetId: suspension.userId,
			subject: `${user.displayName} (${user.username})`,
			reason: input.reason?.trim() ?? '',
			details: { suspensionId: suspension.id, endsAt: suspension.endsAt },
			now
		});
		return lifted;
	});
}

export interface SuspensionView {
	id: number;
	user: { id: number; username: string; displayName: string };
	reason: string;
	startsAt: number;
	endsAt: number;
	by: string | null;
}

/** The suspensions in force of people who have written in this consultation, ending soonest first. */
export function listActiveSuspensions(db: Queryable, consultationId: number, now = Date.now()): SuspensionView[] {
	const moderator = alias(users, 'moderator');
	const rows = db
		.select({
			id: suspensions.id,
			userId: suspensions.userId,
			username: users.username,
			displayName: users.displayName,
			reason: suspensions.reason,
			startsAt: suspensions.startsAt,
			endsAt: suspensions.endsAt,
			by: moderator.displayName
		})
		.from(suspensions)
		.innerJoin(users, eq(users.id, suspensions.userId))
		.leftJoin(moderator, eq(moderator.id, suspensions.createdBy))
		.where(and(isNull(suspensions.liftedAt), lte(suspensions.startsAt, now), gt(suspensions.endsAt, now)))
		.orderBy(asc(suspensions.endsAt))
		.all()
		.filter((row) => participatesIn(db, row.userId, consultationId));
	return rows.map((r) => ({
		id: r.id,
		user: { id: r.userId, username: r.username, displayName: r.displayName },
		reason: r.reason,
		startsAt: r.startsAt,
		endsAt: r.endsAt,
		by: r.by
	}));
}

/** When each of these people's suspension in force ends (absent: not suspended). */
export function suspendedUntil(db: Queryable, userIds: number[], now = Date.now()): Map<number, number> {
	const out = new Map<number, number>();
	if (userIds.length === 0) return out;
	const rows = db
		.select({ userId: suspensions.userId, endsAt: suspensions.endsAt })
		.from(suspensions)
		.where(
			and(
				inArray(suspensions.userId, [...new Set(userIds)]),
				isNull(suspensions.liftedAt),
				lte(suspensions.startsAt, now),
				gt(suspensions.endsAt, now)
			)
		)
		.all();
	for (const r of rows) out.set(r.userId, Math.max(out.get(r.userId) ?? 0, r.endsAt));
	return out;
}
