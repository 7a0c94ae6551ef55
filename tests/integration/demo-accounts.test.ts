// Demo accounts have a password everyone knows: they work in demo mode only. A database seeded by
// `npm start` (demo mode) and served again with POLYPHONY_DEMO=0 refuses them — log-in and sessions
// alike —, says so at start-up with the command that removes them, and `npm run demo:remove`
// deletes them with the demo consultation. In demo mode the server listens on loopback only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server';
import { Client } from '../support/http';
import { formError } from '../support/form-errors';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'polyphony-demo-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const en = (await import('../../messages/en.json')).default as { errors: Record<string, string> };
const DEMO_PASSWORD = 'polyphony-demo';

function query<T>(path: string, sql: string): T[] {
	const db = new Database(path, { readonly: true });
	try {
		return db.prepare(sql).all() as T[];
	} finally {
		db.close();
	}
}

function demoRemove(databasePath: string) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-remove.ts'], {
		cwd: root,
		env: { ...process.env, DATABASE_PATH: databasePath },
		encoding: 'utf8'
	});
}

describe('demo accounts', () => {
	it('listen on loopback only in demo mode, unless HOST says otherwise', async () => {
		const demo = await startServer({ demo: true, env: { HOST: '' } });
		try {
			expect(demo.output()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
			expect((await fetch(`${demo.url}/`)).status).toBe(200);
		} finally {
			await demo.stop();
		}
	});

	it('refuse to log in and lose their sessions outside demo mode; demo:remove deletes them and the demo consultation', async () => {
		const databasePath = join(dir, 'seeded.db');
		const demo = await startServer({ demo: true, databasePath });
		const adminSession = new Client(demo.url);
		try {
			await adminSession.logIn('admin', DEMO_PASSWORD);
			expect((await adminSession.get('/profile')).status).toBe(200);
			// Someone who signed up for real while the demo ran.
			const real = new Client(demo.url);
			const signUp = await real.post('/signup', { username: 'real-person', password: 'a real password', displayName: 'Real', languages: 'en', affiliation: '', redirectTo: '/' });
			expect(signUp.status).toBe(303);
		} finally {
			await demo.stop();
		}
		const demoAccounts = query<{ n: number }>(databasePath, 'SELECT count(*) AS n FROM users WHERE is_demo = 1')[0].n;
		expect(demoAccounts).toBeGreaterThan(50);
		// A database seeded before demo accounts were marked: the server recognises them by their password.
		const legacy = new Database(databasePath);
		legacy.prepare('UPDATE users SET is_demo = 0').run();
		legacy.close();

		const production = await startServer({ demo: false, databasePath });
		try {
			expect(production.output()).toMatch(/demo accounts/);
			expect(production.output()).toContain('npm run demo:remove');
			const refused = await new Client(production.url).post('/login', { username: 'admin', password: DEMO_PASSWORD, redirectTo: '/' });
			expect(refused.status).toBe(400);
			expect(formError(await refused.text(), 'form-errors')).toBe(en.errors.loginFailed);
			expect((await new Client(production.url).post('/login', { username: 'amina', password: DEMO_PASSWORD, redirectTo: '/' })).status).toBe(400);
			// The session begun in demo mode is not honoured either.
			const stale = new Client(production.url);
			for (const [name, value] of adminSession.cookies) stale.cookies.set(name, value);
			const profile = await stale.get('/profile');
			expect(profile.status).toBe(303);
			expect(profile.headers.get('location')).toMatch(/^\/login/);
			// Real accounts are not affected.
			await new Client(production.url).logIn('real-person', 'a real password');
		} finally {
			await production.stop();
		}
		expect(query<{ n: number }>(databasePath, 'SELECT count(*) AS n FROM users WHERE is_demo = 1')[0].n).toBe(demoAccounts);

		const removal = demoRemove(databasePath);
		expect(removal.status, removal.stderr).toBe(0);
		expect(removal.stdout).toContain(`Removed ${demoAccounts} demo accounts`);
		expect(query(databasePath, 'SELECT id FROM users WHERE is_demo = 1')).toEqual([]);
		expect(query(databasePath, "SELECT id FROM users WHERE username IN ('admin', 'committee', 'amina', 'participant')")).toEqual([]);
		expect(query(databasePath, "SELECT id FROM consultations WHERE slug = 'code-of-conduct'")).toEqual([]);
		expect(query<{ username: string }>(databasePath, 'SELECT username FROM users')).toEqual([{ username: 'real-person' }]);
		// Nothing of the demo is left behind: its feedback and audit entries went with it.
		for (const table of ['stances', 'comments', 'clause_tallies', 'role_assignments', 'audit_log', 'liaison_summaries']) {
			expect(query<{ n: number }>(databasePath, `SELECT count(*) AS n FROM ${table}`)[0].n, table).toBe(0);
		}
		// Running it again finds nothing to do.
		const again = demoRemove(databasePath);
		expect(again.status).toBe(0);
		expect(again.stdout).toContain('No demo accounts');

		const clean = await startServer({ demo: false, databasePath });
		try {
			expect(clean.output()).not.toContain('demo:remove');
			await new Client(clean.url).logIn('real-person', 'a real password');
		} finally {
			await clean.stop();
		}
	});
});
