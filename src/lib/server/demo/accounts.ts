// Finding the demo accounts in a database: users.is_demo, set by the demo builder — and, for a
// database seeded before that column existed, recognised by their shared password.
import { and, eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { users } from '../db/schema';
import { verifyPassword } from '../auth/password';
import { DEMO_PASSWORD } from './mode';

export function countDemoAccounts(db: DB): number {
	return db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).all().length;
}

/**
 * Marks as demo accounts the unmarked ones that the demo builder made before users.is_demo existed.
 * The builder hashes the demo password once for all its accounts, while every other password hash
 * has its own salt: so only a hash several accounts share is a candidate, and it is one if the demo
 * password verifies against it — one check per shared hash (none on a database without them).
 * Returns how many accounts it marked.
 */
export async function markUnmarkedDemoAccounts(db: DB): Promise<number> {
	const shared = db
		.select({ hash: users.passwordHash })
		.from(users)
		.where(eq(users.isDemo, false))
		.groupBy(users.passwordHash)
		.having(sql`count(*) > 1`)
		.all()
		.map((row) => row.hash);
	let marked = 0;
	for (const hash of shared) {
		if (!(await verifyPassword(hash, DEMO_PASSWORD))) continue;
		marked += db
			.update(users)
			.set({ isDemo: true })
			.where(and(eq(users.isDemo, false), eq(users.passwordHash, hash)))
			.run().changes;
	}
	return marked;
}
