// The audit log: every moderation decision and role change, written in the same transaction as the
// change itself, and read (filtered, paginated) by administrators.
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { auditLog, consultations, users, type AuditEntry } from '../db/schema';
import { nameWithUsername, personColumns, personOf, type PersonView } from '../roles/badges';

export const AUDIT_ACTIONS = [
	'comment.hide',
	'comment.restore',
	/** The report threshold was reached: the comment is hidden pending review (no actor). */
	'comment.pending',
	'report.dismiss',
	'user.suspend',
	'user.unsuspend',
	'role.grant',
	'role.revoke'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_SIZE = 50;

export interface AuditInput {
	/** Null for what the platform did by itself (a comment hidden after enough reports). */
	actorId: number | null;
	action: AuditAction;
	consultationId: number | null;
	targetType: 'comment' | 'user' | 'role' | 'report';
	targetId: number | null;
	subject: string;
	reason?: string;
	details?: Record<string, unknown> | null;
	now?: number;
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export function recordAudit(db: Queryable, input: AuditInput): AuditEntry {
	const actor =
		input.actorId === null
			? undefined
			: db.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, input.actorId)).get();
	return db
		.insert(auditLog)
		.values({
			at: input.now ?? Date.now(),
			actorId: input.actorId,
			actorName: actor ? nameWithUsername(actor) : '',
			action: input.action,
			consultationId: input.consultationId,
			targetType: input.targetType,
			targetId: input.targetId,
			subject: input.subject,
			reason: input.reason ?? '',
			details: input.details ?? null
		})
		.returning()
		.get();
}

export interface AuditFilters {
	/** Only this consultation's entries; null for every consultation (site administrators). */
	consultationId: number | null;
	action?: AuditAction | null;
	/** Part of the actor's name or username (case-insensitive). */
	actor?: string | null;
	/** Inclusive lower and exclusive upper bounds, in ms. */
	from?: number | null;
	to?: number | null;
	page?: number;
	pageSize?: number;
}

export interface AuditView {
	id: number;
	at: number;
	/** The name as it was when the entry was written (it outlives the account). */
	actorName: string;
	/** The actor's account as it is now, with @username and roles in the entry's consultation; null for the platform or a deleted account. */
	actor: PersonView | null;
	action: string;
	consultation: { slug: string; title: string } | null;
	targetType: string;
	targetId: number | null;
	subject: string;
	reason: string;
	details: Record<string, unknown> | null;
}

export interface AuditPage {
	items: AuditView[];
	total: number;
	page: number;
	pageCount: number;
}

/** A page of the audit log, newest first. */
export function listAudit(db: Queryable, filters: AuditFilters): AuditPage {
	const pageSize = filters.pageSize ?? AUDIT_PAGE_SIZE;
	const conditions: SQL[] = [];
	if (filters.consultationId !== null) conditions.push(eq(auditLog.consultationId, filters.consultationId));
	if (filters.action) conditions.push(eq(auditLog.action, filters.action));
	if (filters.actor) {
		// "@ada" and "ada" find the same person.
		const actor = filters.actor.replace(/^@/, '');
		const pattern = `%${actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(
			or(
				sql`${auditLog.actorName} like ${pattern} escape '\\'`,
				inArray(auditLog.actorId, db.select({ id: users.id }).from(users).where(eq(users.username, actor.toLowerCase())))
			)!
		);
	}
	if (filters.from != null) conditions.push(gte(auditLog.at, filters.from));
	if (filters.to != null) conditions.push(lt(auditLog.at, filters.to));
	const where = conditions.length ? and(...conditions) : undefined;

	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
	const rows = db
		.select({ entry: auditLog, slug: consultations.slug, title: consultations.title, actor: personColumns(users, auditLog.consultationId) })
		.from(auditLog)
		.leftJoin(consultations, eq(consultations.id, auditLog.consultationId))
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	return {
		items: rows.map(({ entry, slug, title, actor }) => ({
			id: entry.id,
			at: entry.at,
			actorName: entry.actorName,
			actor: personOf(actor),
			action: entry.action,
			consultation: slug !== null && title !== null ? { slug, title } : null,
			targetType: entry.targetType,
			targetId: entry.targetId,
			subject: entry.subject,
			reason: entry.reason,
			details: entry.details ?? null
		})),
		total,
		page,
		pageCount
	};
}
