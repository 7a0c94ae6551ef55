// What a person did that the audit log records, in their "download my data": granting and removing
// roles, moderating comments, resolving reports, suspending. The columns naming who did such an
// action elsewhere (role_assignments.granted_by, comments.moderated_by, reports.resolved_by,
// suspensions.created_by) are answered for here, since every one of those actions writes an audit
// entry (roles/service.ts, moderation/service.ts, moderation/suspensions.ts).
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { auditLog, comments, reports, roleAssignments, suspensions } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	return {
		auditActions: db
			.select({
				at: auditLog.at,
				action: auditLog.action,
				targetType: auditLog.targetType,
				targetId: auditLog.targetId,
				subject: auditLog.subject,
				reason: auditLog.reason
			})
			.from(auditLog)
			.where(eq(auditLog.actorId, userId))
			.orderBy(asc(auditLog.id))
			.all()
			.map((a) => ({ ...a, at: iso(a.at) }))
	};
}

export const auditData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [auditLog.actorId, roleAssignments.grantedBy, comments.moderatedBy, reports.resolvedBy, suspensions.createdBy],
	of: personalDataOf
};
