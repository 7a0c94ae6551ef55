// Opens the embedded SQLite database once per process, with the settings every connection needs.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { cacheStatements } from './statements';
import { batcherFor } from './batch';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction on it: what a query that can run inside either needs. */
export type Queryable = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export const DEFAULT_DATABASE_PATH = 'data/polyphony.db';

/**
 * WAL lets readers run beside the single writer; `synchronous = FULL` makes every committed
 * transaction durable before the response that acknowledges it is sent (see docs/architecture.md);
 * the busy timeout makes concurrent writers wait instead of failing with "database is locked".
 */
export function openDatabase(path: string): DB {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	cacheStatements(sqlite);
	return drizzle(sqlite, { schema });
}

let shared: DB | undefined;

/** Where the process's database lives: DATABASE_PATH, default data/polyphony.db. */
export function databasePath(): string {
	return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** The process's database, at DATABASE_PATH (default data/polyphony.db). */
export function getDb(): DB {
	shared ??= openDatabase(databasePath());
	return shared;
}

/**
 * Runs a small write on the process's database in the next group commit (db/batch.ts): for the
 * frequent writes of many participants at once (stances, comments). Settles once it is durable.
 */
export function batchedWrite<T>(work: (db: DB) => T): Promise<T> {
	const db = getDb();
	return batcherFor(db.$client).run(() => work(db));
}
