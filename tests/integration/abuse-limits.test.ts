// The abuse limits on the built server, with small limits set through the environment: sign-up per
// address, log-in per account and per address with a growing delay, posting per user, the JSON API
// per address. Each refusal is a 429 with Retry-After and a message, in the reader's language, saying
// when to try again — on the page without JavaScript, in the form-action JSON with it, and in the
// API's JSON — and nothing is stored. Addresses come from X-Forwarded-For (ADDRESS_HEADER).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { formError } from '../support/form-errors';

let server: RunningServer;
const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
const PASSWORD = 'correct horse battery';
const es = (await import('../../messages/es.json')).default as { errors: Record<string, string> };
const en = (await import('../../messages/en.json')).default as { errors: Record<string, string> };

beforeAll(async () => {
	server = await startServer({
		demo: true,
		env: {
			RATE_LIMITS: 'on',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			RATE_LIMIT_SIGNUP: '2/1h',
			RATE_LIMIT_LOGIN_ACCOUNT: '100/1m',
			RATE_LIMIT_LOGIN_ADDRESS: '100/1m',
			RATE_LIMIT_LOGIN_BACKOFF: '2,2s,1m',
			RATE_LIMIT_POST: '3/1h',
			RATE_LIMIT_API: '5/1m'
		}
	});
});
afterAll(async () => {
	await server?.stop();
});

let addressCounter = 0;
/** A client from its own address, so that one test's counts do not spill into another's. */
function clientFrom(address = `10.1.0.${++addressCounter}`, headers: Record<string, string> = {}): Client {
	return new Client(server.url, { 'x-forwarded-for': address, ...headers });
}

function count(table: string): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** The catalog message with its {{when}} left open, as a pattern. */
function pattern(message: string): RegExp {
	const [before, after] = message.split('{{when}}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${before}.+${after}$`);
}

async function signUp(client: Client, username: string) {
	return client.post('/signup', { username, password: PASSWORD, displayName: username, languages: 'es, en', affiliation: '', redirectTo: '/' });
}

describe('abuse limits', () => {
	it('limit sign-ups per address, in the reader’s language, creating nothing', async () => {
		const client = clientFrom('10.2.0.1', { 'accept-language': 'es' });
		// Invalid attempts are not counted: correcting mistakes costs nothing.
		expect((await client.post('/signup', { username: 'x', password: 'short', displayName: '', languages: '', redirectTo: '/' })).status).toBe(400);
		expect((await signUp(client, 'limit-a')).status).toBe(303);
		expect((await signUp(clientFrom('10.2.0.1'), 'limit-b')).status).toBe(303);
		const users = count('users');
		const refused = await signUp(clientFrom('10.2.0.1', { 'accept-language': 'es' }), 'limit-c');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(1_000);
		expect(formError(await refused.text(), 'form-errors')).toMatch(pattern(es.errors.rateLimited));
		expect(count('users')).toBe(users);
		// Another address is not affected.
		expect((await signUp(clientFrom('10.2.0.2'), 'limit-c')).status).toBe(303);
	});

	it('slow log-ins down after failures, per account and per address, until a success', async () => {
		await signUp(clientFrom('10.3.0.9'), 'backoff-a');
		await signUp(clientFrom('10.3.0.9'), 'backoff-b');
		const attacker = clientFrom('10.3.0.1');
		const logIn = (client: Client, username: string, password: string) => client.post('/login', { username, password, redirectTo: '/' });
		// Two free failures, then each failure starts a delay (2 s, then 4 s…).
		expect((await logIn(attacker, 'backoff-a', 'wrong one')).status).toBe(400);
		expect((await logIn(attacker, 'backoff-a', 'wrong two')).status).toBe(400);
		expect((await logIn(attacker, 'backoff-a', 'wrong three')).status).toBe(400);
		const delayed = await logIn(attacker, 'backoff-a', PASSWORD);
		expect(delayed.status).toBe(429);
		expect(delayed.headers.get('retry-after')).toMatch(/^[12]$/);
		expect(formError(await delayed.text(), 'form-errors')).toMatch(pattern(en.errors.loginThrottled));
		// The account is delayed from every address, and the address for every account.
		expect((await logIn(clientFrom('10.3.0.2'), 'backoff-a', PASSWORD)).status).toBe(429);
		expect((await logIn(attacker, 'backoff-b', PASSWORD)).status).toBe(429);
		expect((await logIn(clientFrom('10.3.0.3'), 'backoff-b', PASSWORD)).status).toBe(303);

		await new Promise((r) => setTimeout(r, 2_100));
		// One more failure doubles the delay.
		expect((await logIn(attacker, 'backoff-a', 'wrong four')).status).toBe(400);
		const longer = await logIn(attacker, 'backoff-a', PASSWORD);
		expect(longer.status).toBe(429);
		expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(3);
		await new Promise((r) => setTimeout(r, 4_100));
		// A success clears the delay: the next failure is free again.
		expect((await logIn(attacker, 'backoff-a', PASSWORD)).status).toBe(303);
		expect((await logIn(clientFrom('10.3.0.1'), 'backoff-a', 'wrong again')).status).toBe(400);
		expect((await logIn(clientFrom('10.3.0.1'), 'backoff-a', PASSWORD)).status).toBe(303);
	});

	it('limit posting per user, on the page and in the form-action JSON, storing nothing', async () => {
		const client = clientFrom('10.4.0.1', { 'accept-language': 'es' });
		expect((await signUp(client, 'poster')).status).toBe(303);
		const html = await (await client.get(CLAUSE)).text();
		const revision = /name="revision" value="(\d+)"/.exec(html)![1];
		expect((await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', reason: '', language: 'es' })).status).toBe(200);
		expect((await client.post(`${CLAUSE}?/comment`, { revision, body: 'uno', language: 'es' })).status).toBe(200);
		expect((await client.post(`${CLAUSE}?/comment`, { revision, body: 'dos', language: 'es' })).status).toBe(200);
		const comments = count('comments');

		const page = await client.post(`${CLAUSE}?/comment`, { revision, body: 'tres', language: 'es' });
		expect(page.status).toBe(429);
		expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(60);
		const pageHtml = await page.text();
		expect(formError(pageHtml, 'comment-errors')).toMatch(pattern(es.errors.rateLimited));
		// What was typed is kept in the form.
		expect(pageHtml).toContain('>tres</textarea>');

		const enhanced = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'oppose', reason: '', language: 'es' }, {
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		expect(enhanced.headers.get('retry-after')).toBeTruthy();
		const result = (await enhanced.json()) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(result.data).toContain(es.errors.rateLimited.split('{{when}}')[0].trim().slice(0, 20));
		expect(count('comments')).toBe(comments);
		const stance = new Database(server.databasePath, { readonly: true });
		const row = stance.prepare(`SELECT s.stance FROM stances s JOIN users u ON u.id = s.user_id WHERE u.username = 'poster'`).get() as { stance: string };
		stance.close();
		expect(row.stance).toBe('support');
		// Reading is never limited.
		expect((await client.get(CLAUSE)).status).toBe(200);
	});

	it('limit the JSON API per address, with a JSON error in the caller’s language', async () => {
		const client = clientFrom('10.5.0.1', { 'accept-language': 'es' });
		for (let i = 0; i < 5; i++) expect((await client.get('/api/v1/consultations')).status).toBe(200);
		const refused = await client.get('/api/v1/consultations');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
		const body = (await refused.json()) as { error: { status: number; message: string } };
		expect(body.error.status).toBe(429);
		expect(body.error.message).toMatch(pattern(es.errors.rateLimited));
		expect((await clientFrom('10.5.0.2').get('/api/v1/consultations')).status).toBe(200);
	});
});
