// Log-in and sign-up send people back to where they were — only ever to a path on this site, with a
// Location header a browser cannot read as another site, and never a 500, whatever redirectTo holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { HOSTILE_TARGETS } from '../support/redirect-targets';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ demo: false });
});
afterAll(async () => {
	await server?.stop();
});

const PASSWORD = 'a long password';
let counter = 0;

/** Where a browser goes with this Location header, from the log-in page. */
function landing(location: string | null): URL {
	expect(location).not.toBeNull();
	// A header value a browser receives is bytes: anything outside printable ASCII is a bug here.
	expect(location).toMatch(/^[\x21-\x7e]+$/);
	return new URL(location!, `${server.url}/login`);
}

async function signUp(redirectTo: string): Promise<Response> {
	const username = `redirect-${++counter}`;
	return new Client(server.url).post('/signup', { username, password: PASSWORD, displayName: username, languages: 'en', affiliation: '', redirectTo });
}

let member: Client;
beforeAll(async () => {
	expect((await signUp('/')).status).toBe(303);
	member = new Client(server.url);
	await member.logIn(`redirect-${counter}`, PASSWORD);
});

const EXPECTED: [string, string][] = [
	['/consultations/ünïcode', '/consultations/%C3%BCn%C3%AFcode'],
	['/consultations/ünïcode?lang=ar#تعليق', '/consultations/%C3%BCn%C3%AFcode?lang=ar#%D8%AA%D8%B9%D9%84%D9%8A%D9%82'],
	['/profile', '/profile'],
	['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
	['/%5Cevil.example', '/%5Cevil.example']
];

describe('redirectTo after log-in and sign-up', () => {
	it.each(HOSTILE_TARGETS)('log-in with %j stays on the site', async (target) => {
		const response = await new Client(server.url).post('/login', { username: `redirect-1`, password: PASSWORD, redirectTo: target });
		expect(response.status).toBe(303);
		expect(landing(response.headers.get('location')).origin).toBe(server.url);
		expect(response.headers.get('location')).toMatch(/^\/(?![/\\])/);
	});

	it.each(HOSTILE_TARGETS)('sign-up with %j stays on the site', async (target) => {
		const response = await signUp(target);
		expect(response.status).toBe(303);
		expect(landing(response.headers.get('location')).origin).toBe(server.url);
		expect(response.headers.get('location')).toMatch(/^\/(?![/\\])/);
	});

	it.each(EXPECTED)('keeps %j as %j, percent-encoded', async (target, location) => {
		const logIn = await new Client(server.url).post('/login', { username: 'redirect-1', password: PASSWORD, redirectTo: target });
		expect(logIn.status).toBe(303);
		expect(logIn.headers.get('location')).toBe(location);
		const signedUp = await signUp(target);
		expect(signedUp.status).toBe(303);
		expect(signedUp.headers.get('location')).toBe(location);
	});

	it.each(['/\t/evil.example/x', '/\t\\evil.example', '/\r\n/evil.example', '//evil.example', 'javascript:alert(1)', 'https://evil.example/'])(
		'sends %j to the landing page',
		async (target) => {
			const response = await new Client(server.url).post('/login', { username: 'redirect-1', password: PASSWORD, redirectTo: target });
			expect(response.headers.get('location')).toBe('/');
		}
	);

	it('sends a signed-in person opening /login or /signup with a hostile redirectTo to the landing page', async () => {
		// Raw query strings, as a link someone was sent would carry them.
		const queries = ['/%09/evil.example/x', '/%09%5Cevil.example', '/%0D%0A/evil.example', '/%0C/evil.example', '%2F%2Fevil.example', '/%E2%80%A8', 'javascript:alert(1)', '%EF%BC%8F%EF%BC%8Fevil.example'];
		for (const page of ['/login', '/signup']) {
			for (const raw of queries) {
				const response = await member.get(`${page}?redirectTo=${raw}`);
				expect(response.status, `${page} ${raw}`).toBe(303);
				expect(landing(response.headers.get('location')).origin).toBe(server.url);
			}
			const unicode = await member.get(`${page}?redirectTo=${encodeURIComponent('/consultations/ünïcode')}`);
			expect(unicode.status).toBe(303);
			expect(unicode.headers.get('location')).toBe('/consultations/%C3%BCn%C3%AFcode');
		}
	});

	it('puts only the cleaned-up target in the log-in form', async () => {
		const html = await (await new Client(server.url).get('/login?redirectTo=/%09/evil.example/x')).text();
		expect(html).toContain('name="redirectTo" value="/"');
	});
});
