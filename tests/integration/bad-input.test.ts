// Bad input against the built server: oversized bodies (with and without a Content-Length),
// malformed form data, invalid UTF-8 (raw and percent-encoded), direction-override characters in
// names, and unknown or nonsensical ids. Each gets a clear 4xx — in the reader's language where it
// is a message — and nothing is stored: the rows are counted before and after.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
let client: Client;
let revision = '';
const SLUG = 'code-of-conduct';
const CLAUSE = `/consultations/${SLUG}/clauses/harassment`;
const TABLES = ['users', 'sessions', 'stances', 'comments', 'comment_translations', 'reports', 'liaison_summaries', 'role_assignments'];
const es = (await import('../../messages/es.json')).default as { errors: Record<string, string> };
const en = (await import('../../messages/en.json')).default as { errors: Record<string, string> };

beforeAll(async () => {
	server = await startServer({ demo: true });
	client = new Client(server.url);
	const signup = await client.post('/signup', {
		username: 'tester',
		password: 'correct horse battery',
		displayName: 'Tester',
		languages: 'es, en',
		affiliation: '',
		redirectTo: '/'
	});
	expect(signup.status).toBe(303);
	revision = /name="revision" value="(\d+)"/.exec(await (await client.get(CLAUSE)).text())![1];
});
afterAll(async () => {
	await server?.stop();
});

function counts(): Record<string, number> {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
	} finally {
		db.close();
	}
}

/** Runs `attempts`, checking each answer, and that no table gained or lost a row. */
async function storesNothing(attempts: () => Promise<void>): Promise<void> {
	const before = counts();
	await attempts();
	expect(counts()).toEqual(before);
}

/** A raw POST with the session cookie and the same-origin header a browser sends. */
function rawPost(path: string, body: BodyInit, contentType: string, headers: Record<string, string> = {}) {
	return client.request(path, { method: 'POST', body, headers: { 'content-type': contentType, origin: server.url, ...headers }, duplex: 'half' } as RequestInit);
}

const bytes = (...parts: (string | number[])[]): Uint8Array<ArrayBuffer> =>
	new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
const latin1 = (body: Uint8Array) => Buffer.from(body).toString('latin1');

describe('bad input', () => {
	it('oversized bodies: 413 with or without a Content-Length', async () => {
		await storesNothing(async () => {
			const declared = await client.post(`${CLAUSE}?/comment`, { revision, body: 'z'.repeat(100_000), language: 'es' }, { 'accept-language': 'es' });
			expect(declared.status).toBe(413);
			expect(await declared.text()).toContain(es.errors.bodyTooLarge.split('{{max}}')[0]);
			// Streamed in chunks (Transfer-Encoding: chunked): the app counts the bytes as they come.
			const chunk = new TextEncoder().encode(`revision=${revision}&language=es&body=${'y'.repeat(16_000)}`);
			let sent = 0;
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent++ < 8) controller.enqueue(sent === 1 ? chunk : new TextEncoder().encode('y'.repeat(16_000)));
					else controller.close();
				}
			});
			const chunked = await rawPost(`${CLAUSE}?/comment`, stream, 'application/x-www-form-urlencoded');
			expect(chunked.status).toBe(413);
			// The JSON API answers in JSON.
			const api = await client.request('/api/v1/consultations', { method: 'POST', body: 'x'.repeat(100_000), headers: { 'content-type': 'application/json' } });
			expect(api.status).toBe(413);
			expect(((await api.json()) as { error: { status: number } }).error.status).toBe(413);
		});
	});

	it('malformed form data: 400 with a message', async () => {
		await storesNothing(async () => {
			const broken = await rawPost(`${CLAUSE}?/comment`, '--nope\r\nthis is not multipart', 'multipart/form-data; boundary=xyz', { 'accept-language': 'es' });
			expect(broken.status).toBe(400);
			expect(await broken.text()).toContain(es.errors.badForm);
			const noBoundary = await rawPost(`${CLAUSE}?/comment`, 'a=b', 'multipart/form-data');
			expect(noBoundary.status).toBe(400);
			const text = await rawPost(`${CLAUSE}?/comment`, `revision=${revision}&body=hi&language=es`, 'text/plain');
			expect(text.status).toBe(400);
			// Fields of the wrong shape are validation errors, not crashes.
			const forms: Record<string, string | string[]>[] = [
				{ revision: 'abc', body: 'x', language: 'es' },
				{ revision: '99999999999999999999999', body: 'x', language: 'es' },
				{ revision: '-1', body: 'x', language: 'es' },
				{ revision, body: 'x', language: 'es', parent: '1e3' },
				{ revision, body: 'x', language: 'es', parent: ['1', '2'] },
				{ revision, stance: ['support', 'oppose'], language: 'es' }
			];
			for (const form of forms) {
				const response = await client.post(`${CLAUSE}?/comment`, form);
				expect(response.status, JSON.stringify(form)).toBe(400);
			}
			const json = await client.request(`${CLAUSE}?/comment`, { method: 'POST', body: '{"body":"x"}', headers: { 'content-type': 'application/json', origin: server.url } });
			expect(json.status).toBeGreaterThanOrEqual(400);
			expect(json.status).toBeLessThan(500);
		});
	});

	it('invalid UTF-8, raw or percent-encoded, in urlencoded and multipart forms: 400', async () => {
		await storesNothing(async () => {
			const cases: Uint8Array<ArrayBuffer>[] = [
				bytes(`revision=${revision}&language=es&body=caf`, [0xe9], ' au lait'), // Latin-1, not UTF-8
				bytes(`revision=${revision}&language=es&body=`, [0xff, 0xfe, 0x41]),
				bytes(`revision=${revision}&language=es&body=%C3%28`), // a lead byte without its continuation
				bytes(`revision=${revision}&language=es&body=%C0%AF`), // an overlong "/"
				bytes(`revision=${revision}&language=es&body=%ED%A0%80`), // a UTF-16 surrogate, encoded
				bytes(`revision=${revision}&language=es&b%FFdy=x`) // in a name
			];
			for (const body of cases) {
				const response = await rawPost(`${CLAUSE}?/comment`, body, 'application/x-www-form-urlencoded', { 'accept-language': 'es' });
				expect(response.status, latin1(body)).toBe(400);
				expect(await response.text()).toContain(es.errors.badEncoding);
			}
			const multipart = bytes(
				'--b0undary\r\nContent-Disposition: form-data; name="revision"\r\n\r\n', revision,
				'\r\n--b0undary\r\nContent-Disposition: form-data; name="language"\r\n\r\nes',
				'\r\n--b0undary\r\nContent-Disposition: form-data; name="body"\r\n\r\nol', [0xe1], '\r\n--b0undary--\r\n'
			);
			const response = await rawPost(`${CLAUSE}?/comment`, multipart, 'multipart/form-data; boundary=b0undary');
			expect(response.status).toBe(400);
			expect(await response.text()).toContain(en.errors.badEncoding);
		});
		// The same forms in valid UTF-8 are accepted (a stray "%" included), so the refusals above are about the bytes.
		const ok = await rawPost(`${CLAUSE}?/comment`, bytes(`revision=${revision}&language=es&body=caf%C3%A9+100%`), 'application/x-www-form-urlencoded');
		expect(ok.status).toBe(200);
		const db = new Database(server.databasePath, { readonly: true });
		expect(db.prepare('SELECT count(*) AS n FROM comments WHERE body = ?').get('café 100%')).toEqual({ n: 1 });
		db.close();
	});

	it('direction-override characters in display names: refused, in the reader’s language', async () => {
		const names = ['Eve\u202Egnp.exe', 'Admin\u202D', '\u2066Moderator\u2069', 'Bob\u202Atrailing', 'Null\u0000byte', 'Two\nlines'];
		await storesNothing(async () => {
			for (const displayName of names) {
				const signup = await new Client(server.url).post(
					'/signup',
					{ username: 'spoofer', password: 'correct horse battery', displayName, languages: 'en', affiliation: '', redirectTo: '/' },
					{ 'accept-language': 'es' }
				);
				expect(signup.status, JSON.stringify(displayName)).toBe(400);
				const html = await signup.text();
				expect(html).toContain(/[\u202A-\u202E\u2066-\u2069]/.test(displayName) ? es.errors.bidiControls : es.errors.controlChars);
				const profile = await client.post('/profile', { displayName, languages: 'es, en', affiliation: '' });
				expect(profile.status, JSON.stringify(displayName)).toBe(400);
			}
		});
		const db = new Database(server.databasePath, { readonly: true });
		expect(db.prepare("SELECT display_name AS name FROM users WHERE username = 'tester'").get()).toEqual({ name: 'Tester' });
		db.close();
		// Right-to-left names themselves are welcome.
		expect((await client.post('/profile', { displayName: 'سلمى', languages: 'es, en', affiliation: '' })).status).toBe(200);
	});

	it('unknown ids: 404 (or 400/409 for a form naming what is not there), storing nothing', async () => {
		const liaison = new Client(server.url);
		await liaison.logIn('liaison_ar', 'polyphony-demo');
		await storesNothing(async () => {
			expect((await client.post(`${CLAUSE}?/comment`, { revision, body: 'to nobody', language: 'es', parent: '999999' })).status).toBe(400);
			expect((await client.post(`${CLAUSE}?/stance`, { revision: '999999', stance: 'support', language: 'es' })).status).toBe(409);
			expect((await client.post(`${CLAUSE}?/translateComment`, { comment: '999999', language: 'en', body: 'x' })).status).toBe(404);
			expect((await client.post(`${CLAUSE}?/report`, { comment: '999999', reason: 'spam', details: '' })).status).toBe(404);
			expect((await client.post(`/consultations/nope/clauses/harassment?/comment`, { revision, body: 'x', language: 'es' })).status).toBe(404);
			expect((await client.post(`/consultations/${SLUG}/clauses/nope?/stance`, { revision, stance: 'support', language: 'es' })).status).toBe(404);
			expect((await client.post('/account/security?/revoke', { session: 'f'.repeat(64) })).status).toBe(404);
			for (const path of [
				'/consultations/nope',
				`/consultations/${SLUG}/clauses/nope`,
				`/consultations/${SLUG}/summaries/999999`,
				`/consultations/${SLUG}/summaries/99999999999`,
				`/consultations/${SLUG}/versions/999/heard`,
				`/consultations/${SLUG}/clauses/harassment?version=999`,
				'/api/v1/consultations/nope',
				`/api/v1/consultations/${SLUG}/versions/999/clauses`,
				`/api/v1/consultations/${SLUG}/versions/1/diff/999`
			]) {
				const response = await client.get(path);
				expect(response.status, path).toBe(404);
			}
			expect((await liaison.get(`/consultations/${SLUG}/summaries/999999/edit`)).status).toBe(404);
			expect((await liaison.post(`/consultations/${SLUG}/summaries/999999/edit?/save`, { narrative: 'x' })).status).toBe(404);
		});
	});
});
