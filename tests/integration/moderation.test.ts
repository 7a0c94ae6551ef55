// Reporting and moderation over HTTP against the built server, posting forms the way a browser
// without JavaScript does: report → queue → hide → readers see the reason and not the body (page,
// page data, JSON API); the report threshold; who may reach the queue; moderators of another
// consultation; suspensions (a translated 4xx, scoped to one consultation, never of someone whose
// role there is as high as the moderator's); authors' edits and deletions; the audit log.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const BASE = `/consultations/${SLUG}`;
const CLAUSE = `${BASE}/clauses/scope`;
const QUEUE = `${BASE}/moderation`;
const PASSWORD = 'polyphony-demo';
const RUN = Date.now().toString(36);
const OTHER_SLUG = `other-${RUN}`;

let server: RunningServer;
let db: Database.Database;
let current = 0;

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const userId = (username: string) => String(one<{ id: number }>('SELECT id FROM users WHERE username = ?', username).id);
/** What a refused suspension must leave as it was: the suspensions and the audit log. */
const suspensionState = () => JSON.stringify([db.prepare('SELECT * FROM suspensions ORDER BY id').all(), db.prepare('SELECT count(*) AS n, max(id) AS last FROM audit_log').get()]);

async function as(username: string, language = 'en', base = server.url): Promise<Client> {
	const client = new Client(base, { 'accept-language': language });
	await client.logIn(username, PASSWORD);
	return client;
}

async function html(client: Client, path: string): Promise<string> {
	const response = await client.get(path);
	expect(response.status, path).toBe(200);
	return response.text();
}

async function revisionOf(client: Client, path = CLAUSE): Promise<string> {
	return /name="revision" value="(\d+)"/.exec(await html(client, path))![1];
}

/** Posts a comment and returns its id, found on the page by its (unique) text. */
async function post(client: Client, body: string, path = CLAUSE, extra: Record<string, string> = {}): Promise<string> {
	const response = await client.post(`${path}?/comment`, { revision: await revisionOf(client, path), body, language: 'en', ...extra });
	expect(response.status).toBe(200);
	const page = await html(client, path);
	const at = page.indexOf(body);
	expect(at, body).toBeGreaterThan(-1);
	return commentIdAt(page, at);
}

/** The id of the comment whose article contains position `at` of the page. */
function commentIdAt(page: string, at: number): string {
	return /^<article class="comment" id="comment-(\d+)"/.exec(page.slice(page.lastIndexOf('<article class="comment" id="comment-', at)))![1];
}

/** The part of the page that belongs to one comment: up to its end or the next comment. */
function section(page: string, id: string): string {
	const start = page.indexOf(`id="comment-${id}"`);
	expect(start).toBeGreaterThan(-1);
	const rest = page.slice(start);
	const ends = [rest.indexOf('<article', 1), rest.indexOf('</article>')].filter((i) => i >= 0);
	return rest.slice(0, Math.min(...ends));
}

/** The words of some HTML, as a reader sees them (tags and Svelte's hydration comments removed). */
function plain(markup: string): string {
	return markup
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

async function apiComments(client: Client): Promise<string> {
	const response = await client.get(`/api/v1/consultations/${SLUG}/versions/${current}/clauses/scope/comments?order=newest`);
	expect(response.status).toBe(200);
	return response.text();
}

beforeAll(async () => {
	server = await startServer({ demo: true, env: { RATE_LIMITS: 'off' } });
	db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
	current = ((await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number }).currentVersion;
});
afterAll(async () => {
	db?.close();
	await server?.stop();
});

describe('reporting and moderation over HTTP', () => {
	it('report → queue → hide: readers see the reason, never the body (page, page data, API); restore brings it back', async () => {
		const marker = `ABUSIVE-${RUN}`;
		const author = await as('participant');
		const amina = await as('amina');
		const moderator = await as('moderator');
		const anonymous = new Client(server.url, { 'accept-language': 'en' });
		const id = await post(author, `You are all clowns. ${marker}`);

		// Anyone signed in sees a Report disclosure (no JavaScript needed); the author and signed-out readers do not.
		expect(section(await html(amina, CLAUSE), id)).toMatch(/<details class="report-comment"[\s\S]*action="\?\/report"/);
		expect(section(await html(anonymous, CLAUSE), id)).not.toContain('?/report');
		expect(section(await html(author, CLAUSE), id)).not.toContain('?/report');

		let response = await amina.post(`${CLAUSE}?/report`, { comment: id, details: 'x' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Choose why you are reporting this comment.');
		response = await amina.post(`${CLAUSE}?/report`, { comment: id, reason: 'harassment', details: 'Insults every supporter.' });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Thank you. The moderators will review your report.');
		// The same person again: replaces the report, does not count twice.
		response = await amina.post(`${CLAUSE}?/report`, { comment: id, reason: 'harassment', details: 'Calls people clowns.' });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Your report has been updated.');
		response = await author.post(`${CLAUSE}?/report`, { comment: id, reason: 'spam' });
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('You cannot report your own comment.');
		response = await amina.post(`${CLAUSE}?/report`, { comment: '99999999', reason: 'spam' });
		expect(response.status).toBe(404);

		// The queue groups it with its open report.
		const queue = await html(moderator, QUEUE);
		const item = queue.slice(queue.indexOf(`id="queue-${id}"`));
		expect(item).toContain(marker);
		expect(plain(item)).toContain('1 open report: Harassment or a personal attack × 1');
		expect(item).toContain('Calls people clowns.');
		expect(item).not.toContain('Insults every supporter.');

		response = await moderator.post(`${QUEUE}?/hide`, { comment: id, reason: '' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Give a reason.');
		response = await moderator.post(`${QUEUE}?/hide`, { comment: id, reason: `Name-calling ${RUN}` });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('The comment is hidden.');

		for (const reader of [anonymous, amina]) {
			const page = await html(reader, CLAUSE);
			expect(page).not.toContain(marker);
			expect(section(page, id)).toContain(`<span class="moderation-reason" dir="auto">Name-calling ${RUN}</span>`);
			expect(plain(section(page, id))).toContain(`Hidden by a moderator: Name-calling ${RUN}`);
			expect(section(page, id)).not.toContain('Sam Rivera');
			const data = await (await reader.get(`${CLAUSE}/__data.json`)).text();
			expect(data).not.toContain(marker);
			expect(data).toContain(`Name-calling ${RUN}`);
			const api = await apiComments(reader);
			expect(api).not.toContain(marker);
			const json = JSON.parse(api) as { comments: { id: number; state: string; readable: boolean; html: string | null; moderationReason: string }[] };
			expect(json.comments.find((c) => c.id === Number(id))).toMatchObject({ state: 'hidden', readable: false, html: null, moderationReason: `Name-calling ${RUN}` });
		}
		// Its thread is closed: no reply form under it, and a reply posted anyway is refused.
		const aminaPage = await html(amina, CLAUSE);
		const thread = aminaPage.slice(aminaPage.indexOf(`id="comment-${id}"`), aminaPage.indexOf('</li>', aminaPage.indexOf(`id="comment-${id}"`)));
		expect(thread).toContain('Replies are closed: this comment was hidden or deleted.');
		expect(thread).not.toContain(`reply-${id}`);
		response = await amina.post(`${CLAUSE}?/comment`, { revision: await revisionOf(amina), body: 'A reply', language: 'en', parent: id });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('This comment was hidden or deleted, so it can no longer be answered.');
		// Moderators and the author still read it, marked.
		expect(section(await html(moderator, CLAUSE), id)).toMatch(/You can read this text because you moderate[\s\S]*ABUSIVE/);
		expect(await apiComments(moderator)).toContain(marker);
		expect(section(await html(author, CLAUSE), id)).toMatch(/Only you and the moderators can read this text\.[\s\S]*ABUSIVE/);
		expect(await html(moderator, `${QUEUE}?view=hidden`)).toContain(marker);

		// Restored from the clause page: back to it (303), visible to all again.
		response = await moderator.post(`${QUEUE}?/restore`, { comment: id, redirectTo: CLAUSE });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(CLAUSE);
		expect(await html(anonymous, CLAUSE)).toContain(marker);
		// An outside address is not followed.
		response = await moderator.post(`${QUEUE}?/hide`, { comment: id, reason: 'again', redirectTo: 'https://example.org/' });
		expect(response.headers.get('location')).toBe('/');
	});

	it('hides a comment pending review once three different people reported it; dismissing makes it visible', async () => {
		const marker = `PENDING-${RUN}`;
		const author = await as('oliver');
		const id = await post(author, `Off-topic rant ${marker}`);
		const reporters = await Promise.all(['amina', 'lucia', 'camille'].map((u) => as(u)));
		for (const [i, reporter] of reporters.entries()) {
			expect((await reporter.post(`${CLAUSE}?/report`, { comment: id, reason: 'off-topic' })).status).toBe(200);
			const visible = (await html(new Client(server.url), CLAUSE)).includes(marker);
			expect(visible, `after ${i + 1} reports`).toBe(i < 2);
		}
		const page = await html(new Client(server.url), CLAUSE);
		expect(section(page, id)).toContain('Hidden while the moderators review reports about it.');

		const moderator = await as('moderator');
		expect(plain(await html(moderator, QUEUE))).toContain('3 open reports: Off-topic × 3');
		expect((await moderator.post(`${QUEUE}?/dismiss`, { comment: id })).status).toBe(200);
		expect(await html(new Client(server.url), CLAUSE)).toContain(marker);
		// Nothing left to dismiss.
		const again = await moderator.post(`${QUEUE}?/dismiss`, { comment: id });
		expect(again.status).toBe(409);
	});

	it('lets only moderators, the committee and admins reach the queue', async () => {
		const anonymous = await new Client(server.url).get(QUEUE);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
		for (const name of ['participant', 'liaison_ar', 'translator_es']) {
			const client = await as(name);
			expect((await client.get(QUEUE)).status, name).toBe(403);
			expect((await client.post(`${QUEUE}?/hide`, { comment: '1', reason: 'x' })).status, name).toBe(403);
			expect((await client.get(`${BASE}/audit`)).status, name).toBe(403);
		}
		for (const name of ['moderator', 'committee', 'admin']) {
			const client = await as(name);
			expect((await client.get(QUEUE)).status, name).toBe(200);
			// The consultation page links to the queue for them.
			expect(await html(client, BASE)).toContain(`href="${QUEUE}"`);
		}
		expect(await html(await as('participant'), BASE)).not.toContain(`href="${QUEUE}"`);
	});

	it('keeps a moderator of another consultation out, and writes the role grant to that consultation’s audit log', async () => {
		const admin = await as('admin');
		let response = await admin.post('/consultations/new?/publish', {
			slug: OTHER_SLUG,
			title: `Other ${RUN}`,
			description: '',
			sourceLanguage: 'en',
			languages: 'es',
			document: '# Other\n\n## 1 One {#one}\n\nText.\n',
			headingLevel: '2',
			note: ''
		});
		expect(response.status).toBe(303);
		response = await admin.post(`/consultations/${OTHER_SLUG}/roles?/assign`, { username: 'lucia', role: 'moderator', language: '' });
		expect(response.status).toBe(200);
		const audit = await html(admin, `/consultations/${OTHER_SLUG}/audit`);
		expect(plain(audit)).toMatch(/Role granted Lucía Fernández \(@lucia\): moderator/);

		const lucia = await as('lucia');
		const id = await post(await as('participant'), `Target ${RUN}`);
		expect((await lucia.get(QUEUE)).status).toBe(403);
		expect((await lucia.post(`${QUEUE}?/hide`, { comment: id, reason: 'x' })).status).toBe(403);
		// Through her own consultation's queue, a comment of this one is not there.
		expect((await lucia.get(`/consultations/${OTHER_SLUG}/moderation`)).status).toBe(200);
		response = await lucia.post(`/consultations/${OTHER_SLUG}/moderation?/hide`, { comment: id, reason: 'x' });
		expect(response.status).toBe(404);
		expect(await html(new Client(server.url), CLAUSE)).toContain(`Target ${RUN}`);

		// Revoking is audited too.
		const roles = await html(admin, `/consultations/${OTHER_SLUG}/roles`);
		const assignment = /name="id" value="(\d+)"/.exec(roles)![1];
		expect((await admin.post(`/consultations/${OTHER_SLUG}/roles?/revoke`, { id: assignment })).status).toBe(200);
		expect(plain(await html(admin, `/consultations/${OTHER_SLUG}/audit?action=role.revoke`))).toMatch(/Role removed Lucía Fernández \(@lucia\): moderator/);
	});

	it('suspends an account: its writes get a translated 403 saying until when; reading and sessions go on; lifting ends it', async () => {
		const moderator = await as('moderator');
		const author = await as('mateo_r', 'fr');
		const id = await post(await as('mateo_r'), `Before suspension ${RUN}`);
		const amina = await as('amina');
		const queued = await amina.post(`${CLAUSE}?/report`, { comment: id, reason: 'spam' });
		expect(queued.status).toBe(200);
		const userId = /name="user" value="(\d+)"/.exec((await html(moderator, QUEUE)).split(`id="queue-${id}"`)[1])![1];

		let response = await moderator.post(`${QUEUE}?/suspend`, { user: userId, days: '0', reason: 'x' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Give a number of days from 1 to 365.');
		response = await moderator.post(`${QUEUE}?/suspend`, { user: userId, days: '3', reason: `Spam ${RUN}` });
		expect(response.status).toBe(200);

		const revision = await revisionOf(author);
		const attempts: [string, Record<string, string>][] = [
			['comment', { revision, body: 'Encore', language: 'fr' }],
			['stance', { revision, stance: 'oppose', language: 'fr' }],
			['report', { comment: await post(await as('oliver'), `Fine ${RUN}`), reason: 'spam' }]
		];
		for (const [action, form] of attempts) {
			response = await author.post(`${CLAUSE}?/${action}`, form);
			expect(response.status, action).toBe(403);
			expect(await response.text(), action).toContain('Votre compte est suspendu jusqu’au');
		}
		// Still signed in, reading, told on the page; they may still delete their own comment.
		const page = await html(author, CLAUSE);
		expect(page).toContain('Votre compte est suspendu jusqu’au');
		expect(page).toContain('action="/logout"');
		const queue = await html(moderator, QUEUE);
		expect(queue).toContain(`Spam ${RUN}`);

		const suspension = /name="suspension" value="(\d+)"/.exec(queue)![1];
		expect((await moderator.post(`${QUEUE}?/lift`, { suspension })).status).toBe(200);
		response = await author.post(`${CLAUSE}?/comment`, { revision, body: `After ${RUN}`, language: 'fr' });
		expect(response.status).toBe(200);

		const audit = await html(await as('admin'), `${BASE}/audit?actor=moderator`);
		expect(audit).toContain('Account suspended');
		expect(audit).toContain('Suspension ended early');
		expect(audit).toContain(`Spam ${RUN}`);
	});

	it('suspends in one consultation only: the person goes on writing in another', async () => {
		const admin = await as('admin');
		const slug = `scoped-${RUN}`;
		const otherClause = `/consultations/${slug}/clauses/one`;
		const created = await admin.post('/consultations/new?/publish', {
			slug,
			title: `Scoped ${RUN}`,
			description: '',
			sourceLanguage: 'en',
			languages: 'pt',
			document: '# Scoped\n\n## 1 One {#one}\n\nText.\n',
			headingLevel: '2',
			note: ''
		});
		expect(created.status).toBe(303);
		const joana = await as('joana');
		await post(joana, `Joana in A ${RUN}`);
		const moderator = await as('moderator');
		expect((await moderator.post(`${QUEUE}?/suspend`, { user: userId('joana'), days: '5', reason: `Only here ${RUN}` })).status).toBe(200);

		// Here: refused, and told so.
		const revision = await revisionOf(joana);
		let response = await joana.post(`${CLAUSE}?/comment`, { revision, body: `Refused ${RUN}`, language: 'en' });
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('you cannot post, report or take a stance in this consultation');
		expect(await html(joana, CLAUSE)).toContain('Your account is suspended until');
		// In the other consultation: a comment, a stance, a report, and no notice.
		expect(await html(joana, otherClause)).not.toContain('Your account is suspended until');
		const otherRevision = await revisionOf(joana, otherClause);
		response = await joana.post(`${otherClause}?/stance`, { revision: otherRevision, stance: 'support', language: 'en' });
		expect(response.status).toBe(200);
		const elsewhere = await post(joana, `Joana in B ${RUN}`, otherClause);
		const oliverThere = await post(await as('oliver'), `Oliver in B ${RUN}`, otherClause);
		expect((await joana.post(`${otherClause}?/report`, { comment: oliverThere, reason: 'spam' })).status).toBe(200);
		expect(elsewhere).toMatch(/^\d+$/);
		// The other consultation's queue does not list it; this one's does.
		expect(await html(admin, `/consultations/${slug}/moderation`)).not.toContain(`Only here ${RUN}`);
		expect(await html(moderator, QUEUE)).toContain(`Only here ${RUN}`);
		expect(one<{ c: number }>('SELECT consultation_id AS c FROM suspensions WHERE reason = ?', `Only here ${RUN}`).c).toBe(
			one<{ id: number }>('SELECT id FROM consultations WHERE slug = ?', SLUG).id
		);
	});

	it('never suspends someone whose role here is as high as the moderator’s, a site administrator or oneself: 403 in the moderator’s language, nothing stored or audited', async () => {
		const admin = await as('admin');
		// Another moderator, and a committee member, who both took part here.
		expect((await admin.post(`${BASE}/roles?/assign`, { username: 'camille', role: 'moderator', language: '' })).status).toBe(200);
		await post(await as('camille'), `Camille moderates ${RUN}`);
		const committee = await as('committee');
		await post(committee, `The committee speaks ${RUN}`);
		expect((await admin.post(`${BASE}/roles?/assign`, { username: 'theo_b', role: 'committee', language: '' })).status).toBe(200);
		await post(await as('theo_b'), `Théo drafts ${RUN}`);
		const moderator = await as('moderator', 'fr');

		const before = suspensionState();
		const refusals: [string, string][] = [
			['committee', 'Le rôle de cette personne dans cette consultation est égal ou supérieur au vôtre'],
			['camille', 'Le rôle de cette personne dans cette consultation est égal ou supérieur au vôtre'],
			['admin', 'Les administrateurs du site ne peuvent pas être suspendus.'],
			['moderator', 'Vous ne pouvez pas vous suspendre vous-même.']
		];
		for (const [target, message] of refusals) {
			const response = await moderator.post(`${QUEUE}?/suspend`, { user: userId(target), days: '3', reason: `Overreach ${RUN}` });
			expect(response.status, target).toBe(403);
			expect(await response.text(), target).toContain(message);
		}
		// Nor the committee one of its own.
		const otherCommittee = await committee.post(`${QUEUE}?/suspend`, { user: userId('theo_b'), days: '3', reason: `Overreach ${RUN}` });
		expect(otherCommittee.status).toBe(403);
		expect(suspensionState()).toBe(before);
		expect(await html(admin, `${BASE}/audit?action=user.suspend`)).not.toContain(`Overreach ${RUN}`);

		// Someone above them may: the committee suspends a moderator, an administrator the committee.
		expect((await committee.post(`${QUEUE}?/suspend`, { user: userId('camille'), days: '1', reason: `Above ${RUN}` })).status).toBe(200);
		expect((await admin.post(`${QUEUE}?/suspend`, { user: userId('committee'), days: '1', reason: `Above ${RUN}` })).status).toBe(200);
		const suspension = (username: string) =>
			String(one<{ id: number }>('SELECT id FROM suspensions WHERE user_id = ? AND lifted_at IS NULL', userId(username)).id);
		// Nobody ends their own suspension, nor one of someone as high as them.
		let response = await committee.post(`${QUEUE}?/lift`, { suspension: suspension('committee') });
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('You cannot end your own suspension.');
		response = await moderator.post(`${QUEUE}?/lift`, { suspension: suspension('camille') });
		expect(response.status).toBe(403);
		for (const username of ['committee', 'camille']) {
			expect((await admin.post(`${QUEUE}?/lift`, { suspension: suspension(username) })).status, username).toBe(200);
		}
		expect(one<{ n: number }>('SELECT count(*) AS n FROM suspensions WHERE reason = ? AND lifted_at IS NULL', `Above ${RUN}`).n).toBe(0);
	});

	it('lets authors edit within the window (history shown to readers) and delete (replies kept)', async () => {
		const author = await as('participant');
		const replier = await as('amina');
		const first = `First wording ${RUN}`;
		const id = await post(author, first);
		expect(section(await html(author, CLAUSE), id)).toContain('action="?/editComment"');
		expect(section(await html(replier, CLAUSE), id)).not.toContain('?/editComment');

		let response = await replier.post(`${CLAUSE}?/editComment`, { comment: id, body: 'Hijacked', language: 'en' });
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('Only the author can change this comment.');
		response = await author.post(`${CLAUSE}?/editComment`, { comment: id, body: `Second wording ${RUN}`, language: 'en' });
		expect(response.status).toBe(200);
		const reader = section(await html(new Client(server.url), CLAUSE), id);
		expect(reader).toContain(`Second wording ${RUN}`);
		expect(reader).toContain('<span class="edited">edited</span>');
		expect(reader).toContain('<details class="comment-history">');
		expect(plain(reader)).toMatch(/Earlier versions \(1\) Until .* First wording/);

		const reply = await replier.post(`${CLAUSE}?/comment`, { revision: await revisionOf(replier), body: `Reply ${RUN}`, language: 'en', parent: id });
		expect(reply.status).toBe(200);
		response = await replier.post(`${CLAUSE}?/deleteComment`, { comment: id });
		expect(response.status).toBe(403);
		response = await author.post(`${CLAUSE}?/deleteComment`, { comment: id });
		expect(response.status).toBe(200);
		const after = await html(new Client(server.url), CLAUSE);
		expect(section(after, id)).toContain('This comment was deleted by its author.');
		expect(after).not.toContain(`Second wording ${RUN}`);
		expect(after).not.toContain(first);
		expect(after).toContain(`Reply ${RUN}`);
		const api = await apiComments(new Client(server.url));
		expect(api).not.toContain(`Second wording ${RUN}`);
		expect((JSON.parse(api) as { comments: { id: number }[] }).comments.find((c: { id: number }) => c.id === Number(id))).toMatchObject({ state: 'deleted', readable: false, html: null });
	});

	it('shows the audit log to consultation and site administrators, filtered by action and dates', async () => {
		const admin = await as('admin');
		const all = await html(admin, `${BASE}/audit`);
		expect(all).toContain('Comment hidden');
		expect(all).toContain('Role granted');
		const hides = await html(admin, `${BASE}/audit?action=comment.hide`);
		expect(hides).toContain(`Name-calling ${RUN}`);
		expect(hides).not.toContain('Role granted</td>');
		const none = await html(admin, `${BASE}/audit?from=2001-01-01&to=2001-01-02`);
		expect(none).toContain('No entries match.');
		expect(await html(admin, '/audit')).toContain(`Other ${RUN}`);
		expect((await (await as('moderator')).get('/audit')).status).toBe(403);
		expect((await (await as('moderator')).get(`${BASE}/audit`)).status).toBe(403);
	});
});

describe('limits and the edit window', () => {
	let limited: RunningServer;
	beforeAll(async () => {
		limited = await startServer({ demo: true, env: { RATE_LIMITS: '', RATE_LIMIT_REPORT: '1/1h', COMMENT_EDIT_WINDOW_MINUTES: '0' } });
	});
	afterAll(async () => {
		await limited?.stop();
	});

	it('limits reports per person (429) and refuses edits once the window is over', async () => {
		const author = new Client(limited.url, { 'accept-language': 'en' });
		await author.logIn('participant', PASSWORD);
		const page = await (await author.get(CLAUSE)).text();
		const revision = /name="revision" value="(\d+)"/.exec(page)![1];
		expect((await author.post(`${CLAUSE}?/comment`, { revision, body: `Window ${RUN}`, language: 'en' })).status).toBe(200);
		const after = await (await author.get(CLAUSE)).text();
		const id = commentIdAt(after, after.indexOf(`Window ${RUN}`));
		expect(after).not.toContain('?/editComment');
		const edit = await author.post(`${CLAUSE}?/editComment`, { comment: id, body: 'Late', language: 'en' });
		expect(edit.status).toBe(403);
		expect(await edit.text()).toContain('The time for editing this comment is over.');

		const reporter = new Client(limited.url, { 'accept-language': 'en' });
		await reporter.logIn('amina', PASSWORD);
		expect((await reporter.post(`${CLAUSE}?/report`, { comment: id, reason: 'spam' })).status).toBe(200);
		const second = await reporter.post(`${CLAUSE}?/report`, { comment: id, reason: 'harassment' });
		expect(second.status).toBe(429);
		expect(second.headers.get('retry-after')).toBeTruthy();
	});
});
