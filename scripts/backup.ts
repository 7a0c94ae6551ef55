// `npm run backup -- --out FILE`: a consistent copy of the database, made with SQLite's online backup
// while the server keeps running (readers and the writer are not stopped). The copy is written beside
// FILE, checked with PRAGMA quick_check, synced to disk, then renamed to FILE, so FILE is either
// absent or a complete, checked database. Restoring: docs/durability.md.
//
//   npm run backup -- --out backups/polyphony-2026-11-21.db        (DATABASE_PATH or data/polyphony.db)
//   npm run backup -- --db other.db --out copy.db --force          (--force replaces an existing FILE)
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DATABASE_PATH } from '../src/lib/server/db';

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	if (index >= 0) return process.argv[index + 1];
	return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function fail(message: string, code = 1): never {
	console.error(message);
	process.exit(code);
}

const out = argument('out');
if (!out) fail('Usage: npm run backup -- --out FILE [--db DATABASE] [--force]', 2);
const source = resolve(argument('db') ?? (process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH));
const target = resolve(out);
const partial = `${target}.partial`;
if (!existsSync(source)) fail(`There is no database at ${source}.`);
if (target === source) fail('The backup cannot be written over the database itself.');
if (existsSync(target) && !process.argv.includes('--force')) fail(`${target} exists already; add --force to replace it.`);
if (!existsSync(dirname(target))) fail(`The folder ${dirname(target)} does not exist.`);

function fsyncPath(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

const started = performance.now();
rmSync(partial, { force: true });
const db = new Database(source, { fileMustExist: true, timeout: 5000 });
try {
	// All remaining pages in one step: the copy is read from one snapshot of the database, so writes
	// the server commits meanwhile (which would restart a step-by-step backup) neither disturb nor enter it.
	const result = await db.backup(partial, { progress: () => 0x7fffffff });
	const copy = new Database(partial, { fileMustExist: true });
	let check: string;
	try {
		check = (copy.pragma('quick_check', { simple: true }) as string) ?? 'no answer';
	} finally {
		copy.close();
	}
	if (check !== 'ok') throw new Error(`the copy failed quick_check: ${check}`);
	fsyncPath(partial);
	renameSync(partial, target);
	fsyncPath(dirname(target));
	const mb = (statSync(target).size / 1024 / 1024).toFixed(1);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`Backed up ${source} to ${target}: ${result.totalPages} pages, ${mb} MB, in ${seconds} s; quick_check ok.`);
} catch (e) {
	rmSync(partial, { force: true });
	fail(`The backup failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
	db.close();
}
