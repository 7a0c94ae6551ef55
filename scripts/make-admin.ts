// `npm run make-admin -- USERNAME`: makes an existing account a site administrator (who can create
// consultations and assign roles). On a new installation without the demo, sign up first, then run this.
import { eq } from 'drizzle-orm';
import { getDb } from '../src/lib/server/db';
import { migrateDatabase } from '../src/lib/server/db/migrate';
import { users } from '../src/lib/server/db/schema';

const username = process.argv[2]?.trim().toLowerCase();
if (!username) {
	console.error('Usage: npm run make-admin -- USERNAME');
	process.exit(2);
}
const db = getDb();
migrateDatabase(db);
const updated = db.update(users).set({ isSiteAdmin: true }).where(eq(users.username, username)).returning().all();
if (updated.length === 0) {
	console.error(`No account named "${username}" in ${process.env.DATABASE_PATH || 'data/polyphony.db'}.`);
	process.exit(1);
}
console.log(`${username} is now a site administrator.`);
