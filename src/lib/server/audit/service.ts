// The audit log: every moderation decision and role change (a deleted account's roles too), written
// in the same transaction as the change itself by moderation/, roles/ and accounts/, and read
// (filtered, paginated) by administrators.
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { auditLog, consultations, users, type AuditEntry } from '../db/schema';
import { nameWithUsername, personColumns, personOf } from '../people/badges';
import { AUDIT_PAGE_SIZE, type AuditFilters, type AuditInput, type AuditPage } from './types';

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

/** Removes a consultation's entries: only for a consultation that goes entirely (the demo's, `npm run demo:remove`). */
export function deleteAuditOf(db: Queryable, consultationId: number): void {
	db.delete(auditLog).where(eq(auditLog.consultationId, consultationId)).run();
}
