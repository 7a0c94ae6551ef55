// The page cache over the built server: pages are served again only while nothing they were made
// from can have changed, and never to anyone but the session (or the visitors) they were made for.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
let clausesApi = '';

beforeAll(async () => {
	server = await startServer({ demo: true });
	const consultation = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number };
	clausesApi = `/api/v1/consultations/${SLUG}/versions/${consultation.currentVersion}/clauses`;
});
afterAll(async () => {
	await server?.stop();
});

const cacheOf = (response: Response) => response.headers.get('x-polyphony-cache');

async function harassmentCounts(client: Client) {
	const response = await client.get(clausesApi, { accept: 'application/json' });
	const body = (await response.json()) as { clauses: { key: string; counts: { support: number; oppose: number } }[] };
	return { cache: cacheOf(response), counts: body.clauses.find((c) => c.key === 'harassment')!.counts };
}

describe('the page cache', () => {
	it('serves a visitor the same page again, with a hash-based Content-Security-Policy', async () => {
		const visitor = new Client(server.url);
		const first = await visitor.get(CLAUSE);
		const second = await visitor.get(CLAUSE);
		expect(first.status).toBe(200);
		expect(cacheOf(second)).toBe('hit');
		expect(await second.text()).toBe(await first.text());
		const csp = second.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'sha256-/);
		expect(csp).not.toContain('nonce-');
		expect(second.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('keeps locales apart', async () => {
		const arabic = await new Client(server.url, { 'accept-language': 'ar' }).get(CLAUSE);
		const html = await arabic.text();
		expect(html).toMatch(/<html lang="ar" dir="rtl"/);
		expect(cacheOf(arabic)).toBeNull();
	});

	it('forgets everything once anyone writes, so the next reader sees the new numbers', async () => {
		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		const page = await (await participant.get(CLAUSE)).text();
		const revision = /name="revision" value="(\d+)"/.exec(page)![1];
		const stance = async (value: string) => {
			const response = await participant.post(`${CLAUSE}?/stance`, { revision, stance: value, reason: '', language: 'en' });
			expect([200, 303]).toContain(response.status);
		};
		await stance('support');

		const visitor = new Client(server.url);
		await harassmentCounts(visitor);
		const before = await harassmentCounts(visitor);
		expect(before.cache).toBe('hit');

		await stance('oppose');
		const after = await harassmentCounts(visitor);
		expect(after.cache).toBeNull();
		expect(after.counts.oppose).toBe(before.counts.oppose + 1);
		expect(after.counts.support).toBe(before.counts.support - 1);
	});

	it('keeps a signed-in page for that session only', async () => {
		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		await participant.get(CLAUSE);
		const again = await participant.get(CLAUSE);
		expect(cacheOf(again)).toBe('hit');
		expect(await again.text()).toContain('href="/profile"');

		const visitorPage = await new Client(server.url).get(CLAUSE);
		expect(await visitorPage.text()).not.toContain('href="/profile"');

		const sameUserOtherSession = new Client(server.url);
		await sameUserOtherSession.logIn('participant', 'polyphony-demo');
		expect(cacheOf(await sameUserOtherSession.get(CLAUSE))).toBeNull();
	});

	it('notices a change committed by another process (data_version)', async () => {
		const visitor = new Client(server.url);
		const path = `/consultations/${SLUG}`;
		await visitor.get(path);
		expect(cacheOf(await visitor.get(path))).toBe('hit');

		const db = new Database(server.databasePath);
		db.pragma('busy_timeout = 5000');
		db.prepare('update consultations set title = ? where slug = ?').run('Retitled from outside', SLUG);
		db.close();

		const after = await visitor.get(path);
		expect(cacheOf(after)).toBeNull();
		expect(await after.text()).toContain('Retitled from outside');
	});

	it('answers a hard reload (Cache-Control: no-cache) with a fresh page, and never keeps cookie-setting responses', async () => {
		const visitor = new Client(server.url);
		await visitor.get(CLAUSE);
		expect(cacheOf(await visitor.get(CLAUSE, { 'cache-control': 'no-cache' }))).toBeNull();

		const stale = new Client(server.url);
		stale.cookies.set('polyphony_session', 'not-a-real-token');
		const first = await stale.get(CLAUSE);
		expect(first.headers.getSetCookie().join()).toContain('polyphony_session=');
		expect(cacheOf(first)).toBeNull();
	});
});
