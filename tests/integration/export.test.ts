// The export over HTTP on the built server: the page (without JavaScript), the downloads at
// /consultations/{slug}/export?format=…, refusals with translated messages, filenames, who gets
// which export (and the proof that committee-only text never reaches a public one), the limit on
// concurrent exports, and the command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { SECRET, seedExportFixture, USERNAME_MARKER } from '../support/export';
import { answerFixtureSummaries, SUMMARY_RESPONSE } from '../support/summary-responses';
import { openDatabase } from '../../src/lib/server/db';
import { addComment } from '../../src/lib/server/comments/service';
import { makeUser } from '../support/db';
import { getConsultation } from '../../src/lib/server/consultations/service';
import en from '../../messages/en.json';
import es from '../../messages/es.json';
import ar from '../../messages/ar.json';

const ROOT = resolve(import.meta.dirname, '../..');
const SLUG = 'code-of-conduct';
const EXPORT = `/consultations/${SLUG}/export`;
const FORMATS = ['csv', 'json', 'xlsx', 'markdown', 'wikitext'] as const;
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/export.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS: under Node's ESM its plugin is the module's `default`, typed as the module.
(addFormats as unknown as { default: typeof addFormats }).default(ajv);
const validate = ajv.compile(schema);

let server: RunningServer;
let visitor: Client;
let participant: Client;
let committee: Client;

beforeAll(async () => {
	server = await startServer({ demo: true });
	const db = openDatabase(server.databasePath);
	try {
		const consultation = getConsultation(db, SLUG)!;
		const fixture = seedExportFixture(db, consultation, { versionNumber: 2, published: 'ar', draft: 'es' });
		answerFixtureSummaries(db, consultation, { versionNumber: 2, published: 'ar', draft: 'es', authorId: fixture.users.committee });
	} finally {
		db.$client.close();
	}
	visitor = new Client(server.url, { 'accept-language': 'en' });
	participant = new Client(server.url, { 'accept-language': 'en' });
	await participant.logIn('participant', 'polyphony-demo');
	committee = new Client(server.url, { 'accept-language': 'en' });
	await committee.logIn('committee', 'polyphony-demo');
});
afterAll(async () => {
	await server?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

async function download(client: Client, query: string, headers: Record<string, string> = {}) {
	const response = await client.get(`${EXPORT}?${query}`, headers);
	return { response, body: Buffer.from(await response.arrayBuffer()) };
}

async function cellsOf(buffer: Buffer): Promise<string> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(buffer as unknown as ArrayBuffer);
	const out: string[] = [];
	book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
	return out.join('\n');
}

describe('the export page', () => {
	it('shows a visitor the public export, what it will contain, and one download button per format, without JavaScript', async () => {
		const response = await visitor.get(`${EXPORT}?version=2&lang=ar`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(en.export.publicNote);
		expect(html).not.toContain(en.export.committeeNote);
		expect(html).toMatch(/<form method="GET" class="export-form"[^>]*data-sveltekit-reload/);
		for (const format of FORMATS) expect(html).toContain(`name="format" value="${format}"`);
		// The count: what the export of this selection holds.
		const total = /Items in this export: ([\d,]+)/.exec(html);
		expect(total).not.toBeNull();
		const { body } = await download(visitor, 'format=csv&version=2&lang=ar');
		const rows = parse<Record<string, string>>(body, { columns: true, bom: true });
		expect(Number(total![1].replace(/,/g, ''))).toBe(rows.length);
		expect(html).toContain(`polyphony-${SLUG}-v2-${today()}.xlsx`);
	});

	it('explains a bad selection next to its field, in the reader’s language, and offers no download', async () => {
		const response = await visitor.get(`${EXPORT}?from=2026-02-31&lang=xx`, { 'accept-language': 'es' });
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(es.errors.exportDate);
		expect(html).toContain(es.export.fixErrors);
		expect(html).toMatch(/name="format" value="csv"[^>]*disabled/);
	});

	it('shows the committee its own export, and is linked from the consultation page and the dashboard', async () => {
		const html = await (await committee.get(EXPORT)).text();
		expect(html).toContain(en.export.committeeNote);
		// The committee may export its unpublished draft.
		expect(html).toMatch(/<option value="3"[^>]*>[^<]*Draft/);
		expect(await (await visitor.get(`/consultations/${SLUG}`)).text()).toContain(`href="${EXPORT}"`);
		expect(await (await committee.get(`/consultations/${SLUG}/dashboard`)).text()).toMatch(new RegExp(`href="${EXPORT}\\?version=\\d+"`));
	});
});

describe('downloads', () => {
	it('start at the page’s own address with ?format=, for a browser as for curl, named polyphony-{slug}-v{n}-{date}', async () => {
		for (const accept of ['text/html,application/xhtml+xml', '*/*']) {
			const { response, body } = await download(visitor, 'format=csv', { accept });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="polyphony-${SLUG}-v2-${today()}.csv"`);
			expect(response.headers.get('cache-control')).toBe('private, no-store');
			expect(body.toString('utf8').split('\n')[0]).toMatch(/^kind,id,parent_id,consultation,version,/);
		}
		const expected: Record<string, [string, string]> = {
			json: ['application/json; charset=utf-8', 'json'],
			xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
			markdown: ['text/markdown; charset=utf-8', 'md'],
			wikitext: ['text/x-wiki; charset=utf-8', 'wiki']
		};
		for (const [format, [type, extension]] of Object.entries(expected)) {
			const { response } = await download(visitor, `format=${format}&version=all`);
			expect(response.status, format).toBe(200);
			expect(response.headers.get('content-type')).toBe(type);
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="polyphony-${SLUG}-all-${today()}.${extension}"`);
		}
		const direct = await visitor.get(`${EXPORT}/download?format=json&version=1`);
		expect(direct.status).toBe(200);
		expect(validate(await direct.json())).toBe(true);
		const head = await visitor.request(`${EXPORT}?format=xlsx&version=1`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-disposition')).toBe(`attachment; filename="polyphony-${SLUG}-v1-${today()}.xlsx"`);
	});

	it('refuse an unknown format, version, language or clause with 400 and a message in the reader’s language', async () => {
		const cases: [string, string, string][] = [
			['format=pdf', 'es', es.errors.exportFormat],
			['format=', 'en', en.errors.exportFormat],
			['format=csv&version=99', 'es', es.errors.exportVersion],
			['format=csv&version=latest', 'en', en.errors.exportVersion],
			// A draft is "unknown" to everyone but the committee.
			['format=csv&version=3', 'en', en.errors.exportVersion],
			['format=json&lang=de', 'ar', ar.errors.exportLanguage.replace('{{language}}', 'de')],
			['format=json&lang=%3Cscript%3E', 'en', en.errors.languageInvalid],
			['format=xlsx&clauses=purpose,no-such-clause', 'es', es.errors.exportClause.replace('{{key}}', 'no-such-clause')],
			['format=xlsx&clauses=Bad_Key', 'en', en.errors.exportClauseKey],
			['format=csv&from=yesterday', 'es', es.errors.exportDate],
			['format=csv&from=2026-05-01&to=2026-04-01', 'en', en.errors.exportDateOrder]
		];
		for (const [query, locale, message] of cases) {
			const response = await visitor.get(`${EXPORT}?${query}`, { 'accept-language': locale, accept: 'application/json' });
			expect(response.status, query).toBe(400);
			expect(await response.json(), query).toEqual({ message });
		}
		// A browser gets the message on a page.
		const page = await visitor.get(`${EXPORT}?format=pdf`, { 'accept-language': 'ar' });
		expect(page.status).toBe(400);
		expect(await page.text()).toContain(ar.errors.exportFormat);
		expect((await visitor.get(`/consultations/no-such-consultation/export?format=csv`)).status).toBe(404);
	});

	it('of an empty selection are valid files with their headers', async () => {
		const csv = await download(visitor, 'format=csv&from=2099-01-01');
		expect(csv.response.status).toBe(200);
		expect(csv.body.toString('utf8')).toMatch(/^kind,id,[a-z_,]+,link\n$/);
		const json = await download(visitor, 'format=json&from=2099-01-01');
		const parsed = JSON.parse(json.body.toString('utf8')) as { counts: { total: number } };
		expect(validate(parsed)).toBe(true);
		expect(parsed.counts.total).toBe(0);
		const xlsx = await download(visitor, 'format=xlsx&from=2099-01-01');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		expect(book.getWorksheet('Comments')!.rowCount).toBe(1);
	});
});

describe('who gets which export', () => {
	it('never gives committee-only, moderated, deleted or unpublished text to anyone but the committee, in any format', async () => {
		for (const format of FORMATS) {
			for (const client of [visitor, participant]) {
				const { response, body } = await download(client, `format=${format}&version=all`);
				expect(response.status).toBe(200);
				const text = format === 'xlsx' ? await cellsOf(body) : body.toString('utf8');
				for (const secret of Object.values(SECRET)) expect(text, `${format}: ${secret}`).not.toContain(secret);
				expect(text).not.toContain(USERNAME_MARKER);
				// The committee's response to a published summary is public with it (the CSV has no summaries).
				if (format === 'csv') expect(text, format).not.toContain(SUMMARY_RESPONSE.published);
				else expect(text, format).toContain(SUMMARY_RESPONSE.published);
				expect(text, format).not.toContain(SUMMARY_RESPONSE.onDraft);
			}
			const { body } = await download(committee, `format=${format}&version=all`);
			const text = format === 'xlsx' ? await cellsOf(body) : body.toString('utf8');
			expect(text, format).toContain(SECRET.responseToPrivate);
			expect(text, format).toContain(SECRET.committeeComment);
			// A committee-only reason's translation goes where the reason goes: the committee's data files.
			if (format === 'csv' || format === 'json' || format === 'xlsx') expect(text, format).toContain(SECRET.committeeReasonTranslation);
			if (format !== 'csv') expect(text, format).toContain(SUMMARY_RESPONSE.published);
			// Not even the committee's export puts a response on a draft summary.
			expect(text, format).not.toContain(SUMMARY_RESPONSE.onDraft);
		}
	});

	it('gives the committee the visibility and moderation of every item, and everyone else the public columns only', async () => {
		const rows = (body: Buffer) => parse<Record<string, string>>(body, { columns: true, bom: true });
		const pub = rows((await download(participant, 'format=csv')).body);
		const mine = rows((await download(committee, 'format=csv')).body);
		expect(Object.keys(pub[0])).not.toContain('visibility');
		expect(Object.keys(pub[0])).not.toContain('affiliation');
		expect(Object.keys(mine[0])).toEqual(expect.arrayContaining(['affiliation', 'visibility', 'moderation', 'moderation_reason']));
		expect(mine.find((r) => r.text === SECRET.hiddenComment)).toMatchObject({ moderation: 'hidden', moderation_reason: SECRET.moderationReason });
		expect(mine.length).toBeGreaterThan(pub.length);
		const json = JSON.parse((await download(committee, 'format=json&version=all')).body.toString('utf8')) as { audience: string; versions: { status: string }[] };
		expect(validate(json), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
		expect(json.audience).toBe('committee');
		expect(json.versions.map((v: { status: string }) => v.status)).toEqual(['published', 'published', 'draft']);
	});
});

describe('formulas in the CSV', () => {
	it('are neutralised in every CSV by default; the committee alone may ask for raw=1, a visitor is refused in their language', async () => {
		const formula = '=HYPERLINK("http://evil.example","click")';
		const db = openDatabase(server.databasePath);
		try {
			const revision = (db.$client.prepare(`select r.id from clause_revisions r join draft_versions v on v.id = r.version_id where v.number = 2 limit 1`).get() as { id: number }).id;
			const author = makeUser(db, { displayName: '@SUM(1+1)*cmd' });
			addComment(db, { revisionId: revision, authorId: author.id, language: 'en', body: formula });
		} finally {
			db.$client.close();
		}
		const rows = (body: Buffer) => parse<Record<string, string>>(body, { columns: true, bom: true });
		for (const [client, query] of [
			[visitor, 'format=csv&version=2'],
			[participant, 'format=csv&version=2&bom=1'],
			[committee, 'format=csv&version=2'],
			[committee, 'format=csv&version=2&raw=0']
		] as const) {
			const { response, body } = await download(client, query);
			expect(response.status).toBe(200);
			const csv = rows(body);
			expect(csv.map((r) => r.text), query).toContain(`'${formula}`);
			expect(csv.map((r) => r.text), query).not.toContain(formula);
			expect(csv.map((r) => r.author), query).toContain(`'@SUM(1+1)*cmd`);
		}
		const raw = rows((await download(committee, 'format=csv&version=2&raw=1')).body);
		expect(raw.map((r) => r.text)).toContain(formula);
		expect(raw.map((r) => r.author)).toContain('@SUM(1+1)*cmd');
		for (const [client, locale, catalog] of [
			[visitor, 'en', en],
			[participant, 'es', es],
			[visitor, 'ar', ar]
		] as const) {
			const { response, body } = await download(client, 'format=csv&version=2&raw=1', { 'accept-language': locale, accept: '*/*' });
			expect(response.status).toBe(400);
			expect(body.toString('utf8')).toContain(catalog.errors.exportRaw);
			expect(body.toString('utf8')).not.toContain(formula);
		}
		// The option is offered to the committee only.
		expect(await (await committee.get(EXPORT)).text()).toMatch(/<input[^>]*name="raw"/);
		expect(await (await visitor.get(EXPORT)).text()).not.toMatch(/name="raw"/);
	});
});

describe('limits', () => {
	it('runs at most EXPORT_CONCURRENCY exports at once; past that, 503 and a message, until one ends', async () => {
		const limited = await startServer({ demo: true, env: { EXPORT_CONCURRENCY: '1' } });
		try {
			// Enough feedback (about 30 MB of CSV) that a download no one reads cannot end in the sockets' buffers.
			const db = openDatabase(limited.databasePath);
			try {
				const sqlite = db.$client;
				const revision = (sqlite.prepare(`select r.id from clause_revisions r join draft_versions v on v.id = r.version_id where v.number = 2 limit 1`).get() as { id: number }).id;
				const addUser = sqlite.prepare(`insert into users (username, display_name, password_hash, languages) values (?, ?, 'x', '["en"]')`);
				const addStance = sqlite.prepare(`insert into stances (revision_id, user_id, stance, reason, language, community) values (?, ?, 'support', ?, 'en', 'en')`);
				sqlite.transaction(() => {
					for (let i = 0; i < 30_000; i++) addStance.run(revision, addUser.run(`bulk${i}`, `Bulk ${i}`).lastInsertRowid, `Reason ${i} `.padEnd(900, 'x'));
				})();
			} finally {
				db.$client.close();
			}
			const client = new Client(limited.url, { 'accept-language': 'es' });
			const first = await client.get(`${EXPORT}?format=csv`);
			expect(first.status).toBe(200);
			const busy = await client.get(`${EXPORT}?format=csv`);
			expect(busy.status).toBe(503);
			expect(busy.headers.get('retry-after')).toBe('30');
			expect(await busy.text()).toBe(es.errors.exportBusy);
			await first.body!.cancel();
			// The server notices the closed connection and frees the slot.
			let again = 503;
			for (let i = 0; i < 50 && again === 503; i++) {
				await new Promise((r) => setTimeout(r, 100));
				const response = await client.get(`${EXPORT}?format=csv`);
				again = response.status;
				await response.arrayBuffer();
			}
			expect(again).toBe(200);
		} finally {
			await limited.stop();
		}
	});
});

describe('the command line', () => {
	it('writes the same export for scheduled archiving, and explains a bad parameter', () => {
		const dir = mkdtempSync(join(tmpdir(), 'polyphony-export-cli-'));
		try {
			const out = join(dir, 'feedback.xlsx');
			const run = (args: string[]) =>
				spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], {
					cwd: ROOT,
					env: { ...process.env, DATABASE_PATH: server.databasePath, INIT_CWD: dir },
					encoding: 'utf8'
				});
			const ok = run(['--consultation', SLUG, '--version', '2', '--format', 'xlsx', '--out', 'feedback.xlsx', '--stats']);
			expect(ok.status, ok.stderr).toBe(0);
			expect(existsSync(out)).toBe(true);
			expect(existsSync(`${out}.partial`)).toBe(false);
			expect(ok.stderr).toMatch(/"stats":\{"format":"xlsx","seconds":[\d.]+,"bytes":\d+,"maxRssMb":[\d.]+\}/);
			const publicCsv = run(['--consultation', SLUG, '--format', 'csv', '--public', '--version', 'all', '--out', '-']);
			expect(publicCsv.status, publicCsv.stderr).toBe(0);
			for (const secret of Object.values(SECRET)) expect(publicCsv.stdout).not.toContain(secret);
			expect(publicCsv.stdout.split('\n')[0]).toMatch(/^kind,id,/);
			// Formulas: neutralised unless --raw, which the public export refuses.
			const db = openDatabase(server.databasePath);
			try {
				const revision = (db.$client.prepare(`select r.id from clause_revisions r join draft_versions v on v.id = r.version_id where v.number = 2 limit 1`).get() as { id: number }).id;
				addComment(db, { revisionId: revision, authorId: makeUser(db).id, language: 'en', body: '=1+2 from the command line' });
			} finally {
				db.$client.close();
			}
			const texts = (args: string[]) => parse<Record<string, string>>(run(['--consultation', SLUG, '--format', 'csv', '--out', '-', ...args]).stdout, { columns: true }).map((r) => r.text);
			expect(texts([])).toContain(`'=1+2 from the command line`);
			expect(texts(['--raw'])).toContain('=1+2 from the command line');
			const rawPublic = run(['--consultation', SLUG, '--format', 'csv', '--public', '--raw', '--out', '-']);
			expect(rawPublic.status).toBe(2);
			expect(rawPublic.stderr).toContain(en.errors.exportRaw);
			const bad = run(['--consultation', SLUG, '--format', 'pdf']);
			expect(bad.status).toBe(2);
			expect(bad.stderr).toContain(en.errors.exportFormat);
			const badClause = run(['--consultation', SLUG, '--format', 'csv', '--clauses', 'nope', '--locale', 'es']);
			expect(badClause.status).toBe(2);
			expect(badClause.stderr).toContain(es.errors.exportClause.replace('{{key}}', 'nope'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
