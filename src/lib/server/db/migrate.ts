// Applies the drizzle-kit migrations in drizzle/ (committed, never edited by hand).
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { DB } from './index';

export function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR || 'drizzle');
}

export function migrateDatabase(db: DB): void {
	migrate(db, { migrationsFolder: migrationsFolder() });
}
