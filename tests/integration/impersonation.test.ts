// Passing for someone else, over the built server (docs/moderation.md, "Impersonation"): display
// names with invisible or look-alike characters are refused at sign-up and on the profile; a person
// who takes the administrator's exact display name is still shown with their own @username and no
// badge; people with a role carry its badge on what they write; the moderation queue and the audit
// log name people by @username too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const BASE = `/consultations/${SLUG}`;
const CLAUSE = `${BASE}/clauses/scope`;
const PASSWORD = 'polyphony-demo';
const RUN = Date.now().toString(36);

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server?.stop();
});

async function as(username: string): Promise<Client> {
	const client = new Client(server.url, { 'accept-language': 'en' });
	await client.logIn(username, PASSWORD);
	return client;
}

async function html(client: Client, path: string): Promise<string> {
	const response = await client.get(path);
	expect(response.status, path).toBe(200);
	return response.text();
}

/** The words of some HTML as a reader (or a screen reader) gets them. */
function plain(markup: string): string {
	return markup
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ');
}

function signUp(client: Client, username: string, displayName: string) {
	return client.post('/signup', { username, displayName, password: PASSWORD, languages: 'en', affiliation: '', redirectTo: '/' });
}

/** The article of the comment containing `marker`. */
function commentWith(page: string, marker: string): string {
	const at = page.indexOf(marker);
	expect(at, marker).toBeGreaterThan(-1);
	const start = page.lastIndexOf('<article class="comment"', at);
	return page.slice(start, page.indexOf('</article>', at));
}

async function post(client: Client, body: string): Promise<string> {
	const page = await html(client, CLAUSE);
	const revision = /name="revision" value="(\d+)"/.exec(page)![1];
	const response = await client.post(`${CLAUSE}?/comment`, { revision, body, language: 'en' });
	expect(response.status).toBe(200);
	const after = await html(client, CLAUSE);
	return /id="comment-(\d+)"/.exec(commentWith(after, body))![1];
}

describe('display names', () => {
	it('refuses invisible characters and look-alike letters at sign-up, with a translated message', async () => {
		const cases: [string, string][] = [
			['Ada\u200BOkafor', 'Display names cannot contain invisible characters'],
			['Ada Okafor\u3164', 'Display names cannot contain invisible characters'],
			['\u2800', 'Display names cannot contain invisible characters'],
			['Ada\u{E0041} Okafor', 'Display names cannot contain invisible characters'],
			['\u0410da Okafor', 'cannot mix Latin letters with Cyrillic or Greek look-alikes'],
			['Ada \u202EOkafor', 'direction-override characters']
		];
		for (const [i, [name, message]] of cases.entries()) {
			const response = await signUp(new Client(server.url, { 'accept-language': 'en' }), `look${i}_${RUN}`, name);
			expect(response.status, JSON.stringify(name)).toBe(400);
			expect(await response.text(), JSON.stringify(name)).toContain(message);
		}
		const es = await signUp(new Client(server.url, { 'accept-language': 'es' }), `lookes_${RUN}`, 'Ada\u00ADOkafor');
		expect(es.status).toBe(400);
		expect(await es.text()).toContain('Los nombres visibles no pueden contener caracteres invisibles');
	});

	it('keeps a Persian name with its ZWNJ, and refuses invisible characters on the profile too', async () => {
		const client = new Client(server.url, { 'accept-language': 'en' });
		const name = 'نوید صادقی\u200Cپور';
		expect((await signUp(client, `navid_${RUN}`, name)).status).toBe(303);
		expect(await html(client, '/profile')).toContain(`value="${name}"`);
		const response = await client.post('/profile', { displayName: 'Ada\u2060Okafor', languages: 'en', affiliation: '' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Display names cannot contain invisible characters');
		expect(await html(client, '/profile')).toContain(`value="${name}"`);
	});
});

describe('who wrote what', () => {
	it('shows a copycat of the administrator’s display name with their own @username and no badge; the real one with theirs', async () => {
		const copycat = new Client(server.url, { 'accept-language': 'en' });
		// People may share a display name: the administrator's is accepted as it is.
		expect((await signUp(copycat, `ada_${RUN}`, 'Ada Okafor')).status).toBe(303);
		const fake = `I am the administrator ${RUN}`;
		await post(copycat, fake);
		const admin = await as('admin');
		const real = `I really am the administrator ${RUN}`;
		await post(admin, real);

		const page = await html(new Client(server.url, { 'accept-language': 'en' }), CLAUSE);
		const fakeArticle = commentWith(page, fake);
		expect(plain(fakeArticle)).toContain(`Ada Okafor @ada_${RUN}`);
		expect(fakeArticle).not.toContain('role-badge');
		const realArticle = commentWith(page, real);
		expect(plain(realArticle)).toContain('Ada Okafor @admin Administrator');
		// The name sits in its own isolate, and the article is labelled by name, @username and badge.
		expect(realArticle).toMatch(/<bdi class="person-name">Ada Okafor<\/bdi>/);
		const labelledBy = /aria-labelledby="([^"]+)"/.exec(realArticle)![1];
		const label = new RegExp(`id="${labelledBy}">([\\s\\S]*?)</span>\\s*<span class="badge lang-badge"`).exec(realArticle)![1];
		expect(plain(label).trim()).toBe('Ada Okafor @admin Administrator');
	});

	it('shows @username and the role badge on a committee member’s comment and on the committee’s response', async () => {
		const committee = await as('committee');
		const marker = `From the committee ${RUN}`;
		const id = await post(committee, marker);
		const page = await html(committee, CLAUSE);
		const revision = /name="revision" value="(\d+)"/.exec(page)![1];
		const explanation = `We will act on this ${RUN}`;
		const response = await committee.post(`${CLAUSE}?/respond`, { revision, comment: id, status: 'accepted', explanation, actedInVersion: '' });
		expect(response.status).toBe(200);

		const shown = await html(new Client(server.url, { 'accept-language': 'en' }), CLAUSE);
		const article = plain(commentWith(shown, marker));
		expect(article).toContain('Kenji Watanabe @committee Drafting committee');
		// The response, under the comment.
		const answer = article.slice(article.indexOf('Response from the drafting committee'));
		expect(answer).toContain('Kenji Watanabe @committee Drafting committee');
		expect(answer).toContain(explanation);

		// The JSON API names the author by username, with the badges.
		const current = ((await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number }).currentVersion;
		const api = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}/versions/${current}/clauses/scope/comments?order=newest`)).json()) as {
			comments: { author: unknown; html: string | null }[];
		};
		const mine = api.comments.find((c) => c.html?.includes(marker))!;
		expect(mine.author).toEqual({ username: 'committee', displayName: 'Kenji Watanabe', badges: [{ role: 'committee' }] });
	});

	it('shows a liaison’s badge with the language they serve', async () => {
		const liaison = await as('liaison_ar');
		const marker = `Liaison note ${RUN}`;
		await post(liaison, marker);
		const article = plain(commentWith(await html(liaison, CLAUSE), marker));
		expect(article).toContain('Layla Mansour @liaison_ar Liaison · العربية');
	});

	it('names people by @username in the moderation queue and the audit log', async () => {
		const author = new Client(server.url, { 'accept-language': 'en' });
		expect((await signUp(author, `rosa_${RUN}`, 'Rosa Lindqvist')).status).toBe(303);
		const marker = `Report me ${RUN}`;
		const id = await post(author, marker);
		const reporter = await as('participant');
		expect((await reporter.post(`${CLAUSE}?/report`, { comment: id, reason: 'spam', details: '' })).status).toBe(200);

		const moderator = await as('moderator');
		const queue = await html(moderator, `${BASE}/moderation`);
		const item = plain(queue.slice(queue.indexOf(`id="queue-${id}"`)).slice(0, 6000));
		// The author took the moderator's display name: the username tells them apart.
		expect(item).toContain(`Rosa Lindqvist @rosa_${RUN}`);
		expect(item).toContain('Sam Rivera @participant');

		expect((await moderator.post(`${BASE}/moderation?/hide`, { comment: id, reason: `Spam ${RUN}` })).status).toBe(200);
		const audit = plain(await html(await as('admin'), `${BASE}/audit?action=comment.hide`));
		expect(audit).toContain('Rosa Lindqvist @moderator Moderator');
		expect(audit).toContain(`Rosa Lindqvist (@rosa_${RUN})`);
	});
});
