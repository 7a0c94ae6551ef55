// Pages stay light: the UI catalog is a separate, cacheable module for the reader's locale only
// (src/lib/i18n/catalog.ts), never part of a page's serialised data. That the browser still
// translates after hydration is shown by the end-to-end tests with JavaScript on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
const CLAUSE = '/consultations/code-of-conduct/clauses/harassment';
const catalog = (locale: string) =>
	JSON.parse(readFileSync(resolve(import.meta.dirname, `../../messages/${locale}.json`), 'utf8')) as { errors: { countsExceedParticipants: string } };

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server?.stop();
});

describe('page weight', () => {
	it('does not carry the UI catalog in the page', async () => {
		for (const locale of ['en', 'ar']) {
			const html = await (await new Client(server.url, { 'accept-language': locale }).get(CLAUSE)).text();
			// A message no clause page shows: present in the catalog, absent from the page.
			const unused = catalog(locale).errors.countsExceedParticipants;
			expect(unused.length).toBeGreaterThan(10);
			expect(html).not.toContain(unused.slice(0, 20));
			expect(html).not.toMatch(/messages:\{/);
		}
	});

	it('keeps it out of the page data fetched for client-side navigation too', async () => {
		const data = await (await new Client(server.url).get(`${CLAUSE}/__data.json`, { accept: 'application/json' })).text();
		expect(data).toContain('harassment');
		expect(data).not.toContain(catalog('en').errors.countsExceedParticipants.slice(0, 20));
	});
});
