// Five wrong passwords used to lock anyone out of their account, even with the right password, from
// anywhere. Now a browser that logged in to the account before carries a signed "known device"
// cookie: the strict per-account limit and delay apply only to attempts without it, so an attacker
// cannot lock the owner out; attempts from a known device are limited per device (and per address).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
	server = await startServer({
		demo: false,
		env: {
			RATE_LIMITS: 'on',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			RATE_LIMIT_SIGNUP: '100/1m',
			RATE_LIMIT_LOGIN_ACCOUNT: '6/1h',
			RATE_LIMIT_LOGIN_ADDRESS: '100/1m',
			RATE_LIMIT_LOGIN_BACKOFF: '3,10m,1h'
		}
	});
});
afterAll(async () => {
	await server?.stop();
});

const from = (address: string) => new Client(server.url, { 'x-forwarded-for': address });
const logIn = (client: Client, username: string, password: string) => client.post('/login', { username, password, redirectTo: '/' });

/** The known-device cookie in a client's jar: [name, value]. */
function deviceCookie(client: Client): [string, string] {
	const entry = [...client.cookies].find(([name]) => name.includes('device'));
	expect(entry, 'a known-device cookie').toBeDefined();
	return entry!;
}

async function account(username: string): Promise<Client> {
	const signUp = await from('10.9.0.1').post('/signup', { username, password: PASSWORD, displayName: username, languages: 'en', affiliation: '', redirectTo: '/' });
	expect(signUp.status).toBe(303);
	// The owner's own browser, logged in once before the attack.
	const owner = from('10.9.1.1');
	expect((await logIn(owner, username, PASSWORD)).status).toBe(303);
	return owner;
}

describe('log-in lock-out', () => {
	it('an attacker’s failures hold back attempts without the cookie, not the owner’s known device', async () => {
		const owner = await account('owner-a');
		// Failures from many addresses (a botnet): each address stays under its own limits.
		for (let i = 1; i <= 4; i++) expect((await logIn(from(`10.9.2.${i}`), 'owner-a', `guess ${i}`)).status).toBe(400);
		// The account is now in its delay, even with the right password, without the cookie…
		expect((await logIn(from('10.9.2.50'), 'owner-a', PASSWORD)).status).toBe(429);
		// …and stays so.
		for (let i = 5; i <= 8; i++) expect((await logIn(from(`10.9.2.${i}`), 'owner-a', `guess ${i}`)).status).toBe(429);
		// The owner, from the browser that logged in before (and from a new address: travelling), gets in.
		const travelling = from('10.9.3.1');
		for (const [name, value] of owner.cookies) travelling.cookies.set(name, value);
		travelling.cookies.delete(['polyphony_session', '__Host-polyphony_session'].find((n) => travelling.cookies.has(n))!);
		expect((await logIn(travelling, 'owner-a', PASSWORD)).status).toBe(303);
		expect((await travelling.get('/profile')).status).toBe(200);
		// Still nothing for attempts without the cookie.
		expect((await logIn(from('10.9.2.51'), 'owner-a', PASSWORD)).status).toBe(429);
	});

	it('a forged or tampered cookie, or one for another account, counts as no cookie', async () => {
		const owner = await account('owner-b');
		await account('owner-c');
		const [name, value] = deviceCookie(owner);
		for (let i = 1; i <= 4; i++) await logIn(from(`10.9.4.${i}`), 'owner-b', `guess ${i}`);
		const decoded = decodeURIComponent(value);
		const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
		const forgeries = [
			flip(decoded, 0),
			flip(decoded, decoded.length - 1),
			flip(decoded, Math.floor(decoded.length / 2)),
			decoded.replace('owner-b', 'owner-c'),
			'v1.AAAAAAAAAAAAAAAAAAAAAA.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.owner-b',
			'owner-b',
			''
		];
		for (const forged of forgeries) {
			const client = from('10.9.5.1');
			client.cookies.set(name, encodeURIComponent(forged));
			expect((await logIn(client, 'owner-b', PASSWORD)).status, forged).toBe(429);
		}
		// owner-c's own device cookie does not open owner-b either.
		const otherOwner = from('10.9.5.2');
		otherOwner.cookies.set(name, deviceCookie(await account('owner-d'))[1]);
		expect((await logIn(otherOwner, 'owner-b', PASSWORD)).status).toBe(429);
		// The genuine one does.
		const genuine = from('10.9.5.3');
		genuine.cookies.set(name, value);
		expect((await logIn(genuine, 'owner-b', PASSWORD)).status).toBe(303);
	});

	it('a stolen device cookie still cannot guess fast: attempts are limited per device', async () => {
		const owner = await account('owner-e');
		const [name, value] = deviceCookie(owner);
		const thief = (i: number) => {
			const client = from(`10.9.6.${i}`);
			client.cookies.set(name, value);
			return client;
		};
		for (let i = 1; i <= 4; i++) expect((await logIn(thief(i), 'owner-e', `guess ${i}`)).status).toBe(400);
		// The device's own delay now holds, even with the right password, from any address.
		expect((await logIn(thief(5), 'owner-e', PASSWORD)).status).toBe(429);
		// Those failures were the device's: the account itself is not held back by them.
		const laptop = from('10.9.7.1');
		expect((await logIn(laptop, 'owner-e', PASSWORD)).status).toBe(303);
	});
});
