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

describe('what HTTP caches are told (Cache-Control, Vary)', () => {
	const COMMITTEE_ONLY_REASON = 'لا أستطيع قول هذا علنًا';

	async function signedIn(username: string) {
		const client = new Client(server.url, { 'accept-language': 'en' });
		await client.logIn(username, 'polyphony-demo');
		return client;
	}

	/** The response's Vary header as a list of lower-case names. */
	const varyOf = (response: Response) => (response.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

	it("marks a signed-in person's pages, their page data, the API and downloads private, no-store — from our cache too", async () => {
		const committee = await signedIn('committee');
		const moderator = await signedIn('moderator');
		const participant = await signedIn('participant');
		const clause = await (await committee.get(CLAUSE)).text();
		// The clause page the committee reads holds committee-only text.
		expect(clause).toContain(COMMITTEE_ONLY_REASON);
		const pages: [Client, string][] = [
			[participant, '/profile'],
			[participant, '/account/security'],
			[committee, `/consultations/${SLUG}/dashboard`],
			[committee, CLAUSE],
			[committee, `/consultations/${SLUG}/draft`],
			[moderator, `/consultations/${SLUG}/moderation`]
		];
		for (const [client, path] of pages) {
			const first = await client.get(path);
			const again = await client.get(path);
			const data = await client.get(`${path}/__data.json`);
			for (const response of [first, again, data]) {
				expect(response.status, path).toBe(200);
				expect(response.headers.get('cache-control'), path).toBe('private, no-store');
				expect(varyOf(response), path).toContain('cookie');
				await response.arrayBuffer();
			}
			// The header is added after our own cache kept the page: signed-in pages are still served from it.
			expect(cacheOf(again), path).toBe('hit');
		}
		for (const url of [clausesApi, '/profile/data.json', `/consultations/${SLUG}/export/download?format=csv`]) {
			const response = await committee.get(url, { accept: '*/*' });
			expect(response.status, url).toBe(200);
			expect(response.headers.get('cache-control'), url).toBe('private, no-store');
			await response.arrayBuffer();
		}
	});

	it("lets a visitor's public page be kept, varying by cookie and language", async () => {
		const visitor = new Client(server.url);
		// (SvelteKit marks its page data, __data.json, `private, no-store` for everyone: left as it is.)
		for (const url of [CLAUSE, `/consultations/${SLUG}`, clausesApi]) {
			const response = await visitor.get(url);
			expect(response.status, url).toBe(200);
			expect(response.headers.get('cache-control') ?? '', url).not.toMatch(/no-store|private/);
			expect(varyOf(response), url).toEqual(expect.arrayContaining(['cookie', 'accept-language']));
			await response.arrayBuffer();
		}
	});
});

describe('pages and their page data (__data.json) in the cache', () => {
	// curl's and fetch's default: not naming text/html must not make the page and its data one entry.
	const ANY = { accept: '*/*' };

	it('serves the page as HTML after its page data was cached', async () => {
		const path = `/consultations/${SLUG}/clauses/scope?data-first=${Date.now()}`;
		const [pathname, search] = path.split('?');
		const visitor = new Client(server.url);
		for (let i = 0; i < 2; i++) {
			const data = await visitor.get(`${pathname}/__data.json?${search}`, ANY);
			expect(data.headers.get('content-type')).toMatch(/^application\/json/);
			await data.arrayBuffer();
		}
		const page = await visitor.get(path, ANY);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await page.text()).toMatch(/^<!doctype html>/i);
	});

	it('serves the page data as JSON after the page was cached', async () => {
		const path = `/consultations/${SLUG}/clauses/scope?page-first=${Date.now()}`;
		const [pathname, search] = path.split('?');
		const visitor = new Client(server.url);
		for (let i = 0; i < 2; i++) await (await visitor.get(path, ANY)).arrayBuffer();
		expect(cacheOf(await visitor.get(path, ANY))).toBe('hit');
		const data = await visitor.get(`${pathname}/__data.json?${search}`, ANY);
		expect(data.headers.get('content-type')).toMatch(/^application\/json/);
		expect(((await data.json()) as { type: string }).type).toBe('data');
		// Which nodes the client asks to reload (x-sveltekit-invalidated) changes the answer: not one entry either.
		const all = (await (await visitor.get(`${pathname}/__data.json?${search}&x-sveltekit-invalidated=11`, ANY)).json()) as { nodes: { type: string }[] };
		const pageOnly = (await (await visitor.get(`${pathname}/__data.json?${search}&x-sveltekit-invalidated=01`, ANY)).json()) as { nodes: { type: string }[] };
		expect(all.nodes[0].type).toBe('data');
		expect(pageOnly.nodes[0].type).toBe('skip');
	});
});

describe("visitors' pages after feedback is taken back or hidden (PAGE_CACHE_VISITOR_LAG_SECONDS=30)", () => {
	let slow: RunningServer;
	beforeAll(async () => {
		slow = await startServer({ demo: true, env: { PAGE_CACHE_VISITOR_LAG_SECONDS: '30' } });
	});
	afterAll(async () => {
		await slow?.stop();
	});

	async function signedIn(username: string) {
		const client = new Client(slow.url, { 'accept-language': 'en' });
		await client.logIn(username, 'polyphony-demo');
		return client;
	}

	const marker = (what: string) => `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
	// A fresh address for each look, without the marker in it (the page repeats its address in links).
	let probes = 0;
	const probe = () => `${Date.now()}-${++probes}`;

	/**
	 * A visitor reading the clause page at its own address (so that no page cached by an earlier
	 * test answers), once rendered and once from the cache, and then again after `change`.
	 */
	async function visitorAfter(text: string, change: () => Promise<void>): Promise<{ cache: string | null; html: string }> {
		const visitor = new Client(slow.url, { 'accept-language': 'en' });
		const path = `${CLAUSE}?probe=${probe()}`;
		expect(await (await visitor.get(path)).text()).toContain(text);
		const cached = await visitor.get(path);
		expect(cacheOf(cached)).toBe('hit');
		await cached.arrayBuffer();
		await change();
		const after = await visitor.get(path);
		return { cache: cacheOf(after), html: await after.text() };
	}

	async function revisionFor(client: Client): Promise<string> {
		return /name="revision" value="(\d+)"/.exec(await (await client.get(CLAUSE)).text())![1];
	}

	async function stance(client: Client, form: Record<string, string>) {
		const response = await client.post(`${CLAUSE}?/stance`, { revision: await revisionFor(client), language: 'en', ...form });
		expect(response.status).toBe(200);
		await response.arrayBuffer();
	}

	it('a withdrawn stance takes its public reason off the page at once', async () => {
		const author = await signedIn('participant');
		const reason = marker('WITHDRAWN');
		await stance(author, { stance: 'support', reason });
		const after = await visitorAfter(reason, async () => {
			const response = await author.post(`${CLAUSE}?/withdraw`, { revision: await revisionFor(author) });
			expect(response.status).toBe(200);
		});
		expect(after.cache).toBeNull();
		expect(after.html).not.toContain(reason);
	});

	it('a public reason made committee-only, changed or removed leaves the page at once', async () => {
		const author = await signedIn('amina');
		const changes: Record<string, string>[] = [
			{ stance: 'oppose', committeeOnly: 'on' },
			{ stance: 'support', reason: 'Something else entirely' },
			{ stance: 'neutral', reason: '' }
		];
		for (const next of changes) {
			const reason = marker('REASON');
			await stance(author, { stance: 'support', reason });
			const after = await visitorAfter(reason, () => stance(author, { reason, ...next }));
			expect(after.html, JSON.stringify(next)).not.toContain(reason);
		}
	});

	it("an author's deleted or edited comment leaves the page at once", async () => {
		const author = await signedIn('participant');
		for (const change of ['delete', 'edit'] as const) {
			const body = marker(`COMMENT-${change}`);
			const posted = await author.post(`${CLAUSE}?/comment`, { revision: await revisionFor(author), body, language: 'en' });
			expect(posted.status).toBe(200);
			const page = await (await author.get(CLAUSE)).text();
			const id = /<article class="comment" id="comment-(\d+)"/.exec(page.slice(page.lastIndexOf('<article class="comment" id="comment-', page.indexOf(body))))![1];
			const edited = marker('EDITED');
			const after = await visitorAfter(body, async () => {
				const response =
					change === 'delete'
						? await author.post(`${CLAUSE}?/deleteComment`, { comment: id })
						: await author.post(`${CLAUSE}?/editComment`, { comment: id, body: edited, language: 'en' });
				expect(response.status).toBe(200);
			});
			expect(after.cache, change).toBeNull();
			// An edited comment keeps its earlier wording under "history" for everyone: the new one must show.
			if (change === 'delete') expect(after.html).not.toContain(body);
			else expect(after.html).toContain(edited);
		}
	});

	it('new public feedback still reaches visitors within the lag (the lag remains)', async () => {
		// Someone new, so that this is their first stance on the clause.
		const first = new Client(slow.url, { 'accept-language': 'en' });
		const username = `lag${Date.now().toString(36)}`;
		const signup = await first.post('/signup', { username, password: 'correct horse battery', displayName: 'Lag Tester', languages: 'en', affiliation: '', redirectTo: '/' });
		expect(signup.status).toBe(303);
		const reason = marker('NEW-REASON');
		const visitor = new Client(slow.url, { 'accept-language': 'en' });
		const path = `${CLAUSE}?probe=${probe()}`;
		await (await visitor.get(path)).arrayBuffer();
		await stance(first, { stance: 'support', reason });
		const lagged = await visitor.get(path);
		expect(cacheOf(lagged)).toBe('hit');
		expect(await lagged.text()).not.toContain(reason);
		// Changing the stance but keeping the same public reason takes nothing away: it may lag too.
		const againPath = `${CLAUSE}?probe=${probe()}`;
		expect(await (await visitor.get(againPath)).text()).toContain(reason);
		await stance(first, { stance: 'oppose', reason });
		expect(cacheOf(await visitor.get(againPath))).toBe('hit');
	});
});
