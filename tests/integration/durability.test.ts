// Start-up refuses what it must (a file that is not SQLite, a damaged database, a failing migration)
// with a clear message and exit code 1; `npm run backup` copies the database of a running server
// while it takes writes, and the copy, restored into a new server, has everything written before.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer } from '../support/server';
import { Client } from '../support/http';
import { createTestDb, makeConsultation, makeUser } from '../support/db';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'polyphony-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = join(root, process.env.POLYPHONY_BUILD ? `build-${process.env.POLYPHONY_BUILD}` : 'build', 'index.js');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs the built server, which is expected to refuse to start: its exit code and output. */
async function startExpectingRefusal(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, [entry], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, POLYPHONY_DEMO: '0', RATE_LIMITS: 'off', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	const code = await new Promise<number | null>((done) => child.on('exit', done));
	clearTimeout(timer);
	return { code, output };
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [tsx, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/** A migrated database with a consultation in it, closed, at `path`. */
function makeDatabase(path: string): void {
	const t = createTestDb();
	makeConsultation(t.db, { slug: 'kept' });
	makeUser(t.db, { username: 'someone' });
	t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
	t.db.$client.close();
	copyFileSync(t.path, path);
	rmSync(resolve(t.path, '..'), { recursive: true, force: true });
}

describe('start-up checks', () => {
	it('refuse a file that is not an SQLite database', async () => {
		const path = join(dir, 'notes.txt');
		writeFileSync(path, 'These are my notes, not a database.\n');
		const { code, output } = await startExpectingRefusal({ DATABASE_PATH: path });
		expect(code).toBe(1);
		expect(output).toContain(`Polyphony cannot start: the database file ${path} is not an SQLite database`);
		expect(output).toContain('docs/durability.md');
		expect(output).not.toContain('Listening on');
		expect(readFileSync(path, 'utf8')).toBe('These are my notes, not a database.\n');
	});

	it('refuse a damaged database', async () => {
		const path = join(dir, 'damaged.db');
		makeDatabase(path);
		const pageSize = 4096;
		const pages = statSync(path).size / pageSize;
		expect(pages).toBeGreaterThan(10);
		// Scribble over the middle of the file, leaving the header and the schema page alone.
		const fd = openSync(path, 'r+');
		const junk = Buffer.alloc(pageSize * 4, 0x5a);
		writeSync(fd, junk, 0, junk.length, pageSize * Math.floor(pages / 2));
		closeSync(fd);
		const { code, output } = await startExpectingRefusal({ DATABASE_PATH: path });
		expect(code).toBe(1);
		expect(output).toMatch(new RegExp(`Polyphony cannot start: the database file ${path} (is damaged: SQLite's quick_check reported|cannot be opened)`));
		expect(output).not.toContain('Listening on');
	});

	it('refuse a malformed setting, naming it', async () => {
		const { code, output } = await startExpectingRefusal({ DATABASE_PATH: join(dir, 'fresh.db'), RATE_LIMITS: 'on', RATE_LIMIT_POST: 'lots' });
		expect(code).toBe(1);
		expect(output).toContain('Polyphony cannot start: RATE_LIMIT_POST must look like "60/10m"');
		const check = await startExpectingRefusal({ DATABASE_PATH: join(dir, 'fresh.db'), DATABASE_CHECK: 'sometimes' });
		expect(check.code).toBe(1);
		expect(check.output).toContain('DATABASE_CHECK must be "quick", "full" or "off"');
	});

	it('stop when a migration fails, applying none of the pending ones', async () => {
		const path = join(dir, 'migrating.db');
		makeDatabase(path);
		const migrations = join(dir, 'migrations');
		cpSync(join(root, 'drizzle'), migrations, { recursive: true });
		const journalPath = join(migrations, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
		const last = journal.entries.at(-1)!;
		journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_broken' });
		writeFileSync(journalPath, JSON.stringify(journal));
		writeFileSync(join(migrations, '9999_broken.sql'), 'CREATE TABLE `harmless` (`id` integer);\n--> statement-breakpoint\nCREATE TABLE `users` (`id` integer);\n');

		const { code, output } = await startExpectingRefusal({ DATABASE_PATH: path, MIGRATIONS_DIR: migrations });
		expect(code).toBe(1);
		expect(output).toContain(`Polyphony cannot start: applying the database migrations in ${migrations} failed, so none of them was applied`);
		expect(output).toContain('table `users` already exists');
		const db = new Database(path, { readonly: true });
		const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
		const applied = (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
		const consultations = (db.prepare('SELECT slug FROM consultations').all() as { slug: string }[]).map((c) => c.slug);
		db.close();
		expect(tables).not.toContain('harmless');
		expect(applied).toBe(journal.entries.length - 1);
		expect(consultations).toEqual(['kept']);

		// With the real migrations the same database starts.
		const server = await startServer({ demo: false, databasePath: path });
		try {
			expect((await fetch(`${server.url}/consultations/kept`)).status).toBe(200);
		} finally {
			await server.stop();
		}
	});
});

describe('backup and restore', () => {
	it('backs up a running server’s database under writes; restored, it serves everything written before', async () => {
		const server = await startServer({ demo: true });
		const clause = '/consultations/code-of-conduct/clauses/harassment';
		try {
			const client = new Client(server.url);
			const signup = await client.post('/signup', {
				username: 'keeper',
				password: 'correct horse battery',
				displayName: 'Keeper',
				languages: 'en',
				affiliation: '',
				redirectTo: '/'
			});
			expect(signup.status).toBe(303);
			const revision = /name="revision" value="(\d+)"/.exec(await (await client.get(clause)).text())![1];
			const post = (body: string) => client.post(`${clause}?/comment`, { revision, body, language: 'en' });
			expect((await post('Written before the backup.')).status).toBe(200);

			// Writes keep coming while the backup runs.
			const acknowledged: string[] = [];
			let writing = true;
			const writer = (async () => {
				for (let i = 0; writing; i++) {
					const body = `Concurrent comment ${i}`;
					if ((await post(body)).status === 200) acknowledged.push(body);
				}
			})();
			await new Promise((r) => setTimeout(r, 300));
			const before = [...acknowledged];
			const out = join(dir, 'backup.db');
			const backup = await run(['scripts/backup.ts', '--out', out], { DATABASE_PATH: server.databasePath });
			writing = false;
			await writer;
			expect(backup.code, backup.output).toBe(0);
			expect(backup.output).toMatch(/Backed up .* quick_check ok/);
			expect(before.length).toBeGreaterThan(0);
			expect(acknowledged.length).toBeGreaterThan(before.length);
			expect(existsSync(`${out}.partial`)).toBe(false);

			// Never over an existing file without --force.
			const again = await run(['scripts/backup.ts', '--out', out], { DATABASE_PATH: server.databasePath });
			expect(again.code).toBe(1);
			expect(again.output).toContain('exists already; add --force');

			// Restore: the copy (alone, without -wal/-shm files) becomes a new server's database.
			const restoredDir = mkdtempSync(join(tmpdir(), 'polyphony-restored-'));
			const restoredPath = join(restoredDir, 'polyphony.db');
			copyFileSync(out, restoredPath);
			const restored = await startServer({ demo: false, databasePath: restoredPath });
			try {
				const reader = new Client(restored.url);
				await reader.logIn('keeper', 'correct horse battery');
				const page = await (await reader.get(`${clause}?order=oldest&clang=en`)).text();
				expect(page).toContain('Written before the backup.');
				const db = new Database(restoredPath, { readonly: true });
				const bodies = new Set((db.prepare('SELECT body FROM comments').all() as { body: string }[]).map((c) => c.body));
				db.close();
				for (const body of before) expect(bodies.has(body), body).toBe(true);
			} finally {
				await restored.stop();
				rmSync(restoredDir, { recursive: true, force: true });
			}
		} finally {
			await server.stop();
		}
	});
});
