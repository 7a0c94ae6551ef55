// Changing one's password: the current password is required, and every other session ends (a
// session someone else may hold does not survive the change).
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { users } from '../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import { invalidateOtherSessions } from '../auth/session';

export type PasswordChange = { changed: true; endedSessions: number } | { changed: false };

export async function changePassword(
	db: Queryable,
	input: { userId: number; currentPassword: string; newPassword: string; keepSessionId: string }
): Promise<PasswordChange> {
	const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).get();
	if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) return { changed: false };
	const passwordHash = await hashPassword(input.newPassword);
	const endedSessions = db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId)).run();
		return invalidateOtherSessions(tx, input.userId, input.keepSessionId);
	});
	return { changed: true, endedSessions };
}
