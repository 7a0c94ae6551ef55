// Suspensions: a moderator stops an account from posting, reporting and taking stances in one
// consultation for a while. The account's sessions stay valid (it can still read, and delete its own
// comments), and it writes in other consultations as before. Who may suspend whom: `mayAct` below.
import { and, asc, desc, eq, exists, gt, inArray, isNull, lte, or, sql, type Placeholder } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '../db';
import { nameWithUsername } from '../people/badges';
import { preparedQuery } from '../db/prepared';
import { clauseRevisions, clauses, comments, stances, suspensions, users, type Suspension } from '../db/schema';
import { rolesIn } from '../roles/service';
import { recordAudit } from '../audit/service';
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

/**
 * A suspension applies in its consultation; one without (issued before suspensions were scoped,
 * migration 0005) still applies everywhere until it ends or is lifted.
 */
const appliesIn = (consultationId: number | Placeholder) =>
	or(eq(suspensions.consultationId, consultationId), isNull(suspensions.consultationId))!;

/** The suspension in force for this account in this consultation now (the one ending last), if any. */
export function activeSuspension(db: Queryable, userId: number, consultationId: number, now = Date.now()): Suspension | undefined {
	return activeSuspensionQuery(db).get({ userId, consultationId, now });
}

const activeSuspensionQuery = preparedQuery((db) =>
	db
		.select()
		.from(suspensions)
		.where(
			and(
				eq(suspensions.userId, sql.placeholder('userId')),
				appliesIn(sql.placeholder('consultationId')),
				isNull(suspensions.liftedAt),
				lte(suspensions.startsAt, sql.placeholder('now')),
				gt(suspensions.endsAt, sql.placeholder('now'))
			)
		)
		.orderBy(desc(suspensions.endsAt))
		.limit(1)
		.prepare()
);

/**
 * Every write a participant makes in a consultation (stance, comment, edit, report, comment
 * translation) calls this first, with the consultation it writes in.
 */
export function assertNotSuspended(db: Queryable, userId: number, consultationId: number, now = Date.now()): void {
	const suspension = activeSuspension(db, userId, consultationId, now);
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

interface Subject {
	username: string;
	displayName: string;
	isSiteAdmin: boolean;
}

function findUser(db: Queryable, userId: number): Subject | undefined {
	return db
		.select({ username: users.username, displayName: users.displayName, isSiteAdmin: users.isSiteAdmin })
		.from(users)
		.where(eq(users.id, userId))
		.get();
}

/**
 * How high someone stands in a consultation, for suspensions: a site administrator (4) above its
 * administrators (3), its drafting committee (2), its moderators (1), everyone else (0) —
 * translators and liaisons included: their roles are not about moderation.
 */
export function suspensionRank(db: Queryable, userId: number, consultationId: number, isSiteAdmin: boolean): number {
	if (isSiteAdmin) return 4;
	const held = new Set(rolesIn(db, userId, consultationId).map((r) => r.role));
	if (held.has('admin')) return 3;
	if (held.has('committee')) return 2;
	if (held.has('moderator')) return 1;
	return 0;
}

/**
 * Whether `actorId` may suspend `subject` in this consultation, or end their suspension there: never
 * themselves, never a site administrator, and only someone whose role there is lower than their own
 * — so a moderator cannot silence the committee that appointed them, nor another moderator. Throws
 * the refusal (403); the caller has checked that the actor moderates here at all.
 */
function mayAct(db: Queryable, input: { actorId: number; userId: number; consultationId: number; subject: Subject; lifting: boolean }): void {
	if (input.actorId === input.userId) throw new ModerationError(input.lifting ? 'errors.liftSelf' : 'errors.suspendSelf', 403);
	if (input.subject.isSiteAdmin) throw new ModerationError('errors.suspendAdmin', 403);
	const actor = findUser(db, input.actorId);
	const actorRank = actor ? suspensionRank(db, input.actorId, input.consultationId, actor.isSiteAdmin) : 0;
	if (suspensionRank(db, input.userId, input.consultationId, false) >= actorRank) throw new ModerationError('errors.suspendOutranked', 403);
}

/**
 * Suspends an account in one consultation for `days` days: the person must have written in it, and
 * the moderator must outrank them there (`mayAct`). A suspension in force there is replaced (ended
 * now) by the new one. Refusals write nothing, not even to the audit log.
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
		const user = findUser(tx, input.userId);
		if (input.userId === input.moderatorId) throw new ModerationError('errors.suspendSelf', 403);
		if (user?.isSiteAdmin) throw new ModerationError('errors.suspendAdmin', 403);
		// An unknown account and one that never wrote here get the same answer: a moderator cannot
		// probe which account ids exist, nor which roles people who never wrote here hold.
		if (!user || !participatesIn(tx, input.userId, input.consultationId)) throw new ModerationError('errors.suspendNotParticipant', 404);
		mayAct(tx, { actorId: input.moderatorId, userId: input.userId, consultationId: input.consultationId, subject: user, lifting: false });
		const replaced = activeSuspension(tx, input.userId, input.consultationId, now);
		if (replaced) tx.update(suspensions).set({ liftedAt: now }).where(eq(suspensions.id, replaced.id)).run();
		const suspension = tx
			.insert(suspensions)
			.values({
				userId: input.userId,
				consultationId: input.consultationId,
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
			subject: nameWithUsername(user),
			reason: suspension.reason,
			details: { days: input.days, endsAt: suspension.endsAt, suspensionId: suspension.id, replaced: replaced?.id ?? null },
			now
		});
		return suspension;
	});
}

/**
 * Ends a suspension early, from the moderation of its consultation (a site-wide one of before
 * migration 0005: of a consultation the person has written in), by someone who could have issued it
 * (`mayAct`: not the person themselves, not someone whose role there is as high as theirs or lower).
 */
export function liftSuspension(
	db: Queryable,
	input: { suspensionId: number; consultationId: number; moderatorId: number; reason?: string; now?: number }
): Suspension {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const suspension = tx.select().from(suspensions).where(eq(suspensions.id, input.suspensionId)).get();
		const here =
			suspension !== undefined &&
			(suspension.consultationId === null ? participatesIn(tx, suspension.userId, input.consultationId) : suspension.consultationId === input.consultationId);
		if (!suspension || !here || suspension.liftedAt !== null || suspension.endsAt <= now) {
			throw new ModerationError('errors.suspensionNotFound', 404);
		}
		const user = findUser(tx, suspension.userId);
		if (!user) throw new ModerationError('errors.suspensionNotFound', 404);
		mayAct(tx, { actorId: input.moderatorId, userId: suspension.userId, consultationId: input.consultationId, subject: user, lifting: true });
		const lifted = tx.update(suspensions).set({ liftedAt: now }).where(eq(suspensions.id, suspension.id)).returning().get();
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'user.unsuspend',
			consultationId: input.consultationId,
			targetType: 'user',
			targetId: suspension.userId,
			subject: nameWithUsername(user),
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
	/** Issued before suspensions were scoped (migration 0005): it applies on the whole site. */
	siteWide: boolean;
}

/**
 * The suspensions in force in this consultation, ending soonest first: its own, and the site-wide
 * ones of before migration 0005 of people who have written in it.
 */
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
			by: moderator.displayName,
			consultationId: suspensions.consultationId
		})
		.from(suspensions)
		.innerJoin(users, eq(users.id, suspensions.userId))
		.leftJoin(moderator, eq(moderator.id, suspensions.createdBy))
		.where(and(appliesIn(consultationId), isNull(suspensions.liftedAt), lte(suspensions.startsAt, now), gt(suspensions.endsAt, now)))
		.orderBy(asc(suspensions.endsAt))
		.all()
		.filter((row) => row.consultationId !== null || participatesIn(db, row.userId, consultationId));
	return rows.map((r) => ({
		id: r.id,
		user: { id: r.userId, username: r.username, displayName: r.displayName },
		reason: r.reason,
		startsAt: r.startsAt,
		endsAt: r.endsAt,
		by: r.by,
		siteWide: r.consultationId === null
	}));
}

/** When each of these people's suspension in force in this consultation ends (absent: not suspended there). */
export function suspendedUntil(db: Queryable, userIds: number[], consultationId: number, now = Date.now()): Map<number, number> {
	const out = new Map<number, number>();
	if (userIds.length === 0) return out;
	const rows = db
		.select({ userId: suspensions.userId, endsAt: suspensions.endsAt })
		.from(suspensions)
		.where(
			and(
				inArray(suspensions.userId, [...new Set(userIds)]),
				appliesIn(consultationId),
				isNull(suspensions.liftedAt),
				lte(suspensions.startsAt, now),
				gt(suspensions.endsAt, now)
			)
		)
		.all();
	for (const r of rows) out.set(r.userId, Math.max(out.get(r.userId) ?? 0, r.endsAt));
	return out;
}
