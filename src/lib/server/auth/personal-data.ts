// A person's sessions in their "download my data": when each began, was last used and ends, and the browser.
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { sessions } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const rows = db
		.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(asc(sessions.createdAt))
		.all();
	return {
		sessions: rows.map((s) => ({ createdAt: iso(s.createdAt), lastSeenAt: iso(s.lastSeenAt), expiresAt: iso(s.expiresAt), userAgent: s.userAgent }))
	};
}

export const sessionsData: PersonalDataPart<ReturnType<typeof personalDataOf>> = { columns: [sessions.userId], of: personalDataOf };
