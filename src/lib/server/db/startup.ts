// Start-up checks of the database (see docs/durability.md): the file must be an SQLite database,
// pass SQLite's own consistency check, and take the pending migrations; otherwise the server stops
// with a message saying what is wrong and what to do, and a non-zero exit code.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath, getDb, type DB } from './index';
import { migrateDatabase, migrationsFolder } from './migrate';
import { StartupError } from '../startup-error';

export { StartupError };

export type IntegrityCheckMode = 'quick' | 'full' | 'off';

/**
 * DATABASE_CHECK: `quick` (default) runs PRAGMA quick_check — about 0.5 s on a 264 MB database —
 * `full` runs PRAGMA integrity_check (also compares every index with its table: about 3.5 s there),
 * `off` skips it.
 */
export function integrityCheckMode(env: Record<string, string | undefined> = process.env): IntegrityCheckMode {
	const value = (env.DATABASE_CHECK || 'quick').trim().toLowerCase();
	if (value === 'quick' || value === 'full' || value === 'off') return value;
	throw new StartupError(`DATABASE_CHECK must be "quick", "full" or "off", not "${env.DATABASE_CHECK}".`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const RESTORE_HINT = 'Check DATABASE_PATH, or restore the latest backup (see docs/durability.md).';

/** A file that exists and is not empty must begin with SQLite's header (an empty or missing one becomes a new database). */
export function checkSqliteHeader(path: string): void {
	if (path === ':memory:' || !existsSync(path)) return;
	const stat = statSync(path);
	if (!stat.isFile()) throw new StartupError(`the database path ${resolve(path)} is not a file. ${RESTORE_HINT}`);
	if (stat.size === 0) return;
	const head = Buffer.alloc(SQLITE_HEADER.length);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, head, 0, head.length, 0);
	} finally {
		closeSync(fd);
	}
	if (!head.equals(SQLITE_HEADER)) {
		throw new StartupError(`the database file ${resolve(path)} is not an SQLite database (it does not start with the SQLite header). ${RESTORE_HINT}`);
	}
}

/** SQLite's own consistency check; throws listing the first problems it reports. */
export function checkIntegrity(db: DB, mode: IntegrityCheckMode, path = databasePath()): void {
	if (mode === 'off') return;
	const pragma = mode === 'full' ? 'integrity_check' : 'quick_check';
	let problems: string[];
	try {
		problems = (db.$client.pragma(`${pragma}(20)`) as Record<string, string>[]).map((row) => Object.values(row)[0]);
	} catch (e) {
		problems = [e instanceof Error ? e.message : String(e)];
	}
	if (problems.length === 1 && problems[0] === 'ok') return;
	throw new StartupError(
		`the database file ${resolve(path)} is damaged: SQLite's ${pragma} reported\n  ${problems.join('\n  ')}\n${RESTORE_HINT}`
	);
}

/** An error's message and its causes' (drizzle wraps SQLite's own message as the cause), on one line. */
function describe(e: unknown): string {
	const parts: string[] = [];
	for (let current: unknown = e; current && parts.length < 5; current = (current as { cause?: unknown }).cause) {
		// eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever else was thrown, as String() shows it
		parts.push((current instanceof Error ? current.message : String(current)).trim().replace(/\s+/g, ' '));
		if (!(current instanceof Error)) break;
	}
	return parts.join(': ');
}

/** Opens the process's database, checks it and applies the pending migrations (all in one transaction). */
export function openCheckedDatabase(env: Record<string, string | undefined> = process.env): DB {
	const path = databasePath();
	const mode = integrityCheckMode(env);
	checkSqliteHeader(path);
	let db: DB;
	try {
		db = getDb();
		db.$client.pragma('schema_version');
	} catch (e) {
		throw new StartupError(`the database file ${resolve(path)} cannot be opened: ${describe(e)}. ${RESTORE_HINT}`);
	}
	checkIntegrity(db, mode, path);
	try {
		migrateDatabase(db);
	} catch (e) {
		throw new StartupError(
			`applying the database migrations in ${migrationsFolder()} failed, so none of them was applied and the database is as it was: ${describe(e)}`
		);
	}
	return db;
}

/** Prints why the server cannot start and exits with status 1. */
export function refuseToStart(e: unknown): never {
	if (e instanceof StartupError) console.error(`\nPolyphony cannot start: ${e.message}\n`);
	else console.error('\nPolyphony cannot start:', e);
	process.exit(1);
}
