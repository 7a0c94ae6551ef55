// A person's roles in their "download my data". The roles they granted to others are in the audit
// log's part (audit/personal-data.ts), as every grant is recorded there.
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { consultations, roleAssignments } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const rows = db
		.select({ consultation: consultations.slug, role: roleAssignments.role, language: roleAssignments.language, since: roleAssignments.createdAt })
		.from(roleAssignments)
		.innerJoin(consultations, eq(consultations.id, roleAssignments.consultationId))
		.where(eq(roleAssignments.userId, userId))
		.orderBy(asc(roleAssignments.id))
		.all();
	return { roles: rows.map((r) => ({ ...r, language: r.language || null, since: iso(r.since) })) };
}

export const rolesData: PersonalDataPart<ReturnType<typeof personalDataOf>> = { columns: [roleAssignments.userId], of: personalDataOf };
