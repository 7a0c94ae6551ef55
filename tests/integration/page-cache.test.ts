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

describe('the page cache with visitors lagging (PAGE_CACHE_VISITOR_LAG_SECONDS)', () => {
	const LAG_SECONDS = 2;
	let lagging: RunningServer;
	beforeAll(async () => {
		lagging = await startServer({ demo: true, env: { PAGE_CACHE_VISITOR_LAG_SECONDS: String(LAG_SECONDS) } });
	});
	afterAll(async () => {
		await lagging?.stop();
	});

	async function signedIn(username: string) {
		const client = new Client(lagging.url, { 'accept-language': 'en' });
		await client.logIn(username, 'polyphony-demo');
		return client;
	}

	it('shows visitors stances and comments within the lag, and signed-in people at once', async () => {
		const participant = await signedIn('participant');
		const reader = await signedIn('amina');
		const visitor = new Client(lagging.url, { 'accept-language': 'en' });
		const counts = async (client: Client) => {
			const response = await client.get(clausesApi, { accept: 'application/json' });
			const body = (await response.json()) as { clauses: { key: string; counts: { support: number; oppose: number } }[] };
			return { cache: cacheOf(response), counts: body.clauses.find((c) => c.key === 'harassment')!.counts };
		};
		const revision = /name="revision" value="(\d+)"/.exec(await (await participant.get(CLAUSE)).text())![1];
		const stance = async (value: string) =>
			expect([200, 303]).toContain((await participant.post(`${CLAUSE}?/stance`, { revision, stance: value, reason: '', language: 'en' })).status);
		await stance('support');
		await counts(visitor);
		await counts(reader);
		const before = await counts(visitor);
		expect(before.cache).toBe('hit');

		await stance('oppose');
		const lagged = await counts(visitor);
		expect(lagged.cache).toBe('hit');
		expect(lagged.counts).toEqual(before.counts);
		const direct = await counts(reader);
		expect(direct.cache).toBeNull();
		expect(direct.counts.oppose).toBe(before.counts.oppose + 1);

		await new Promise((resolve) => setTimeout(resolve, LAG_SECONDS * 1000 + 200));
		const caughtUp = await counts(visitor);
		expect(caughtUp.cache).toBeNull();
		expect(caughtUp.counts).toEqual(direct.counts);
	});

	it("purges visitors' pages at once when a moderator hides a comment", async () => {
		const marker = `LAG-HIDE-${Date.now().toString(36)}`;
		const author = await signedIn('participant');
		const moderator = await signedIn('moderator');
		const visitor = new Client(lagging.url, { 'accept-language': 'en' });
		const revision = /name="revision" value="(\d+)"/.exec(await (await author.get(CLAUSE)).text())![1];
		expect((await author.post(`${CLAUSE}?/comment`, { revision, body: marker, language: 'en' })).status).toBe(200);
		const page = await (await author.get(CLAUSE)).text();
		const id = /<article class="comment" id="comment-(\d+)"/.exec(page.slice(page.lastIndexOf('<article class="comment" id="comment-', page.indexOf(marker))))![1];

		await visitor.get(CLAUSE);
		const cached = await visitor.get(CLAUSE);
		expect(cacheOf(cached)).toBe('hit');
		expect(await cached.text()).toContain(marker);

		const hidden = await moderator.post(`/consultations/${SLUG}/moderation?/hide`, { comment: id, reason: 'Testing the purge' });
		expect(hidden.status).toBe(200);
		const after = await visitor.get(CLAUSE);
		expect(cacheOf(after)).toBeNull();
		expect(await after.text()).not.toContain(marker);
	});

	it('renders a page once for visitors asking for it at the same moment', async () => {
		const path = `/consultations/${SLUG}/clauses/scope?order=oldest&concurrent=${Date.now()}`;
		const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${lagging.url}${path}`, { headers: { accept: 'text/html' } })));
		const bodies = await Promise.all(answers.map((a) => a.text()));
		expect(answers.every((a) => a.status === 200)).toBe(true);
		expect(new Set(bodies).size).toBe(1);
		expect(answers.filter((a) => cacheOf(a) === 'hit').length).toBe(answers.length - 1);
	});
});
