// Which writes let visitors' cached pages lag: the participation service's answer decides
// (http/page-cache-hook.ts feedbackWritten, locals.addsFeedback), not the address posted to. A
// comment that was posted adds feedback — visitors may see the page a little late; a post the
// service refused wrote nothing that could lag, and is treated like every other write: purged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const CLAUSE = '/consultations/code-of-conduct/clauses/harassment';
let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ demo: true, env: { PAGE_CACHE_VISITOR_LAG_SECONDS: '30' } });
});
afterAll(async () => {
	await server?.stop();
});

const cacheOf = (response: Response) => response.headers.get('x-polyphony-cache');
let probes = 0;

/** A visitor's clause page at its own address: rendered, served from the cache, then looked at again after `write`. */
async function visitorAfter(write: () => Promise<void>) {
	const visitor = new Client(server.url, { 'accept-language': 'en' });
	const path = `${CLAUSE}?probe=${Date.now()}-${++probes}`;
	await (await visitor.get(path)).arrayBuffer();
	const cached = await visitor.get(path);
	expect(cacheOf(cached)).toBe('hit');
	await cached.arrayBuffer();
	await write();
	const after = await visitor.get(path);
	return { cache: cacheOf(after), html: await after.text() };
}

describe("visitors' pages after a comment (PAGE_CACHE_VISITOR_LAG_SECONDS=30)", () => {
	it('a posted comment lets them lag; a refused one purges them like any other write', async () => {
		const author = new Client(server.url, { 'accept-language': 'en' });
		await author.logIn('participant', 'polyphony-demo');
		const revision = /name="revision" value="(\d+)"/.exec(await (await author.get(CLAUSE)).text())![1];
		const body = `LAGGING-${Date.now().toString(36)}`;

		const posted = await visitorAfter(async () => {
			const response = await author.post(`${CLAUSE}?/comment`, { revision, body, language: 'en' });
			expect(response.status).toBe(200);
			await response.arrayBuffer();
		});
		expect(posted.cache).toBe('hit');
		expect(posted.html).not.toContain(body);
		// The author sees it at once.
		expect(await (await author.get(CLAUSE)).text()).toContain(body);

		// German is not one of the consultation's languages: the service refuses, nothing is written.
		const refused = await visitorAfter(async () => {
			const response = await author.post(`${CLAUSE}?/comment`, { revision, body: 'Ein Kommentar.', language: 'de' });
			expect(response.status).toBe(400);
			await response.arrayBuffer();
		});
		expect(refused.cache).toBeNull();
		expect(refused.html).toContain(body);
		expect(refused.html).not.toContain('Ein Kommentar.');
	});
});
