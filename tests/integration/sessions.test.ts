// The session cookie and the session rows behind it: logging in or signing up ends the session the
// browser held before, and over https the cookie is `__Host-polyphony_session` (Secure, Path=/, no
// Domain), which no other site on the domain can set or overwrite.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ demo: false });
});
afterAll(async () => {
	await server?.stop();
});

const PASSWORD = 'a long password';

function sessionCount(databasePath: string, username?: string): number {
	const db = new Database(databasePath, { readonly: true });
	try {
		const sql = 'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id' + (username ? ' WHERE u.username = ?' : '');
		return (db.prepare(sql).get(...(username ? [username] : [])) as { n: number }).n;
	} finally {
		db.close();
	}
}

const signUpForm = (username: string) => ({ username, password: PASSWORD, displayName: username, languages: 'en', affiliation: '', redirectTo: '/' });

describe('sessions', () => {
	it('logging in again ends the session the browser held', async () => {
		const client = new Client(server.url);
		expect((await client.post('/signup', signUpForm('again-a'))).status).toBe(303);
		const first = client.cookies.get('polyphony_session')!;
		expect(sessionCount(server.databasePath, 'again-a')).toBe(1);
		await client.logIn('again-a', PASSWORD);
		const second = client.cookies.get('polyphony_session')!;
		expect(second).not.toBe(first);
		expect(sessionCount(server.databasePath, 'again-a')).toBe(1);
		// The old token opens nothing any more.
		const old = new Client(server.url);
		old.cookies.set('polyphony_session', first);
		expect((await old.get('/profile')).status).toBe(303);
		expect((await client.get('/profile')).status).toBe(200);
	});

	it('logging in or signing up as someone else ends the session held before too', async () => {
		const client = new Client(server.url);
		expect((await client.post('/signup', signUpForm('again-b'))).status).toBe(303);
		expect((await new Client(server.url).post('/signup', signUpForm('again-c'))).status).toBe(303);
		await client.logIn('again-c', PASSWORD);
		expect(sessionCount(server.databasePath, 'again-b')).toBe(0);
		expect((await client.post('/signup', signUpForm('again-d'))).status).toBe(303);
		expect(sessionCount(server.databasePath, 'again-c')).toBe(1);
		expect(sessionCount(server.databasePath, 'again-d')).toBe(1);
		// again-c's other session (their sign-up's) was another browser's: it stays.
	});

	it('uses the __Host- prefix over https, and honours only that cookie there', async () => {
		const origin = 'https://consult.example.org';
		const https = await startServer({ demo: false, env: { ORIGIN: origin } });
		try {
			const client = new Client(https.url, { origin });
			const signUp = await client.post('/signup', signUpForm('secure-a'));
			expect(signUp.status).toBe(303);
			const set = signUp.headers.getSetCookie().find((c) => c.includes('polyphony_session='));
			expect(set).toMatch(/^__Host-polyphony_session=/);
			expect(set).toMatch(/;\s*Secure/i);
			expect(set).toMatch(/;\s*Path=\/(;|$)/i);
			expect(set).not.toMatch(/Domain=/i);
			expect((await client.get('/profile')).status).toBe(200);
			// The same token under the plain name — what another site on the domain could set — is not read.
			const plain = new Client(https.url);
			plain.cookies.set('polyphony_session', client.cookies.get('__Host-polyphony_session')!);
			expect((await plain.get('/profile')).status).toBe(303);
		} finally {
			await https.stop();
		}
		// Over plain http (a local address) the name has no prefix: browsers refuse __Host- without https.
		const client = new Client(server.url);
		const signUp = await client.post('/signup', signUpForm('plain-a'));
		expect(signUp.headers.getSetCookie().find((c) => c.includes('polyphony_session='))).toMatch(/^polyphony_session=/);
	});
});
