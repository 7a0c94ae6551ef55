// Keys the server makes for itself: random on first use, stored in the database (server_secrets) so
// that restarts and every process on the same database share them. Never hard-coded, never logged.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { serverSecrets } from '../db/schema';

const cache = new WeakMap<object, Map<string, Buffer>>();

/** The secret called `name` (32 random bytes), made and stored the first time anyone asks. */
export function serverSecret(db: DB, name: string): Buffer {
	let known = cache.get(db.$client);
	if (!known) cache.set(db.$client, (known = new Map<string, Buffer>()));
	const cached = known.get(name);
	if (cached) return cached;
	// Two processes asking at once: the first insert wins and both read the same row.
	db.insert(serverSecrets).values({ name, value: randomBytes(32).toString('base64') }).onConflictDoNothing().run();
	const row = db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name)).get()!;
	const secret = Buffer.from(row.value, 'base64');
	known.set(name, secret);
	return secret;
}
