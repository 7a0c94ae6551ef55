// Downloading one's data and deleting one's account over HTTP, against the built server: the JSON
// file, the confirmation the deletion asks for, what stays in the consultation afterwards and what
// does not, and that the sessions end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
const PASSWORD = 'correct horse battery';
const RUN = Date.now().toString(36);

/** The id of the comment whose body holds `text`: the last comment anchor before it. */
function commentIdOf(html: string, text: string): string {
	const before = html.slice(0, html.indexOf(text));
	const ids = [...before.matchAll(/id="comment-(\d+)"/g)];
	if (!html.includes(text) || ids.length === 0) throw new Error(`no comment holds ${text}`);
	return ids[ids.length - 1][1];
}

let server: RunningServer;
let current = 0;

beforeAll(async () => {
	server = await startServer({ demo: true, env: { RATE_LIMITS: 'off' } });
	current = ((await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number }).currentVersion;
});
afterAll(async () => {
	await server?.stop();
});

async function signUp(username: string, displayName: string): Promise<Client> {
	const client = new Client(server.url, { 'accept-language': 'en' });
	const response = await client.post('/signup', { username, password: PASSWORD, displayName, languages: 'es, en', affiliation: 'volunteer', redirectTo: '/' });
	expect(response.status).toBe(303);
	return client;
}

/** A stance with a reason, a committee-only comment and a public one, and a reply from someone else. */
async function participate(client: Client, tag: string, replier: Client): Promise<void> {
	const html = await (await client.get(CLAUSE)).text();
	const revision = /name="revision" value="(\d+)"/.exec(html)![1];
	expect((await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', reason: `REASON-${tag}`, language: 'es' })).status).toBe(200);
	expect((await client.post(`${CLAUSE}?/comment`, { revision, body: `COMMENT-${tag}`, language: 'es' })).status).toBe(200);
	expect((await client.post(`${CLAUSE}?/comment`, { revision, body: `PRIVATE-${tag}`, language: 'es', committeeOnly: 'on' })).status).toBe(200);
	const page = await (await client.get(`${CLAUSE}?order=newest`)).text();
	const id = commentIdOf(page, `COMMENT-${tag}`);
	expect((await replier.post(`${CLAUSE}?/comment`, { revision, body: `ANSWER-${tag}`, language: 'en', parent: id })).status).toBe(200);
}

async function apiCounts() {
	const response = await fetch(`${server.url}/api/v1/consultations/${SLUG}/versions/${current}/clauses`);
	return ((await response.json()) as { clauses: { key: string; counts: Record<string, number> }[] }).clauses.find((c) => c.key === 'harassment')!.counts;
}

async function tallies() {
	const response = await fetch(`${server.url}/api/v1/consultations/${SLUG}/versions/${current}/tallies`);
	expect(response.status).toBe(200);
	return (await response.json()) as unknown;
}

describe('personal data over HTTP', () => {
	it('downloads everything the person wrote as a JSON attachment, only for them', async () => {
		const replier = await signUp(`replier_a_${RUN}`, 'Replier A');
		const client = await signUp(`download_${RUN}`, `Downloader ${RUN}`);
		await participate(client, `dl-${RUN}`, replier);

		const response = await client.get('/profile/data.json');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="polyphony-download_${RUN}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const data = (await response.json()) as {
			profile: { username: string };
			stances: { reason: string }[];
			comments: { body: string; committeeOnly: boolean }[];
		};
		expect(data.profile.username).toBe(`download_${RUN}`);
		expect(data.stances.map((s) => s.reason)).toEqual([`REASON-dl-${RUN}`]);
		expect(data.comments.map((c) => [c.body, c.committeeOnly])).toEqual([
			[`COMMENT-dl-${RUN}`, false],
			[`PRIVATE-dl-${RUN}`, true]
		]);
		expect(JSON.stringify(data)).not.toContain(`ANSWER-dl-${RUN}`);

		// The page that offers it, and no download for anyone signed out.
		expect(await (await client.get('/profile/data')).text()).toContain('href="/profile/data.json"');
		const anonymous = new Client(server.url);
		const refused = await anonymous.get('/profile/data.json');
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});

	it('asks for the password and a confirmation, then deletes the account and keeps the comments as "former participant"', async () => {
		const replier = await signUp(`replier_b_${RUN}`, 'Replier B');
		const name = `Keeper ${RUN}`;
		const client = await signUp(`keeper_${RUN}`, name);
		// A second session of the same account, e.g. on a phone.
		const phone = new Client(server.url);
		await phone.logIn(`keeper_${RUN}`, PASSWORD);
		await participate(client, `keep-${RUN}`, replier);
		const countsBefore = await apiCounts();
		const talliesBefore = await tallies();

		const form = await (await client.get('/profile/delete')).text();
		expect(form).toContain('Your 1 stance will keep counting');
		expect(form).toContain('You wrote 2 comments and replies.');
		expect(form).toContain('1 reply by someone else answers them');

		// No confirmation box: refused, nothing deleted.
		let response = await client.post('/profile/delete', { password: PASSWORD, comments: 'keep' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Tick the box to confirm');
		// A wrong password: refused.
		response = await client.post('/profile/delete', { password: 'not my password', comments: 'keep', confirm: 'on' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Your current password is not right.');
		expect((await client.get('/profile')).status).toBe(200);

		response = await client.post('/profile/delete', { password: PASSWORD, comments: 'keep', confirm: 'on' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/account-deleted?comments=keep');
		expect(client.cookies.has('polyphony_session')).toBe(false);
		const farewell = await (await client.get('/account-deleted?comments=keep')).text();
		expect(farewell).toContain('Your account has been deleted');

		// Every session ended, the phone's too; the account cannot log in again.
		expect((await phone.get('/profile')).status).toBe(303);
		const again = new Client(server.url);
		expect((await again.post('/login', { username: `keeper_${RUN}`, password: PASSWORD, redirectTo: '/' })).status).toBe(400);

		// The stance still counts, the tallies did not move; the comment stays, by a former participant.
		expect(await apiCounts()).toEqual(countsBefore);
		expect(await tallies()).toEqual(talliesBefore);
		const page = await (await new Client(server.url, { 'accept-language': 'en' }).get(`${CLAUSE}?order=newest`)).text();
		const section = page.slice(page.indexOf(`COMMENT-keep-${RUN}`) - 2000, page.indexOf(`COMMENT-keep-${RUN}`));
		expect(section).toContain('Former participant');
		expect(page).not.toContain(name);
		expect(page).toContain(`ANSWER-keep-${RUN}`);
		expect(page).toContain(`REASON-keep-${RUN}`);
	});

	it('refuses to delete the site’s only administrator (409, in their language), who can still sign in', async () => {
		const admin = new Client(server.url, { 'accept-language': 'es' });
		await admin.logIn('admin', 'polyphony-demo');
		const response = await admin.post('/profile/delete', { password: 'polyphony-demo', comments: 'keep', confirm: 'on' });
		expect(response.status).toBe(409);
		expect(await response.text()).toContain('Eres la única persona que administra el sitio.');
		expect((await admin.get('/profile')).status).toBe(200);
	});

	it('deletes the comments and reasons too when asked, keeping the replies of others and every count', async () => {
		const replier = await signUp(`replier_c_${RUN}`, 'Replier C');
		const client = await signUp(`leaver_${RUN}`, `Leaver ${RUN}`);
		await participate(client, `gone-${RUN}`, replier);
		const countsBefore = await apiCounts();
		const talliesBefore = await tallies();

		const response = await client.post('/profile/delete', { password: PASSWORD, comments: 'delete', confirm: 'on' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/account-deleted?comments=delete');

		expect(await apiCounts()).toEqual(countsBefore);
		expect(await tallies()).toEqual(talliesBefore);
		const committee = new Client(server.url, { 'accept-language': 'en' });
		await committee.logIn('committee', 'polyphony-demo');
		for (const client of [new Client(server.url), committee]) {
			const page = await (await client.get(`${CLAUSE}?order=newest`)).text();
			for (const gone of [`COMMENT-gone-${RUN}`, `PRIVATE-gone-${RUN}`, `REASON-gone-${RUN}`, `Leaver ${RUN}`]) expect(page).not.toContain(gone);
			expect(page).toContain(`ANSWER-gone-${RUN}`);
		}
	});
});
