// `npm run demo:remove`: deletes the demo accounts (their password is public) and the demo
// consultation from the database at DATABASE_PATH (default data/polyphony.db) — before serving
// real people from a database that `npm start` seeded in demo mode. See src/lib/server/demo/remove.ts.
import { databasePath, getDb } from '../src/lib/server/db';
import { migrateDatabase } from '../src/lib/server/db/migrate';
import { countDemoAccounts, markUnmarkedDemoAccounts, removeDemo } from '../src/lib/server/demo/remove';

const db = getDb();
migrateDatabase(db);
// A database seeded before demo accounts were marked: find them by their shared password first.
await markUnmarkedDemoAccounts(db);
if (countDemoAccounts(db) === 0) {
	console.log(`No demo accounts in ${databasePath()}: nothing to remove.`);
	process.exit(0);
}
const removed = removeDemo(db);
console.log(
	`Removed ${removed.accounts} demo accounts${removed.consultationRemoved ? ' and the demo consultation' : ''} from ${databasePath()}.`
);
if (removed.siteAdmins === 0) {
	console.log('No site administrator is left: sign up, then run `npm run make-admin -- YOUR_USERNAME`.');
}
