// `npm run tallies:rebuild`: recomputes every clause tally from the stances and comments in
// DATABASE_PATH (they are normally kept up to date as feedback is written).
import { getDb } from '../src/lib/server/db';
import { migrateDatabase } from '../src/lib/server/db/migrate';
import { rebuildTallies } from '../src/lib/server/tallies/service';

const db = getDb();
migrateDatabase(db);
const started = performance.now();
rebuildTallies(db);
console.log(`Tallies rebuilt in ${Math.round(performance.now() - started)} ms (${process.env.DATABASE_PATH || 'data/polyphony.db'}).`);
