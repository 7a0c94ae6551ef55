// The built server on a temporary database, driven over HTTP the way a browser without JavaScript
// does: sign up → stance → comment → reply, and the ways each of those must be refused.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { errorSummary, formError } from '../support/form-errors';
import { checkedValues, inputsNamed } from '../support/inputs';
import type { ClauseListItem } from '../../src/lib/server/clauses/service';

let server: RunningServer;
const SLUG = 'code-of-conduct';
/** The demo's current version (its feedback goes there); the draft test saves the one after it. */
let CURRENT = 0;
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;

beforeAll(async () => {
	server = await startServer({ demo: true });
	const consultation = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number };
	CURRENT = consultation.currentVersion;
});
afterAll(async () => {
	await server?.stop();
});

type ApiClause = Omit<ClauseListItem, 'revisionId'>;

async function apiClauses(client: Client, lang?: string): Promise<ApiClause[]> {
	const response = await client.get(`/api/v1/consultations/${SLUG}/versions/${CURRENT}/clauses${lang ? `?lang=${lang}` : ''}`);
	expect(response.status).toBe(200);
	return ((await response.json()) as { clauses: ApiClause[] }).clauses;
}

async function countsOf(client: Client, key: string) {
	return (await apiClauses(client)).find((c) => c.key === key)!.counts;
}

async function revisionOnPage(client: Client): Promise<string> {
	const html = await (await client.get(CLAUSE)).text();
	const match = /name="revision" value="(\d+)"/.exec(html);
	if (!match) throw new Error('no revision field on the clause page');
	return match[1];
}

async function signUp(username: string, languages = 'ar, en'): Promise<Client> {
	const client = new Client(server.url);
	const response = await client.post(`/signup?redirectTo=${encodeURIComponent(CLAUSE)}`, {
		username,
		password: 'correct horse battery',
		displayName: `Tester ${username}`,
		languages,
		affiliation: 'volunteer',
		redirectTo: CLAUSE
	});
	expect(response.status).toBe(303);
	expect(response.headers.get('location')).toBe(CLAUSE);
	return client;
}

describe('a participant over HTTP', () => {
	it('signs up and gets a Lucia-style session cookie', async () => {
		const client = new Client(server.url);
		const response = await client.post('/signup', {
			username: 'nadia',
			password: 'correct horse battery',
			displayName: 'Nadia',
			languages: 'ar, fr',
			affiliation: '',
			redirectTo: '/'
		});
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('polyphony_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		// Served on 127.0.0.1: not Secure, or the browser would drop it over http.
		expect(cookie).not.toMatch(/Secure/i);
		const profile = await client.get('/profile');
		expect(profile.status).toBe(200);
		expect(await profile.text()).toContain('nadia');
	});

	it('sets a stance, changes it, and the counts follow', async () => {
		const client = await signUp('karim');
		const before = await countsOf(client, 'harassment');
		const revision = await revisionOnPage(client);

		let response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', reason: 'واضح ومفيد', language: 'ar' });
		expect(response.status).toBe(200);
		let after = await countsOf(client, 'harassment');
		expect(after.support).toBe(before.support + 1);

		response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'oppose', reason: '', language: 'ar' });
		expect(response.status).toBe(200);
		after = await countsOf(client, 'harassment');
		expect(after.support).toBe(before.support);
		expect(after.oppose).toBe(before.oppose + 1);

		// The page shows the participant's own current stance, checked.
		const page = await (await client.get(CLAUSE)).text();
		expect(inputsNamed(page, 'stance').map((a) => a.type)).toEqual(['radio', 'radio', 'radio']);
		expect(checkedValues(page, 'stance')).toEqual(['oppose']);

		response = await client.post(`${CLAUSE}?/withdraw`, { revision });
		expect(response.status).toBe(200);
		expect((await countsOf(client, 'harassment')).oppose).toBe(before.oppose);
	});

	it('comments and replies in their language, rendered with lang and dir="auto"', async () => {
		const client = await signUp('salma');
		const revision = await revisionOnPage(client);
		const before = await countsOf(client, 'harassment');

		let response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'هذا **البند** مهم', language: 'ar' });
		expect(response.status).toBe(200);
		const page = await (await client.get(`${CLAUSE}?clang=ar`)).text();
		expect(page).toMatch(/<div class="prose comment-body" lang="ar" dir="auto">(<!--[^>]*-->)?<p>هذا <strong>البند<\/strong> مهم<\/p>/);
		const id = /id="comment-(\d+)"[\s\S]*?هذا <strong>البند/.exec(page)![1];

		response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'Je suis d’accord.', language: 'fr', parent: id });
		expect(response.status).toBe(200);
		const after = await countsOf(client, 'harassment');
		expect(after.comments).toBe(before.comments + 2);
		const withReply = await (await client.get(`${CLAUSE}?clang=ar`)).text();
		expect(withReply).toMatch(/class="replies"[\s\S]*lang="fr" dir="auto">(<!--[^>]*-->)?<p>Je suis d’accord.<\/p>/);
	});

	it('refuses bad input with a 400 in the user’s language, storing nothing', async () => {
		const client = await signUp('tomas', 'es');
		const revision = await revisionOnPage(client);
		const before = await countsOf(client, 'harassment');
		const es = { 'accept-language': 'es' };

		let response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', reason: 'x'.repeat(1001), language: 'es' }, es);
		expect(response.status).toBe(400);
		const esCatalog = (await import('../../messages/es.json')).default as { errors: Record<string, string> };
		expect(await response.text()).toContain(esCatalog.errors.reasonTooLong);

		response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'maybe', language: 'es' });
		expect(response.status).toBe(400);
		response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', language: 'de' });
		expect(response.status).toBe(400);
		response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'x', language: 'not a tag!' });
		expect(response.status).toBe(400);
		response = await client.post(`${CLAUSE}?/comment`, { revision, body: '   ', language: 'es' });
		expect(response.status).toBe(400);
		response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'y'.repeat(10_001), language: 'es' });
		expect(response.status).toBe(400);
		response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'reply to nothing', language: 'es', parent: '999999' });
		expect(response.status).toBe(400);
		// A form written against another revision (a version published meanwhile) is refused.
		response = await client.post(`${CLAUSE}?/stance`, { revision: '1', stance: 'support', language: 'es' });
		expect(response.status).toBe(409);

		expect(await countsOf(client, 'harassment')).toEqual(before);
	});

	it('refuses oversized bodies with 413', async () => {
		const client = await signUp('olga', 'en');
		const revision = await revisionOnPage(client);
		const response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'z'.repeat(200_000), language: 'en' });
		expect(response.status).toBe(413);
		const api = await client.request('/api/v1/consultations', { method: 'POST', body: 'x'.repeat(100_000), headers: { 'content-type': 'application/json' } });
		expect(api.status).toBe(413);
	});

	it('sends anonymous visitors to log in, and back afterwards', async () => {
		const client = new Client(server.url);
		const page = await client.get(CLAUSE);
		expect(page.status).toBe(200);
		const response = await client.post(`${CLAUSE}?/stance`, { revision: '1', stance: 'support', language: 'en' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`${CLAUSE}?/stance`)}`);
		const login = await client.post('/login', { username: 'amina', password: 'polyphony-demo', redirectTo: CLAUSE });
		expect(login.status).toBe(303);
		expect(login.headers.get('location')).toBe(CLAUSE);
	});

	it('fails a log-in the same way whether or not the username exists, and never redirects off-site', async () => {
		const client = new Client(server.url);
		const wrong = await client.post('/login', { username: 'amina', password: 'not the password', redirectTo: '/' });
		const unknown = await client.post('/login', { username: 'nobody-here', password: 'not the password', redirectTo: '/' });
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(400);
		const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()];
		const wrongMessage = formError(wrongHtml, 'form-errors');
		expect(wrongMessage).toBeTruthy();
		expect(formError(unknownHtml, 'form-errors')).toBe(wrongMessage);
		// Nothing else tells them apart either: no field is singled out in one and not the other.
		expect(errorSummary(unknownHtml, 'form-errors')).toEqual(errorSummary(wrongHtml, 'form-errors'));
		const offsite = await client.post('/login', { username: 'amina', password: 'polyphony-demo', redirectTo: '//evil.example/x' });
		expect(offsite.headers.get('location')).toBe('/');
	});

	it('keeps SvelteKit’s cross-site form check on', async () => {
		const client = await signUp('mallory', 'en');
		const revision = await revisionOnPage(client);
		const response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', language: 'en' }, { origin: 'http://evil.example' });
		expect(response.status).toBe(403);
	});

	it('sends security headers', async () => {
		const response = await new Client(server.url).get(CLAUSE);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self'/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
	});
});

describe('reading', () => {
	it('renders <html lang dir> for the locale, right-to-left included', async () => {
		const client = new Client(server.url);
		expect(await (await client.get('/', { 'accept-language': 'fa-IR,fa;q=0.9' })).text()).toMatch(/<html lang="fa" dir="rtl">/);
		expect(await (await client.get('/', { 'accept-language': 'zh-CN' })).text()).toMatch(/<html lang="zh-Hans" dir="ltr">/);
		const switched = await client.post('/locale', { locale: 'ar', redirectTo: CLAUSE });
		expect(switched.status).toBe(303);
		expect(switched.headers.get('location')).toBe(CLAUSE);
		expect(await (await client.get(CLAUSE, { 'accept-language': 'fr' })).text()).toMatch(/<html lang="ar" dir="rtl">/);
	});

	it('shows the translation in the reader’s language, or the original with a notice', async () => {
		const client = new Client(server.url);
		const arabic = await (await client.get(`${CLAUSE}?lang=ar`)).text();
		expect(arabic).toContain('class="notice translation-notice"');
		expect(arabic).toContain(`href="?lang=en"`);
		const french = await (await client.get(`${CLAUSE}?lang=fr`)).text();
		expect(french).toContain('class="notice untranslated-notice"');
		expect(french).toContain('lang="en" dir="auto"');
	});

	it('answers unknown consultations and clauses with 404', async () => {
		const client = new Client(server.url);
		expect((await client.get('/consultations/no-such-thing')).status).toBe(404);
		expect((await client.get(`/consultations/${SLUG}/clauses/no-such-clause`)).status).toBe(404);
		expect((await client.get(`/consultations/${SLUG}?version=99`)).status).toBe(404);
	});
});

describe('the JSON API', () => {
	it('lists consultations and describes one', async () => {
		const client = new Client(server.url);
		const list = (await (await client.get('/api/v1/consultations')).json()) as { consultations: { slug: string; currentVersion: number }[] };
		expect(list.consultations).toContainEqual(expect.objectContaining({ slug: SLUG, currentVersion: 2 }));
		const one = (await (await client.get(`/api/v1/consultations/${SLUG}`)).json()) as { languages: string[]; versions: { number: number }[] };
		expect(one.languages).toContain('ar');
		expect(one.versions.map((v) => v.number)).toEqual([2, 1]);
		expect((await client.get('/api/v1/consultations/missing')).status).toBe(404);
	});

	it('gives clauses in a language with their translation and counts', async () => {
		const client = new Client(server.url);
		const arabic = await apiClauses(client, 'ar');
		expect(arabic).toHaveLength(12);
		expect(arabic[0]).toMatchObject({ key: 'purpose', label: '1.1', language: 'ar', translated: true });
		const french = await apiClauses(client, 'fr');
		expect(french[0]).toMatchObject({ language: 'en', translated: false, heading: 'Purpose' });
		const bad = await client.get(`/api/v1/consultations/${SLUG}/versions/${CURRENT}/clauses?lang=de`);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toBeTruthy();
		expect((await client.get(`/api/v1/consultations/${SLUG}/versions/7/clauses`)).status).toBe(404);
	});
});

describe('committee work and refusals', () => {
	it('keeps unpublished versions away from everyone but the committee, and refuses feedback on them', async () => {
		const committee = new Client(server.url);
		await committee.logIn('committee', 'polyphony-demo');
		const draft = '## 1 New purpose {#purpose}\n\nText.\n\n## 2 New clause {#new-clause}\n\nMore.';
		const saved = await committee.post(`/consultations/${SLUG}/import?/saveDraft`, { document: draft, headingLevel: '2', note: 'Trial' });
		expect(saved.status).toBe(303);

		const visitor = new Client(server.url);
		const next = CURRENT + 1;
		expect((await visitor.get(`/consultations/${SLUG}/clauses/purpose?version=${next}`)).status).toBe(404);
		expect((await visitor.get(`/api/v1/consultations/${SLUG}/versions/${next}/clauses`)).status).toBe(404);
		expect((await committee.get(`/api/v1/consultations/${SLUG}/versions/${next}/clauses`)).status).toBe(200);
		const draftPage = await (await committee.get(`/consultations/${SLUG}/clauses/new-clause?version=${next}`)).text();
		expect(draftPage).toContain('New clause');
		expect(draftPage).not.toContain('name="stance"');

		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		expect((await participant.get(`/consultations/${SLUG}/import`)).status).toBe(403);
		expect((await participant.post(`/consultations/${SLUG}/import?/publishDraft`, {})).status).toBe(403);

		const discarded = await committee.post(`/consultations/${SLUG}/import?/discardDraft`, {});
		expect(discarded.status).toBe(200);
		expect((await committee.get(`/api/v1/consultations/${SLUG}/versions/${next}/clauses`)).status).toBe(404);
	});

	it('refuses stances and comments once the consultation is closed', async () => {
		const client = await signUp('late_comer', 'en');
		const revision = await revisionOnPage(client);
		const db = new Database(server.databasePath);
		try {
			db.prepare("update consultations set status = 'closed' where slug = ?").run(SLUG);
			const stance = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', language: 'en' });
			expect(stance.status).toBe(403);
			const comment = await client.post(`${CLAUSE}?/comment`, { revision, body: 'Too late?', language: 'en' });
			expect(comment.status).toBe(403);
			expect(await (await client.get(CLAUSE)).text()).not.toContain('name="stance"');
		} finally {
			db.prepare("update consultations set status = 'open' where slug = ?").run(SLUG);
			db.close();
		}
	});

	it('lets a consultation’s administrator give and remove roles, and no one else', async () => {
		const admin = new Client(server.url);
		await admin.logIn('admin', 'polyphony-demo');
		const roles = `/consultations/${SLUG}/roles`;
		expect((await admin.get(roles)).status).toBe(200);

		const missingLanguage = await admin.post(`${roles}?/assign`, { username: 'lucia', role: 'translator', language: '' });
		expect(missingLanguage.status).toBe(400);
		const unknownUser = await admin.post(`${roles}?/assign`, { username: 'no_such_user', role: 'committee', language: '' });
		expect(unknownUser.status).toBe(400);
		const foreignLanguage = await admin.post(`${roles}?/assign`, { username: 'lucia', role: 'translator', language: 'de' });
		expect(foreignLanguage.status).toBe(400);

		const assigned = await admin.post(`${roles}?/assign`, { username: 'lucia', role: 'translator', language: 'es' });
		expect(assigned.status).toBe(200);
		const page = await (await admin.get(roles)).text();
		const row = /<tr><td>(?:<!--[^>]*-->)*<span class="person"><bdi class="person-name">Luc[^<]*<\/bdi> <span class="person-username" dir="ltr">@lucia<\/span>[\s\S]*?name="id" value="(\d+)"/.exec(page);
		expect(row).not.toBeNull();

		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		expect((await participant.get(roles)).status).toBe(403);
		expect((await participant.post(`${roles}?/revoke`, { id: row![1] })).status).toBe(403);
		expect((await new Client(server.url).get(roles)).status).toBe(303);

		expect((await admin.post(`${roles}?/revoke`, { id: row![1] })).status).toBe(200);
		expect(await (await admin.get(roles)).text()).not.toContain('(lucia)');
	});
});

