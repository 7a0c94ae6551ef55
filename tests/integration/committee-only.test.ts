// Committee-only feedback over HTTP against the built server: a participant's committee-only
// comment, reason and the committee's reply reach the author and the committee, and no response to
// anyone else contains them — pages, SvelteKit's page data, the JSON API, every page of comments,
// and the errors for someone else's committee-only comment id (404 or the same error as an unknown one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
const DEMO_PASSWORD = 'polyphony-demo';
const RUN = Date.now().toString(36);
const MARKER_COMMENT = `SECRET-COMMENT-${RUN}`;
const MARKER_REASON = `SECRET-REASON-${RUN}`;
const MARKER_REPLY = `SECRET-REPLY-${RUN}`;
const MARKER_TRANSLATION = `SECRET-TRANSLATION-${RUN}`;
const AUTHOR_NAME = `Private Author ${RUN}`;
const MARKERS = [MARKER_COMMENT, MARKER_REASON, MARKER_REPLY, MARKER_TRANSLATION, AUTHOR_NAME];
const BADGE = 'Only the drafting committee can read this';

/** The id of the comment whose body holds `text`: the last comment anchor before it. */
function commentIdOf(html: string, text: string): string {
	const before = html.slice(0, html.indexOf(text));
	const ids = [...before.matchAll(/id="comment-(\d+)"/g)];
	if (!html.includes(text) || ids.length === 0) throw new Error(`no comment holds ${text}`);
	return ids[ids.length - 1][1];
}

let server: RunningServer;
let current = 0;
let secretId = '';
const clients = new Map<string, Client>();

async function demoUser(username: string): Promise<Client> {
	const client = new Client(server.url, { 'accept-language': 'en' });
	await client.logIn(username, DEMO_PASSWORD);
	return client;
}

async function signUp(username: string, displayName: string, languages: string): Promise<Client> {
	const client = new Client(server.url, { 'accept-language': 'en' });
	const response = await client.post('/signup', { username, password: 'correct horse battery', displayName, languages, affiliation: '', redirectTo: '/' });
	expect(response.status).toBe(303);
	return client;
}

async function revision(client: Client): Promise<string> {
	const html = await (await client.get(CLAUSE)).text();
	return /name="revision" value="(\d+)"/.exec(html)![1];
}

async function counts(client: Client) {
	const response = await client.get(`/api/v1/consultations/${SLUG}/versions/${current}/clauses`);
	return ((await response.json()) as { clauses: { key: string; counts: { oppose: number; comments: number } }[] }).clauses.find((c) => c.key === 'harassment')!
		.counts;
}

/** Every GET a reader can make that shows comments, reasons, their counts or their authors. */
function readablePaths(): string[] {
	const pages = [
		CLAUSE,
		`${CLAUSE}?order=oldest`,
		`${CLAUSE}?clang=en`,
		`${CLAUSE}?clang=ar`,
		`${CLAUSE}?page=1&rpage=1`,
		`${CLAUSE}?page=2&rpage=2`,
		`${CLAUSE}?version=${current}`,
		`${CLAUSE}?lang=ar`,
		`${CLAUSE}/history`,
		`/consultations/${SLUG}`,
		`/consultations/${SLUG}/results`,
		`/consultations/${SLUG}/changes`,
		`/consultations/${SLUG}/versions/${current}/heard`,
		`/consultations/${SLUG}/dashboard`,
		`/consultations/${SLUG}/moderation`,
		'/profile',
		'/profile/data'
	];
	const data = pages.map((p) => {
		const [path, query] = p.split('?');
		return `${path}/__data.json${query ? `?${query}` : ''}`;
	});
	const api = [
		'/api/v1/consultations',
		`/api/v1/consultations/${SLUG}`,
		`/api/v1/consultations/${SLUG}/versions`,
		`/api/v1/consultations/${SLUG}/versions/${current}/clauses`,
		`/api/v1/consultations/${SLUG}/versions/${current}/clauses?lang=ar`,
		`/api/v1/consultations/${SLUG}/versions/${current}/tallies`,
		`/api/v1/consultations/${SLUG}/versions/${current}/summaries`,
		`/api/v1/consultations/${SLUG}/versions/1/diff/${current}`,
		'/profile/data.json'
	];
	return [...pages, ...data, ...api];
}

beforeAll(async () => {
	server = await startServer({ demo: true, env: { RATE_LIMITS: 'off' } });
	current = ((await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number }).currentVersion;
	clients.set('anonymous', new Client(server.url, { 'accept-language': 'en' }));
	clients.set('author', await signUp(`private_${RUN}`, AUTHOR_NAME, 'ar, en'));
	clients.set('participant', await signUp(`bystander_${RUN}`, 'Bystander', 'ar, en, es'));
	for (const name of ['liaison_ar', 'liaison_es', 'translator_ar', 'moderator', 'committee', 'admin', 'amina']) clients.set(name, await demoUser(name));
});
afterAll(async () => {
	await server?.stop();
});

const OUTSIDERS = ['anonymous', 'participant', 'liaison_ar', 'liaison_es', 'translator_ar', 'moderator', 'amina'];
const INSIDERS = ['author', 'committee', 'admin'];

describe('committee-only feedback over HTTP', () => {
	it('is posted by ticking the box, counts at once, and the committee answers it in the thread', async () => {
		const author = clients.get('author')!;
		const committee = clients.get('committee')!;
		const before = await counts(author);
		const rev = await revision(author);

		let response = await author.post(`${CLAUSE}?/stance`, { revision: rev, stance: 'oppose', reason: MARKER_REASON, language: 'ar', committeeOnly: 'on' });
		expect(response.status).toBe(200);
		response = await author.post(`${CLAUSE}?/comment`, { revision: rev, body: MARKER_COMMENT, language: 'ar', committeeOnly: 'on' });
		expect(response.status).toBe(200);
		const html = await (await author.get(`${CLAUSE}?clang=ar`)).text();
		secretId = commentIdOf(html, MARKER_COMMENT);

		// The committee's reply needs no box: it stays in the private thread.
		response = await committee.post(`${CLAUSE}?/comment`, { revision: rev, body: MARKER_REPLY, language: 'en', parent: secretId });
		expect(response.status).toBe(200);
		// Its author, who reads both, translates it for the committee; the translation is as private as the comment.
		response = await author.post(`${CLAUSE}?/translateComment`, { comment: secretId, language: 'en', body: MARKER_TRANSLATION });
		expect(response.status).toBe(200);

		const after = await counts(clients.get('anonymous')!);
		expect(after.oppose).toBe(before.oppose + 1);
		expect(after.comments).toBe(before.comments + 2);
	});

	it('is shown to its author and the committee, marked, with the thread and the translation', async () => {
		for (const name of INSIDERS) {
			const html = await (await clients.get(name)!.get(CLAUSE)).text();
			for (const marker of MARKERS) expect(html, `${name}: ${marker}`).toContain(marker);
			expect(html, name).toContain(BADGE);
			// The committee reads everything: nothing is left to count as out of its sight. (The author
			// still sees that the demo's other committee-only feedback exists.)
			if (name !== 'author') expect(html, name).not.toContain('committee-only-count');
		}
		// The same holds for SvelteKit's page data, which the sweep below checks for everyone else.
		const data = await (await clients.get('committee')!.get(`${CLAUSE}/__data.json`)).text();
		for (const marker of MARKERS) expect(data, marker).toContain(marker);
		// The author's stance form remembers the choice.
		const own = await (await clients.get('author')!.get(CLAUSE)).text();
		expect(own).toMatch(/name="committeeOnly" value="on" checked/);
		// A reply form under the private comment says the reply stays private, instead of asking.
		expect(own).toContain('so your reply is too');
	});

	it('appears in no response to anyone else, on any page, page data or API route', async () => {
		const paths = readablePaths();
		for (const name of OUTSIDERS) {
			const client = clients.get(name)!;
			for (const path of paths) {
				const response = await client.get(path);
				expect(response.status, `${name} ${path}`).toBeLessThan(500);
				const body = await response.text();
				for (const marker of MARKERS) expect(body, `${name} ${path}: ${marker}`).not.toContain(marker);
				expect(body, `${name} ${path}`).not.toContain(`comment-${secretId}"`);
			}
		}
		// Outsiders learn only that such feedback exists.
		const anonymous = await (await clients.get('anonymous')!.get(CLAUSE)).text();
		expect(anonymous).toContain('committee-only-count');
		expect(anonymous).toMatch(/for the drafting committee only; (it counts|they count)/);
	}, 120_000);

	it('answers someone else’s committee-only comment id as if it did not exist', async () => {
		const rev = await revision(clients.get('participant')!);
		for (const name of OUTSIDERS.filter((n) => n !== 'anonymous')) {
			const client = clients.get(name)!;
			// Translating it: 404, as for an unknown id.
			const translate = await client.post(`${CLAUSE}?/translateComment`, { comment: secretId, language: 'es', body: 'x' });
			const unknown = await client.post(`${CLAUSE}?/translateComment`, { comment: '99999999', language: 'es', body: 'x' });
			expect([translate.status, unknown.status], name).toEqual([404, 404]);
			// Reporting it: 404 as well.
			const report = await client.post(`${CLAUSE}?/report`, { comment: secretId, reason: 'spam', details: '' });
			const reportUnknown = await client.post(`${CLAUSE}?/report`, { comment: '99999999', reason: 'spam', details: '' });
			expect([report.status, reportUnknown.status], name).toEqual([404, 404]);
			const translateBody = await translate.text();
			for (const marker of MARKERS) expect(translateBody, name).not.toContain(marker);
			// Replying to it: the same refusal as for an unknown parent, and nothing stored. (Asked the
			// way an enhanced form asks, the answer is the action's data: the message itself.)
			const asScript = { accept: 'application/json', 'x-sveltekit-action': 'true' };
			const reply = await client.post(`${CLAUSE}?/comment`, { revision: rev, body: `intrusion ${name}`, language: 'en', parent: secretId }, asScript);
			const replyUnknown = await client.post(`${CLAUSE}?/comment`, { revision: rev, body: `intrusion ${name}`, language: 'en', parent: '99999999' }, asScript);
			const [a, b] = [await reply.text(), await replyUnknown.text()];
			expect(a, name).toContain('The comment you are replying to does not exist.');
			expect(a.replaceAll(secretId, 'ID'), name).toBe(b.replaceAll('99999999', 'ID'));
			for (const marker of MARKERS) expect(a, name).not.toContain(marker);
		}
		const committeeView = await (await clients.get('committee')!.get(CLAUSE)).text();
		expect(committeeView).not.toContain('intrusion');
	}, 60_000);

	it('a participant cannot read it by asking for the committee’s JSON of the page either', async () => {
		const response = await clients.get('participant')!.get(`${CLAUSE}/__data.json?x-sveltekit-invalidated=11`);
		expect(response.status).toBe(200);
		const body = await response.text();
		for (const marker of MARKERS) expect(body).not.toContain(marker);
	});
});
