// Password change and the list of one's sessions, over HTTP against the built server; and the
// security headers on every kind of answer (pages, cached pages, early refusals, HTTPS).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PAGE = '/account/security';
const en = (await import('../../messages/en.json')).default as { errors: Record<string, string>; security: Record<string, string> };

beforeAll(async () => {
	server = await startServer({ demo: false });
});
afterAll(async () => {
	await server?.stop();
});

async function signUp(username: string, userAgent: string): Promise<Client> {
	const client = new Client(server.url, { 'user-agent': userAgent });
	const response = await client.post('/signup', {
		username,
		password: 'first password',
		displayName: username,
		languages: 'en',
		affiliation: '',
		redirectTo: '/'
	});
	expect(response.status).toBe(303);
	return client;
}

async function logIn(username: string, password: string, userAgent: string): Promise<Client> {
	const client = new Client(server.url, { 'user-agent': userAgent });
	await client.logIn(username, password);
	return client;
}

function sessionRows(username: string) {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db
			.prepare('SELECT s.id, s.user_agent AS userAgent, s.last_seen_at AS lastSeenAt FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?')
			.all(username) as { id: string; userAgent: string; lastSeenAt: number }[];
	} finally {
		db.close();
	}
}

const signedIn = async (client: Client) => (await client.get('/profile')).status === 200;

describe('the account security page', () => {
	it('is linked from the profile and needs a signed-in user', async () => {
		const client = await signUp('linda', FIREFOX);
		expect(await (await client.get('/profile')).text()).toContain(`href="${PAGE}"`);
		const anonymous = await new Client(server.url).get(PAGE);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(PAGE)}`);
	});

	it('lists one’s sessions with their browser, and ends one or all the others', async () => {
		const laptop = await signUp('mateo', FIREFOX);
		const phone = await logIn('mateo', 'first password', SAFARI);
		const tablet = await logIn('mateo', 'first password', 'curl/8.5.0');
		const rows = sessionRows('mateo');
		expect(rows.map((r) => r.userAgent).sort()).toEqual([FIREFOX, SAFARI, 'curl/8.5.0'].sort());
		expect(rows.every((r) => r.lastSeenAt > 0)).toBe(true);

		const html = await (await laptop.get(PAGE)).text();
		expect(html).toContain('Firefox 128 on Windows');
		expect(html).toContain('Safari 17 on iOS');
		expect(html).toContain(en.security.thisSession);
		// Ending the phone's session, by its id from the page.
		const phoneId = rows.find((r) => r.userAgent === SAFARI)!.id;
		expect(html).toContain(`value="${phoneId}"`);
		const revoked = await laptop.post(`${PAGE}?/revoke`, { session: phoneId });
		expect(revoked.status).toBe(200);
		expect(await revoked.text()).toContain(en.security.revoked);
		expect(await signedIn(phone)).toBe(false);
		expect(await signedIn(tablet)).toBe(true);

		// Someone else's session, the current one, or nonsense: 404, nothing ends.
		const other = await signUp('nobody-else', FIREFOX);
		const otherId = sessionRows('nobody-else')[0].id;
		expect((await laptop.post(`${PAGE}?/revoke`, { session: otherId })).status).toBe(404);
		expect((await laptop.post(`${PAGE}?/revoke`, { session: 'x' })).status).toBe(404);
		const laptopId = sessionRows('mateo').find((r) => r.userAgent === FIREFOX)!.id;
		expect((await laptop.post(`${PAGE}?/revoke`, { session: laptopId })).status).toBe(404);
		expect(await signedIn(other)).toBe(true);

		const all = await laptop.post(`${PAGE}?/revokeOthers`, {});
		expect(all.status).toBe(200);
		expect(await signedIn(tablet)).toBe(false);
		expect(await signedIn(laptop)).toBe(true);
		expect(sessionRows('mateo')).toHaveLength(1);
	});

	it('changes the password only with the current one, and ends the other sessions', async () => {
		const laptop = await signUp('noor', FIREFOX);
		const phone = await logIn('noor', 'first password', SAFARI);

		const wrong = await laptop.post(`${PAGE}?/password`, {
			currentPassword: 'not my password',
			newPassword: 'second password',
			confirmPassword: 'second password'
		});
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain(en.errors.currentPasswordWrong);
		const differ = await laptop.post(`${PAGE}?/password`, {
			currentPassword: 'first password',
			newPassword: 'second password',
			confirmPassword: 'second passwort'
		});
		expect(differ.status).toBe(400);
		expect(await differ.text()).toContain(en.errors.passwordsDiffer);
		expect(await signedIn(phone)).toBe(true);

		const changed = await laptop.post(`${PAGE}?/password`, {
			currentPassword: 'first password',
			newPassword: 'second password',
			confirmPassword: 'second password'
		});
		expect(changed.status).toBe(200);
		expect(await changed.text()).toContain(en.security.passwordChanged);
		expect(await signedIn(laptop)).toBe(true);
		expect(await signedIn(phone)).toBe(false);
		const old = await new Client(server.url).post('/login', { username: 'noor', password: 'first password', redirectTo: '/' });
		expect(old.status).toBe(400);
		await logIn('noor', 'second password', SAFARI);
	});
});

describe('security headers', () => {
	function expectHeaders(response: Response) {
		const h = response.headers;
		expect(h.get('x-content-type-options')).toBe('nosniff');
		expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(h.get('x-frame-options')).toBe('DENY');
		expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(h.get('permissions-policy')).toContain('camera=()');
	}

	it('come with pages, repeated pages, JSON, refusals and 404s', async () => {
		const client = new Client(server.url);
		const page = await client.get('/');
		expectHeaders(page);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toMatch(/script-src 'self' '(nonce|sha256)-[^']+'/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expectHeaders(await client.get('/'));
		expectHeaders(await client.get('/api/v1/consultations'));
		expectHeaders(await client.get('/no/such/page'));
		const tooLarge = await client.request('/login', { method: 'POST', body: 'x'.repeat(100_000), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url } });
		expect(tooLarge.status).toBe(413);
		expectHeaders(tooLarge);
		// Over http on a local address there is no HSTS (it would lock the browser out).
		expect(page.headers.get('strict-transport-security')).toBeNull();
	});

	it('include HSTS when the site is served over https', async () => {
		const https = await startServer({ demo: false, env: { ORIGIN: 'https://consult.example.org' } });
		try {
			const response = await fetch(`${https.url}/`);
			expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
			expectHeaders(response);
		} finally {
			await https.stop();
		}
	});
});
