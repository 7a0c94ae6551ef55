// Post / redirect / get over the built server (src/lib/server/http/flash.ts): a browser's form post
// without JavaScript is answered 303 to the page it came from, at its result; the answer (message,
// typed values, per-field errors) waits in the flash store — read once, for that session only, gone
// once expired. Scripts and enhanced posts keep the action's own status.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
const en = (await import('../../messages/en.json')).default as unknown as {
	errors: Record<string, string>;
	stance: { saved: string };
	forms: Record<string, string>;
};

let server: RunningServer;
let revision = '';

/** What a browser adds to a form post it navigates with (Fetch Metadata and the page it was on). */
function browser(client: Client, from: string): Record<string, string> {
	return { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', referer: client.base + from };
}

async function signUp(username: string): Promise<Client> {
	const client = new Client(server.url);
	const response = await client.post('/signup', {
		username,
		password: 'correct horse battery',
		displayName: username,
		languages: 'en',
		affiliation: '',
		redirectTo: '/'
	});
	expect(response.status).toBe(303);
	return client;
}

function flashRows(): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare('SELECT count(*) AS n FROM flash_messages').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** A comment over the 10,000-character limit, recognisable on the page. */
const tooLong = (marker: string) => `${marker} ${'x'.repeat(10_001)}`;

beforeAll(async () => {
	server = await startServer({ demo: true });
	const reader = await signUp('flash_reader');
	revision = /name="revision" value="(\d+)"/.exec(await (await reader.get(CLAUSE)).text())![1];
});
afterAll(async () => {
	await server?.stop();
});

describe('form posts from a browser without JavaScript', () => {
	it('a stance: 303 back to the page at #stance-result, the confirmation shown once', async () => {
		const client = await signUp('flash_stance');
		const from = `${CLAUSE}?lang=en`;
		const response = await client.post(`${CLAUSE}?/stance`, { revision, stance: 'support', reason: 'Clear', language: 'en' }, browser(client, from));
		expect(response.status).toBe(303);
		// Back to the page it came from (its query kept), without `?/stance`, at the result.
		expect(response.headers.get('location')).toBe(`${from}#stance-result`);
		const page = await (await client.get(from)).text();
		expect(page).toContain(`id="stance-result"`);
		expect(page).toContain(en.stance.saved);
		// One time only: a reload shows the page without it.
		const again = await (await client.get(from)).text();
		expect(again).not.toContain(`id="stance-result"`);
		expect(flashRows()).toBe(0);
	});

	it('a bad comment: 303 to #comment-errors, the typed text and the error summary come back', async () => {
		const client = await signUp('flash_comment');
		const response = await client.post(`${CLAUSE}?/comment`, { revision, body: tooLong('MARKER-A'), language: 'en' }, browser(client, CLAUSE));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`${CLAUSE}#comment-errors`);
		const page = await (await client.get(CLAUSE)).text();
		expect(page).toMatch(/<div class="error-summary" id="comment-errors"[^>]*role="alert"/);
		expect(page).toContain(en.forms.errorSummary);
		// The summary links to the field, and the field holds what was typed (nothing lost).
		expect(page).toContain('href="#comment-body"');
		expect(page).toMatch(/<textarea id="comment-body"[^>]*>MARKER-A x{10001}<\/textarea>/);
		expect((await (await client.get(CLAUSE)).text()).includes('MARKER-A')).toBe(false);
	});

	it('a new comment: 303 to the comment itself', async () => {
		const client = await signUp('flash_new');
		const response = await client.post(`${CLAUSE}?/comment`, { revision, body: 'A new point', language: 'en' }, browser(client, CLAUSE));
		expect(response.status).toBe(303);
		const id = /#comment-(\d+)$/.exec(response.headers.get('location') ?? '')?.[1];
		expect(id).toBeDefined();
		const page = await (await client.get(CLAUSE)).text();
		expect(page).toMatch(new RegExp(`<article class="comment" id="comment-${id}"[^>]*>\\s*(<!--[^>]*-->)?<p class="notice success new-comment">`));
	});

	it('another session cannot read the flash (and does not use it up)', async () => {
		const author = await signUp('flash_owner');
		const other = await signUp('flash_other');
		const response = await author.post(`${CLAUSE}?/comment`, { revision, body: tooLong('MARKER-B'), language: 'en' }, browser(author, CLAUSE));
		expect(response.status).toBe(303);
		const flashCookie = [...author.cookies].find(([name]) => name.endsWith('polyphony_flash'));
		expect(flashCookie).toBeDefined();
		other.cookies.set(flashCookie![0], flashCookie![1]);
		expect(await (await other.get(CLAUSE)).text()).not.toContain('MARKER-B');
		// A visitor holding the cookie reads nothing either.
		const visitor = new Client(server.url);
		visitor.cookies.set(flashCookie![0], flashCookie![1]);
		expect(await (await visitor.get(CLAUSE)).text()).not.toContain('MARKER-B');
		// The owner still gets it.
		expect(await (await author.get(CLAUSE)).text()).toContain('MARKER-B');
	});

	it('an expired flash is not shown, and its cookie goes', async () => {
		const client = await signUp('flash_expired');
		await client.post(`${CLAUSE}?/comment`, { revision, body: tooLong('MARKER-C'), language: 'en' }, browser(client, CLAUSE));
		const db = new Database(server.databasePath);
		try {
			db.prepare('UPDATE flash_messages SET expires_at = ?').run(Date.now() - 1);
		} finally {
			db.close();
		}
		const response = await client.get(CLAUSE);
		expect(await response.text()).not.toContain('MARKER-C');
		expect(response.headers.getSetCookie().some((c) => /polyphony_flash=;/.test(c))).toBe(true);
	});

	it('a form with too many fields (413) comes back to the form with the translated message', async () => {
		const client = await signUp('flash_large');
		const form: Record<string, string> = { revision, body: 'Hello', language: 'en' };
		for (let i = 0; i < 120; i++) form[`extra${i}`] = 'x';
		const response = await client.post(`${CLAUSE}?/comment`, form, browser(client, CLAUSE));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`${CLAUSE}#comment-errors`);
		const page = await (await client.get(CLAUSE)).text();
		expect(page).toContain(en.errors.tooManyFields.replace('{{max}}', '100'));
	});

	it('a failed log-in comes back with the username, never the password', async () => {
		const client = new Client(server.url);
		const from = '/login?redirectTo=%2Fprofile';
		const response = await client.post('/login', { username: 'nobody_here', password: 'secret-SECRET-1', redirectTo: '/profile' }, browser(client, from));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`${from}#form-errors`);
		const page = await (await client.get(from)).text();
		expect(page).toContain(en.errors.loginFailed);
		expect(page).toContain('value="nobody_here"');
		const db = new Database(server.databasePath, { readonly: true });
		try {
			expect(JSON.stringify(db.prepare('SELECT payload FROM flash_messages').all())).not.toContain('secret-SECRET-1');
		} finally {
			db.close();
		}
	});
});

describe('clients that are not a browser navigating keep the action status', () => {
	it('a script (no Fetch Metadata) gets 400 and the page, and no flash is stored', async () => {
		const client = await signUp('flash_script');
		const before = flashRows();
		const response = await client.post(`${CLAUSE}?/comment`, { revision, body: tooLong('MARKER-D'), language: 'en' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('MARKER-D');
		expect(flashRows()).toBe(before);
	});

	it('an enhanced post (use:enhance asks for JSON) gets the JSON failure', async () => {
		const client = await signUp('flash_enhanced');
		const response = await client.post(
			`${CLAUSE}?/comment`,
			{ revision, body: tooLong('MARKER-E'), language: 'en' },
			{ ...browser(client, CLAUSE), 'sec-fetch-dest': 'empty', accept: 'application/json', 'x-sveltekit-action': 'true' }
		);
		// SvelteKit's action JSON: 200 with the failure's own status inside.
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ type: 'failure', status: 400 });
	});
});
