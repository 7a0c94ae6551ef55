// The reports a person made and the suspensions they received, in their "download my data". What
// they did as a moderator (resolving reports, suspending) is in the audit log's part.
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { reports, suspensions } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	return {
		reports: db
			.select({ commentId: reports.commentId, reason: reports.reason, details: reports.details, status: reports.status, createdAt: reports.createdAt })
			.from(reports)
			.where(eq(reports.reporterId, userId))
			.orderBy(asc(reports.id))
			.all()
			.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
		suspensions: db
			.select({ reason: suspensions.reason, startsAt: suspensions.startsAt, endsAt: suspensions.endsAt, liftedAt: suspensions.liftedAt })
			.from(suspensions)
			.where(eq(suspensions.userId, userId))
			.orderBy(asc(suspensions.id))
			.all()
			.map((s) => ({ reason: s.reason, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), liftedAt: iso(s.liftedAt) }))
	};
}

export const moderationData: PersonalDataPart<ReturnType<typeof personalDataOf>> = { columns: [reports.reporterId, suspensions.userId], of: personalDataOf };
