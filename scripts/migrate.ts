// `npm run db:migrate`: applies pending migrations to DATABASE_PATH (the server also does this at start-up).
import { getDb } from '../src/lib/server/db';
import { migrateDatabase } from '../src/lib/server/db/migrate';

migrateDatabase(getDb());
console.log(`Migrations applied to ${process.env.DATABASE_PATH || 'data/polyphony.db'}.`);
