// The export writers on a real SQLite file: every format parsed back (csv-parse, exceljs's reader,
// JSON Schema validation) and compared with the database, and the proof that nothing only the
// committee may read reaches a public export, in any format.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { PUBLIC_TEXT, SECRET, seedExportFixture, USERNAME_MARKER, type ExportFixture } from '../../../../tests/support/export';
import { answerFixtureSummaries, SUMMARY_RESPONSE, type SummaryResponses } from '../../../../tests/support/summary-responses';
import { addComment } from '../comments/service';
import { setStance } from '../stances/service';
import { deleteAccount } from '../accounts/deletion';
import { recordSummaryResponse } from '../responses/summaries';
import { createTranslator } from '../../i18n/translator';
import { CATALOGS } from '../i18n/catalogs';
import type { Consultation } from '../db/schema';
import { EXPORT_FORMATS, ITEM_KINDS, type Audience, type ExportFormat, type ExportSelection } from './model';
import { exportFilters, resolveSelection } from './query';
import { countExport, exportBytes, exportStream } from './service';
import { COMMITTEE_COLUMNS, CSV_COLUMNS } from './csv';
import { SHEETS } from './xlsx';
import { seedReportPayloads } from '../../../../tests/support/report-payloads';
import { externalLinkTargets, markdownAddresses, SAFE_WIKI_TARGET, wikitextOutsideLiteral } from '../../../../tests/support/report-checks';
import WIKITEXT_PAYLOADS from '../../../../tests/fixtures/wikitext-payloads.json';
import MARKDOWN_LINK_PAYLOADS from '../../../../tests/fixtures/markdown-link-payloads.json';

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../docs/export.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS: under Node's ESM its plugin is the module's `default`, typed as the module.
(addFormats as unknown as { default: typeof addFormats }).default(ajv);
const validate = ajv.compile(schema);

let t: TestDb;
let consultation: Consultation;
let fixture: ExportFixture;
let answers: SummaryResponses;
const NOW = Date.UTC(2026, 4, 15, 12);

beforeEach(() => {
	t = createTestDb();
	({ consultation } = makeConsultation(t.db, { languages: ['es', 'ar'] }));
	fixture = seedExportFixture(t.db, consultation, { versionNumber: 1, published: 'ar', draft: 'es', now: NOW });
	answers = answerFixtureSummaries(t.db, consultation, { versionNumber: 1, published: 'ar', draft: 'es', authorId: fixture.users.committee, now: NOW });
});
afterEach(() => t.close());

function select(audience: Audience, query: Record<string, unknown> = {}): ExportSelection {
	return resolveSelection(t.db, consultation, exportFilters.parse({ clauses: [], ...query }), {
		audience,
		baseUrl: 'https://polyphony.example',
		now: NOW
	});
}

async function exportOf(selection: ExportSelection, format: ExportFormat, csv: { spreadsheet?: boolean; raw?: boolean } = {}): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	const options = { spreadsheet: false, raw: false, ...csv, t: createTranslator('en', CATALOGS.en), locale: 'en' };
	for await (const chunk of exportBytes(t.db, selection, format, options)) parts.push(chunk);
	return Buffer.concat(parts);
}

async function workbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(buffer as unknown as ArrayBuffer);
	return book;
}

/** Every cell's text of a workbook, sheet by sheet. */
async function workbookText(buffer: Buffer): Promise<string> {
	const book = await workbook(buffer);
	const out: string[] = [];
	book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
	return out.join('\n');
}

async function textOf(selection: ExportSelection, format: ExportFormat): Promise<string> {
	const buffer = await exportOf(selection, format);
	return format === 'xlsx' ? workbookText(buffer) : buffer.toString('utf8');
}

/** The parts of the JSON export these tests read (docs/export.schema.json describes all of it). */
type JsonItem = Record<string, unknown> & { id: string; kind?: string; parentId?: string | null; author?: string | null; authorStatus?: string };
interface ExportJson {
	counts: Record<string, number>;
	versions: {
		number: number;
		clauses: {
			tallies: unknown[];
			reported: unknown[];
			stances: JsonItem[];
			comments: (JsonItem & { replies: JsonItem[] })[];
			liaison: (JsonItem & { quotes: unknown[] })[];
			responses: JsonItem[];
		}[];
		liaisonSummaries: unknown[];
	}[];
}

function jsonOf(buffer: Buffer): ExportJson {
	return JSON.parse(buffer.toString('utf8')) as ExportJson;
}

function csvRows(buffer: Buffer): Record<string, string>[] {
	return parse(buffer, { columns: true, bom: true, skip_empty_lines: true });
}

function count(sql: string, ...params: unknown[]): number {
	return (t.db.$client.prepare(sql).get(...params) as { n: number }).n;
}

describe('who sees what', () => {
	it('no committee-only, moderated, deleted or draft text reaches a public export, in any format; the committee export has it', async () => {
		const secrets = Object.values(SECRET);
		for (const format of EXPORT_FORMATS) {
			const publicText = await textOf(select('public', { version: 'all' }), format);
			for (const secret of secrets) expect(publicText, `${format}: ${secret}`).not.toContain(secret);
			expect(publicText, format).not.toContain(USERNAME_MARKER);
			expect(publicText, format).not.toContain(PUBLIC_TEXT.machineTranslation);
			expect(publicText.length, format).toBeGreaterThan(500);

			const committeeText = await textOf(select('committee', { version: 'all' }), format);
			expect(committeeText, format).not.toContain(USERNAME_MARKER);
			expect(committeeText, format).not.toContain(PUBLIC_TEXT.machineTranslation);
			// The data formats hold every item; the reports the notable comments, liaison points and responses.
			const expected =
				format === 'markdown' || format === 'wikitext'
					? [SECRET.committeeComment, SECRET.responseToPrivate, SECRET.draftSummary, SECRET.draftVersion]
					: format === 'xlsx'
						? secrets
						: secrets.filter((s) => s !== SECRET.draftVersion || format === 'json');
			for (const secret of expected) expect(committeeText, `${format}: ${secret}`).toContain(secret);

			// The committee's response to a published summary is as public as the summary, in every format
			// that shows summaries (the CSV has items only); a draft summary carries none, in either export.
			for (const text of [publicText, committeeText]) {
				if (format === 'csv') expect(text, format).not.toContain(SUMMARY_RESPONSE.published);
				else expect(text, format).toContain(SUMMARY_RESPONSE.published);
				expect(text, format).not.toContain(SUMMARY_RESPONSE.onDraft);
			}
		}
	});

	it('gives public authors by display name only: anonymous stances without a reason, no affiliations', async () => {
		const publicRows = csvRows(await exportOf(select('public'), 'csv'));
		const committeeRows = csvRows(await exportOf(select('committee'), 'csv'));
		expect(Object.keys(publicRows[0])).toEqual([...CSV_COLUMNS]);
		expect(Object.keys(committeeRows[0])).toEqual([...CSV_COLUMNS, ...COMMITTEE_COLUMNS]);

		const byId = (rows: Record<string, string>[], id: string) => rows.find((r) => r.id === id);
		expect(byId(publicRows, `stance-${fixture.stances.withReason}`)).toMatchObject({ author: 'Alice Adams', author_status: 'named', text: PUBLIC_TEXT.reason });
		expect(byId(publicRows, `stance-${fixture.stances.withoutReason}`)).toMatchObject({ author: 'anonymous', author_status: 'anonymous', text: '' });
		expect(byId(publicRows, `stance-${fixture.stances.private}`)).toBeUndefined();
		expect(byId(committeeRows, `stance-${fixture.stances.withoutReason}`)).toMatchObject({ author: 'بدر الدين', affiliation: 'staff' });
		expect(byId(committeeRows, `stance-${fixture.stances.private}`)).toMatchObject({ visibility: 'committee-only', text: SECRET.committeeStance });

		// A deleted comment stays, empty and authorless, so that its replies keep their place.
		expect(byId(publicRows, `comment-${fixture.comments.deleted}`)).toMatchObject({ kind: 'comment', text: '', author: '', author_status: 'deleted', deleted: 'true' });
		expect(byId(publicRows, `comment-${fixture.comments.replyUnderDeleted}`)).toMatchObject({ kind: 'reply', parent_id: `comment-${fixture.comments.deleted}` });
		for (const id of [fixture.comments.private, fixture.comments.replyUnderPrivate, fixture.comments.hidden, fixture.comments.pending]) {
			expect(byId(publicRows, `comment-${id}`)).toBeUndefined();
		}
		expect(byId(committeeRows, `comment-${fixture.comments.hidden}`)).toMatchObject({ moderation: 'hidden', moderation_reason: SECRET.moderationReason });
		expect(byId(committeeRows, `comment-${fixture.comments.pending}`)).toMatchObject({ moderation: 'pending' });
		expect(byId(committeeRows, `comment-${fixture.comments.deleted}`)).toMatchObject({ author: 'Carla Ruiz', deleted: 'true' });
		expect(publicRows.some((r) => r.author === '' && r.author_status === 'named')).toBe(false);
	});
});

describe('translations of reasons and quotes', () => {
	const reasonTranslation = { language: 'es', text: PUBLIC_TEXT.reasonTranslation, translator: 'Carla Ruiz', machine: false, outdated: false, updatedAt: new Date(NOW - 50).toISOString() };
	const machineTranslation = { language: 'ar', text: PUBLIC_TEXT.reasonMachineTranslation, translator: null, machine: true, outdated: true, updatedAt: new Date(NOW - 40).toISOString() };
	const quoteTranslation = { language: 'es', text: PUBLIC_TEXT.quotePersonTranslation, translator: 'Carla Ruiz', machine: false, outdated: false, updatedAt: new Date(NOW - 50).toISOString() };

	it('are in the JSON with their translator, machine or human, and outdated status; a committee-only reason’s only in the committee’s', async () => {
		for (const audience of ['public', 'committee'] as const) {
			const json = jsonOf(await exportOf(select(audience), 'json'));
			expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
			const clause = json.versions[0].clauses[0];
			const stance = (id: number) => clause.stances.find((s) => s.id === `stance-${id}`);
			expect(stance(fixture.stances.withReason)).toMatchObject({
				translations: { es: PUBLIC_TEXT.reasonTranslation },
				translationRecords: [machineTranslation, reasonTranslation]
			});
			expect(stance(fixture.stances.withoutReason)).toMatchObject({ translations: {}, translationRecords: null });
			const privateReason = stance(fixture.stances.private);
			if (audience === 'public') expect(privateReason).toBeUndefined();
			else {
				expect(privateReason).toMatchObject({
					translations: { en: SECRET.committeeReasonTranslation },
					translationRecords: [{ language: 'en', text: SECRET.committeeReasonTranslation, translator: 'Alice Adams', machine: false, outdated: false }]
				});
			}
			const quote = clause.liaison.find((p) => p.community === 'ar')!.quotes[0];
			expect(quote).toMatchObject({
				translations: { en: PUBLIC_TEXT.quoteTranslation, es: PUBLIC_TEXT.quotePersonTranslation },
				translationRecords: [quoteTranslation]
			});
			// The other kinds carry their translations in `translations` only.
			for (const item of [...clause.comments, ...clause.liaison, ...clause.responses]) expect(item.translationRecords, item.id).toBeNull();
		}
	});

	it('are in the CSV’s and the workbook’s translations, current human ones only, as comment translations are', async () => {
		for (const audience of ['public', 'committee'] as const) {
			const rows = csvRows(await exportOf(select(audience), 'csv'));
			expect(JSON.parse(rows.find((r) => r.id === `stance-${fixture.stances.withReason}`)!.translations) as unknown).toEqual({ es: PUBLIC_TEXT.reasonTranslation });
			expect(JSON.parse(rows.find((r) => r.id === `liaison-quote-${fixture.quotes.published}`)!.translations) as unknown).toEqual({
				en: PUBLIC_TEXT.quoteTranslation,
				es: PUBLIC_TEXT.quotePersonTranslation
			});
			const book = await workbook(await exportOf(select(audience), 'xlsx'));
			const cells = (sheet: string, id: string) => {
				const ws = book.getWorksheet(sheet)!;
				// Cells are numbered from 1: the header's values have nothing at 0.
				const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
				let found: Record<string, string> | null = null;
				ws.eachRow((row) => {
					if (row.getCell(header.indexOf('id') + 1).text === id) found = Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).text]));
				});
				return found as Record<string, string> | null;
			};
			expect(JSON.parse(cells(SHEETS.reasons, `stance-${fixture.stances.withReason}`)!.translations) as unknown).toEqual({ es: PUBLIC_TEXT.reasonTranslation });
			expect(cells(SHEETS.liaison, `liaison-quote-${fixture.quotes.published}`)).toMatchObject({ translation: PUBLIC_TEXT.quoteTranslation, translation_language: 'en' });
			expect(JSON.parse(cells(SHEETS.liaison, `liaison-quote-${fixture.quotes.published}`)!.translations) as unknown).toEqual({
				en: PUBLIC_TEXT.quoteTranslation,
				es: PUBLIC_TEXT.quotePersonTranslation
			});
			const privateRow = cells(SHEETS.reasons, `stance-${fixture.stances.private}`);
			if (audience === 'public') expect(privateRow).toBeNull();
			else expect(JSON.parse(privateRow!.translations) as unknown).toEqual({ en: SECRET.committeeReasonTranslation });
		}
	});

	it('name no one once the translator’s account is gone', async () => {
		deleteAccount(t.db, { userId: fixture.users.carla, comments: 'keep' });
		const json = jsonOf(await exportOf(select('public'), 'json'));
		expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
		const stance = json.versions[0].clauses[0].stances.find((s) => s.id === `stance-${fixture.stances.withReason}`)!;
		expect(stance.translationRecords).toEqual([machineTranslation, { ...reasonTranslation, translator: null }]);
	});
});

describe('counts', () => {
	it('match the items each export holds, per kind and in total, for both audiences and under filters', async () => {
		for (const audience of ['public', 'committee'] as const) {
			for (const query of [{}, { version: 'all' }, { lang: 'es' }, { lang: 'en' }, { from: '2099-01-01' }, { clauses: ['respect'] }]) {
				const selection = select(audience, query);
				const counts = countExport({ sqlite: t.db.$client, db: t.db }, selection);
				const rows = csvRows(await exportOf(selection, 'csv'));
				for (const kind of ITEM_KINDS) expect(rows.filter((r) => r.kind === kind).length, `${audience} ${JSON.stringify(query)} ${kind}`).toBe(counts[kind]);
				expect(rows.length).toBe(counts.total);
				const json = jsonOf(await exportOf(selection, 'json'));
				expect(json.counts).toEqual(counts);
			}
		}
	});

	it('of the committee export are everything in the database', () => {
		const counts = countExport({ sqlite: t.db.$client, db: t.db }, select('committee', { version: 'all' }));
		expect(counts.stance).toBe(count('select count(*) as n from stances'));
		expect(counts.comment).toBe(count('select count(*) as n from comments where parent_id is null'));
		expect(counts.reply).toBe(count('select count(*) as n from comments where parent_id is not null'));
		expect(counts['liaison-point']).toBe(count('select count(*) as n from summary_entries'));
		expect(counts['liaison-quote']).toBe(count('select count(*) as n from summary_quotes'));
		expect(counts['committee-response']).toBe(count('select count(*) as n from committee_responses'));
		const pub = countExport({ sqlite: t.db.$client, db: t.db }, select('public', { version: 'all' }));
		expect(pub).toMatchObject({ stance: 2, comment: 3, reply: 2, 'liaison-point': 1, 'liaison-quote': 1, 'committee-response': 2 });
	});
});

describe('CSV', () => {
	it('round-trips through csv-parse to the rows of the database', async () => {
		const rows = csvRows(await exportOf(select('committee'), 'csv'));
		const stances = t.db.$client.prepare('select id, stance, reason, community, language, created_at, updated_at from stances order by id').all() as {
			id: number;
			stance: string;
			reason: string | null;
			community: string;
			language: string;
			created_at: number;
			updated_at: number;
		}[];
		for (const s of stances) {
			expect(rows.find((r) => r.id === `stance-${s.id}`)).toMatchObject({
				kind: 'stance',
				consultation: consultation.slug,
				version: '1',
				clause_key: fixture.clauseKey,
				clause_label: '1',
				stance: s.stance,
				text: s.reason ?? '',
				community: s.community,
				language: s.language,
				created_at: new Date(s.created_at).toISOString(),
				updated_at: new Date(s.updated_at).toISOString(),
				link: `https://polyphony.example/consultations/${consultation.slug}/clauses/${fixture.clauseKey}?version=1${s.reason ? '#reasons' : ''}`
			});
		}
		const comment = rows.find((r) => r.id === `comment-${fixture.comments.public}`)!;
		expect(comment).toMatchObject({ kind: 'comment', text: PUBLIC_TEXT.comment, response_status: 'partly', link: expect.stringMatching(/#comment-\d+$/) });
		expect(JSON.parse(comment.translations) as unknown).toEqual({ es: PUBLIC_TEXT.translation });
		expect(rows.find((r) => r.id === `comment-${fixture.comments.reply}`)).toMatchObject({ kind: 'reply', parent_id: `comment-${fixture.comments.public}` });
		const point = rows.find((r) => r.kind === 'liaison-point' && r.community === 'ar')!;
		expect(point).toMatchObject({ author: 'Layla Liaison', text: PUBLIC_TEXT.keyPoints, reported_support: '12', reported_oppose: '5', reported_neutral: '4' });
		expect(rows.find((r) => r.kind === 'liaison-quote' && r.parent_id === point.id)).toMatchObject({
			text: PUBLIC_TEXT.quote,
			language: 'ar',
			author: 'anonymous',
			translations: JSON.stringify({ en: PUBLIC_TEXT.quoteTranslation, es: PUBLIC_TEXT.quotePersonTranslation })
		});
		expect(rows.filter((r) => r.kind === 'committee-response').map((r) => [r.response_status, r.parent_id, r.acted_in_version])).toEqual([
			['accepted', '', '1'],
			['noted', `comment-${fixture.comments.private}`, ''],
			['partly', `comment-${fixture.comments.public}`, '']
		]);
	});

	it('neutralises text a spreadsheet would run as a formula, by default, for both audiences; raw keeps it as written', async () => {
		// Cells csv-stringify's escape_formulas would let through are here too: after leading
		// whitespace, and the full-width signs some spreadsheet programs also read as a formula.
		const formulas = ['=HYPERLINK("http://evil.example")', '+1 agreed', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '  =1+1', '\n=1+1', '\u00a0+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', '\u3000＝1'];
		const harmless = ['Agreed = fine', '1 + 1', '(=1)'];
		for (const body of [...formulas, ...harmless]) {
			addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.alice, language: 'en', body, now: NOW });
		}
		const formulaName = makeUser(t.db, { displayName: '=cmd|"/c calc"!A1', languages: ['en'] });
		addComment(t.db, { revisionId: fixture.revisionId, authorId: formulaName.id, language: 'en', body: 'A comment by a formula.', now: NOW });
		for (const audience of ['public', 'committee'] as const) {
			const texts = csvRows(await exportOf(select(audience), 'csv')).map((r) => r.text);
			for (const body of formulas) expect(texts, `${audience}: ${JSON.stringify(body)}`).toContain(`'${body}`);
			for (const body of formulas) expect(texts, `${audience}: ${JSON.stringify(body)}`).not.toContain(body);
			for (const body of harmless) expect(texts, `${audience}: ${JSON.stringify(body)}`).toContain(body);
			const authors = csvRows(await exportOf(select(audience), 'csv')).map((r) => r.author);
			expect(authors).toContain(`'=cmd|"/c calc"!A1`);
		}
		const raw = csvRows(await exportOf(select('committee'), 'csv', { raw: true }));
		for (const body of formulas) expect(raw.map((r) => r.text)).toContain(body);
		expect(raw.map((r) => r.author)).toContain('=cmd|"/c calc"!A1');
	});

	it('for spreadsheets starts with a byte-order mark', async () => {
		const plain = await exportOf(select('public'), 'csv');
		const spreadsheet = await exportOf(select('public'), 'csv', { spreadsheet: true });
		expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
		expect(spreadsheet.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
		expect(csvRows(spreadsheet).length).toBe(csvRows(plain).length);
	});

	it('of an empty selection is its header row', async () => {
		const text = (await exportOf(select('public', { from: '2099-01-01' }), 'csv')).toString('utf8');
		expect(text).toBe(`${CSV_COLUMNS.join(',')}\n`);
	});
});

describe('JSON', () => {
	it('validates against docs/export.schema.json and nests what the database holds', async () => {
		for (const audience of ['public', 'committee'] as const) {
			const json = jsonOf(await exportOf(select(audience, { version: 'all' }), 'json'));
			expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
			expect(json).toMatchObject({ format: 'polyphony-export', formatVersion: 1, audience, consultation: { slug: consultation.slug } });
			expect(json.versions.map((v: { number: number }) => v.number)).toEqual(audience === 'committee' ? [1, 2] : [1]);
			const clause = json.versions[0].clauses[0];
			expect(clause).toMatchObject({ key: fixture.clauseKey, label: '1', heading: 'Purpose', language: 'en' });
			const tallies = t.db.$client
				.prepare('select community, sum(support) as support, sum(oppose) as oppose, sum(neutral) as neutral from clause_tallies where revision_id = ? group by community')
				.all(fixture.revisionId) as { community: string; support: number; oppose: number; neutral: number }[];
			for (const row of tallies) expect(clause.tallies).toContainEqual(expect.objectContaining(row));
			expect(clause.reported).toEqual([{ language: 'ar', support: 12, oppose: 5, neutral: 4 }]);
			const publicComment = clause.comments.find((c: { id: string }) => c.id === `comment-${fixture.comments.public}`);
			expect(publicComment!.replies.map((r: { id: string }) => r.id)).toEqual([`comment-${fixture.comments.reply}`]);
			expect(clause.liaison[0].quotes).toHaveLength(1);
			const items = [...clause.stances, ...clause.comments, ...clause.liaison, ...clause.responses];
			for (const item of items) {
				if (audience === 'public') expect(Object.keys(item)).not.toContain('affiliation');
				else expect(item).toHaveProperty('visibility');
			}
			// The committee's response to the published summary, with it; none on the draft summary.
			const summaries = json.versions[0].liaisonSummaries as { id: number; visibility: string; response: unknown }[];
			expect(summaries.find((s) => s.id === answers.publishedSummaryId)).toMatchObject({
				visibility: 'public',
				response: {
					status: 'accepted',
					explanation: answers.explanation,
					actedInVersion: 1,
					author: 'Committee Kim',
					createdAt: new Date(NOW - 50).toISOString(),
					updatedAt: new Date(NOW - 50).toISOString()
				}
			});
			const draft = summaries.find((s) => s.id === answers.draftSummaryId);
			if (audience === 'public') expect(draft).toBeUndefined();
			else expect(draft).toMatchObject({ visibility: 'draft', response: null });
		}
	});

	it('names who answered a summary as the committee’s responses to clauses do: by display name, and no one once the account is gone', async () => {
		deleteAccount(t.db, { userId: fixture.users.committee, comments: 'keep' });
		for (const audience of ['public', 'committee'] as const) {
			const json = jsonOf(await exportOf(select(audience), 'json'));
			expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
			const responses = json.versions[0].clauses[0].responses as { author: string | null; authorStatus: string }[];
			expect(responses.every((r) => r.author === null && r.authorStatus === 'former-participant')).toBe(true);
			const summary = (json.versions[0].liaisonSummaries as { id: number; response: { author: string | null; explanation: string } }[]).find(
				(s) => s.id === answers.publishedSummaryId
			)!;
			expect(summary.response).toMatchObject({ author: null, explanation: answers.explanation });
		}
		const markdown = (await exportOf(select('public'), 'markdown')).toString('utf8');
		expect(markdown).toContain('**Committee response: Accepted** · Former committee member · ');
	});

	it('puts a reply whose comment is outside the selection among the comments, on its own', async () => {
		// Alice (community en) replied under Carla's deleted comment (community es).
		const json = jsonOf(await exportOf(select('public', { lang: 'en' }), 'json'));
		expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
		const comments = json.versions[0].clauses[0].comments as { id: string; kind: string; parentId: string | null }[];
		expect(comments.find((c) => c.id === `comment-${fixture.comments.replyUnderDeleted}`)).toMatchObject({
			kind: 'reply',
			parentId: `comment-${fixture.comments.deleted}`
		});
		expect(comments.every((c) => c.kind === 'comment' || c.kind === 'reply')).toBe(true);
	});

	it('of an empty selection is valid, with the clauses and no items', async () => {
		const json = jsonOf(await exportOf(select('public', { from: '2099-01-01' }), 'json'));
		expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
		expect(json.counts.total).toBe(0);
		expect(json.versions[0].clauses).toHaveLength(3);
		expect(json.versions[0].liaisonSummaries).toEqual([]);
	});
});

describe('XLSX', () => {
	it('has its sheets with frozen, filtered header rows, and the rows of the database', async () => {
		const book = await workbook(await exportOf(select('committee'), 'xlsx'));
		expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
		for (const sheet of book.worksheets) {
			expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(sheet.autoFilter, sheet.name).toBeTruthy();
			expect(sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
			expect(sheet.getColumn(1).width, sheet.name).toBeGreaterThan(0);
		}
		const rows = (name: string) => {
			const sheet = book.getWorksheet(name)!;
			const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
			const out: Record<string, unknown>[] = [];
			sheet.eachRow((row, n) => {
				if (n === 1) return;
				const values = (row.values as unknown[]).slice(1);
				out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
			});
			return out;
		};
		expect(rows(SHEETS.clauses).map((r) => r.clause_key)).toEqual(['purpose', 'respect', 'reporting']);
		expect(rows(SHEETS.clauses)[0]).toMatchObject({ heading: 'Purpose', support: 1, oppose: 1, neutral: 1, votes: 3 });
		expect(rows(SHEETS.tallies).filter((r) => r.clause_key === 'purpose').map((r) => [r.source, r.community])).toEqual(
			expect.arrayContaining([
				['platform', 'en'],
				['platform', 'ar'],
				['platform', 'es'],
				['liaison report', 'ar']
			])
		);
		expect(rows(SHEETS.reasons).map((r) => r.id)).toEqual([`stance-${fixture.stances.withReason}`, `stance-${fixture.stances.private}`]);
		expect(rows(SHEETS.comments).length).toBe(count('select count(*) as n from comments'));
		const created = rows(SHEETS.comments).find((r) => r.id === `comment-${fixture.comments.public}`)!.created_at as Date;
		expect(created).toBeInstanceOf(Date);
		expect(created.getTime()).toBe(NOW - 6_000);
		expect(rows(SHEETS.liaison).map((r) => r.kind)).toEqual(['summary', 'summary', 'liaison-point', 'liaison-quote', 'liaison-point', 'liaison-quote']);
		expect(rows(SHEETS.responses).map((r) => r.status)).toEqual(['accepted', 'noted', 'partly']);
		// The committee's response to a summary sits on the summary's row; the draft summary has none.
		const summaryRow = (id: number) => rows(SHEETS.liaison).find((r) => r.id === `summary-${id}`);
		expect(summaryRow(answers.publishedSummaryId)).toMatchObject({
			community: 'ar',
			response_status: 'accepted',
			response_acted_in_version: 1,
			response_explanation: answers.explanation
		});
		expect(summaryRow(answers.draftSummaryId)).toMatchObject({
			visibility: 'draft',
			response_status: null,
			response_acted_in_version: null,
			response_explanation: null
		});
		// The Arabic narrative reads right to left; the committee's response is in the source language (English).
		const liaison = book.getWorksheet(SHEETS.liaison)!;
		const liaisonHeader = liaison.getRow(1).values as unknown[];
		let checked = 0;
		liaison.eachRow((row) => {
			if (row.getCell(liaisonHeader.indexOf('id')).text !== `summary-${answers.publishedSummaryId}`) return;
			expect(row.getCell(liaisonHeader.indexOf('text')).alignment).toMatchObject({ readingOrder: 'rtl', horizontal: 'right' });
			expect(row.getCell(liaisonHeader.indexOf('response_explanation')).alignment).toMatchObject({ wrapText: true });
			expect(row.getCell(liaisonHeader.indexOf('response_explanation')).alignment?.readingOrder).toBeUndefined();
			checked++;
		});
		expect(checked).toBe(1);

		// Right-to-left text is ordered and aligned as such; the rest keeps the default.
		const comments = book.getWorksheet(SHEETS.comments)!;
		const textColumn = (comments.getRow(1).values as unknown[]).indexOf('text');
		comments.eachRow((row, n) => {
			if (n === 1) return;
			const cell = row.getCell(textColumn);
			if (cell.text === PUBLIC_TEXT.arabicComment) expect(cell.alignment).toMatchObject({ readingOrder: 'rtl', horizontal: 'right' });
			else expect(cell.alignment?.readingOrder).toBeUndefined();
		});
	});

	it('writes text that starts like a formula as text: no cell of the workbook is a formula', async () => {
		const bodies = ['=1+1', '=HYPERLINK("http://evil.example","click")', '+SUM(A1:A9)', '@A1', '－1'];
		for (const body of bodies) addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.alice, language: 'en', body, now: NOW });
		const formulaName = makeUser(t.db, { displayName: '=1+2', languages: ['en'] });
		setStance(t.db, { revisionId: fixture.revisionId, userId: formulaName.id, stance: 'support', reason: '=3*4', language: 'en', now: NOW });
		const book = await workbook(await exportOf(select('committee'), 'xlsx'));
		const strings: string[] = [];
		book.eachSheet((sheet) =>
			sheet.eachRow((row) =>
				row.eachCell((cell) => {
					expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
					expect(cell.formula, `${sheet.name}!${cell.address}`).toBeFalsy();
					if (typeof cell.value === 'string') strings.push(cell.value);
				})
			)
		);
		// Written as they are (a workbook cell's type says it is text; nothing to neutralise).
		for (const text of [...bodies, '=1+2', '=3*4']) expect(strings).toContain(text);
	});

	it('of an empty selection keeps every sheet and its header row', async () => {
		const book = await workbook(await exportOf(select('public', { from: '2099-01-01' }), 'xlsx'));
		expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
		for (const name of [SHEETS.reasons, SHEETS.comments, SHEETS.liaison, SHEETS.responses]) {
			expect(book.getWorksheet(name)!.rowCount, name).toBe(1);
		}
	});
});

describe('reports', () => {
	it('show per clause the text, the tallies with the measures, liaison highlights, notable comments and responses', async () => {
		const markdown = (await exportOf(select('public'), 'markdown')).toString('utf8');
		expect(markdown).toContain(`# ${consultation.title}: consolidated feedback`);
		expect(markdown).toContain('## 1 Purpose');
		expect(markdown).toContain('| Language community | Support | Oppose | Neutral | Votes | Support share | Comments | Participants |');
		// Communities under the minimum size are marked (and explained under the table).
		expect(markdown).toContain('| Arabic \\* | 0 | 1 | 0 | 1 | 0% |');
		expect(markdown).toContain('\\* Fewer than 5 participants');
		expect(markdown).toContain('Pooled support: 33% (1 of 3 votes)');
		expect(markdown).toContain(PUBLIC_TEXT.keyPoints);
		expect(markdown).toContain(`  > “${PUBLIC_TEXT.quote}”`);
		// The public comment drew a reply and a response: it is notable.
		expect(markdown).toMatch(/\*\*Alice Adams\*\* · English · .* · 1 reply · Committee response: Partly accepted/);
		expect(markdown).toContain(`  > ${PUBLIC_TEXT.clauseResponse}`);
		expect(markdown).toContain('**Accepted** · Committee Kim');
		// The committee's response to the Arabic community's summary, beside the summary.
		expect(markdown).toMatch(
			/^- \[By Layla Liaison, liaison for Arabic\]\(<[^>]+\/summaries\/\d+>\) — .* · \*\*Committee response: Accepted\*\* · Committee Kim · .* · Acted on in version 1$/m
		);
		expect(markdown).toContain(`  > ${answers.explanation}`);

		const wiki = (await exportOf(select('public'), 'wikitext')).toString('utf8');
		expect(wiki).toContain('== 1 Purpose ==');
		expect(wiki).toContain('{| class="wikitable sortable"');
		expect(wiki).toContain("'''Alice Adams'''");
		expect(wiki).toContain(`<span lang="ar" dir="rtl">`);
		expect(wiki).toMatch(/^\* \[\S+\/summaries\/\d+ By Layla Liaison, liaison for Arabic\] .* · '''Committee response: Accepted''' · Committee Kim · /m);
		expect(wiki).toContain(`*: <span lang="en" dir="ltr"><nowiki>${SUMMARY_RESPONSE.published}: we </nowiki>'''shortened''' the purpose, as the community asked.</span>`);
	});

	it('keep people’s text literal: no markup, template or HTML of theirs runs on the page they are pasted into', async () => {
		const body = 'See [[Main Page]] and {{Delete}} <script>alert(1)</script> ~~~~';
		const comment = addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.badr, language: 'en', body, now: NOW });
		recordSummaryResponse(t.db, {
			summaryId: answers.publishedSummaryId,
			consultationId: consultation.id,
			status: 'partly',
			explanation: 'Answered in [[Summary Page]] with {{Summary}} <iframe src="x"></iframe> ~~~~~',
			authorId: fixture.users.committee,
			now: NOW
		});
		addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.alice, language: 'en', body: 'Reply.', parentId: comment.id, now: NOW });
		addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.carla, language: 'en', body: 'Another.', parentId: comment.id, now: NOW });
		const wiki = (await exportOf(select('public'), 'wikitext')).toString('utf8');
		const outsideNowiki = wiki.replace(/<nowiki>[\s\S]*?<\/nowiki>/g, '');
		expect(wiki).toContain('&lt;script&gt;');
		for (const raw of ['[[Main Page]]', '{{Delete}}', '<script>', '~~~~', '[[Summary Page]]', '{{Summary}}', '<iframe']) expect(outsideNowiki).not.toContain(raw);
		expect(wiki).toContain('&lt;iframe src="x"&gt;');
		const markdown = (await exportOf(select('public'), 'markdown')).toString('utf8');
		expect(markdown).not.toContain('<script>');
		expect(markdown).toContain('&lt;script>');
		expect(markdown).not.toContain('<iframe');
		expect(markdown).toContain('  > Answered in [[Summary Page]] with {{Summary}} &lt;iframe src="x">&lt;/iframe> ~~~~~');
	});

	it('keep wikitext from every field literal, and percent-encode link addresses (tests/fixtures/wikitext-payloads.json)', async () => {
		const { payloads } = WIKITEXT_PAYLOADS;
		// Each payload as text, inside a Markdown link's address, and as a bare address (a GFM autolink).
		const inLinks = payloads.filter((p) => !/[<>\n]/.test(p.text)).map((p) => `[wx7 link](<https://evil.example/${p.text}>)`);
		const bare = payloads.filter((p) => !/[\s<>]/.test(p.text)).map((p) => `https://evil.example/a${p.text}`);
		const inline = payloads.filter((p) => p.kind === 'inline').map((p) => p.text);
		consultation = seedReportPayloads(t.db, consultation, fixture, answers, { texts: [...payloads.map((p) => p.text), ...inLinks, ...bare], name: inline.join(' '), now: NOW });
		for (const audience of ['public', 'committee'] as const) {
			const wiki = (await exportOf(select(audience), 'wikitext')).toString('utf8');
			const parsed = wikitextOutsideLiteral(wiki);
			expect(parsed, 'an unbalanced <nowiki>').not.toMatch(/<\/?nowiki/i);
			const lines = parsed.split('\n');
			for (const p of payloads) {
				if (p.kind === 'inline') expect(parsed, `${audience}: ${p.id}`).not.toContain(p.text);
				else expect(lines.filter((l) => l.startsWith(p.text)), `${audience}: ${p.id}`).toEqual([]);
			}
			const targets = externalLinkTargets(parsed);
			for (const target of targets) expect(target, `${audience}: a link target`).toMatch(SAFE_WIKI_TARGET);
			// The links stay links (their addresses encoded), and the text still reaches the page, literally.
			expect(targets.filter((u) => u.startsWith('https://evil.example/')).length).toBeGreaterThanOrEqual(inLinks.length + bare.length);
			expect(wiki).toContain('&lt;/nowiki&gt;{{Wx7-breakout}}&lt;nowiki&gt;');
		}
	});

	it('carry only http(s) and mailto links in the Markdown report, from every field (tests/fixtures/markdown-link-payloads.json)', async () => {
		const { payloads } = MARKDOWN_LINK_PAYLOADS;
		consultation = seedReportPayloads(t.db, consultation, fixture, answers, { texts: payloads.map((p) => p.text), name: 'md7 [x](javascript:alert(1))', now: NOW });
		for (const audience of ['public', 'committee'] as const) {
			const markdown = (await exportOf(select(audience), 'markdown')).toString('utf8');
			const addresses = markdownAddresses(markdown);
			for (const address of addresses) expect(address, `${audience}: a link address`).toMatch(/^(https?:\/\/|mailto:)/i);
			// Links that were allowed stay links; the others are still there to read, as text.
			expect(addresses).toContain('https://example.org/md7-kept');
			expect(addresses).toContain('mailto:someone@example.org');
			expect(addresses).toContain('https://example.org/md7-outer');
			expect(markdown).toContain('md7 click');
		}
	});

	it('are written in the reader’s language', async () => {
		const parts: Uint8Array[] = [];
		for await (const chunk of exportBytes(t.db, select('public'), 'markdown', { spreadsheet: false, t: createTranslator('es', CATALOGS.es), locale: 'es' })) parts.push(chunk);
		const markdown = Buffer.concat(parts).toString('utf8');
		expect(markdown).toContain(`# ${consultation.title}: comentarios consolidados`);
		expect(markdown).toContain('Comunidad lingüística');
		expect(markdown).toContain('**Respuesta del comité: Aceptada**');
	});
});

describe('streaming', () => {
	it('reads a snapshot: what is written during a download is not in it, and writers are never blocked', async () => {
		const selection = select('committee');
		const stream = exportStream(t.db, selection, 'csv', { spreadsheet: false, t: createTranslator('en', CATALOGS.en), locale: 'en' });
		const reader = stream.getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		// A write on the application's connection while the export's cursor is open.
		const late = makeUser(t.db, { displayName: 'Late Comer' });
		setStance(t.db, { revisionId: fixture.revisionId, userId: late.id, stance: 'support', reason: 'Written during the download.', language: 'en' });
		const parts = [first.value!];
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
		}
		const text = Buffer.concat(parts).toString('utf8');
		expect(text).not.toContain('Written during the download.');
		expect((await exportOf(select('committee'), 'csv')).toString('utf8')).toContain('Written during the download.');
	});

	it('stops, and frees its slot, when the client goes away', async () => {
		for (let i = 0; i < 30; i++) {
			const user = makeUser(t.db);
			setStance(t.db, { revisionId: fixture.revisionId, userId: user.id, stance: 'oppose', reason: 'x'.repeat(900), language: 'en' });
		}
		let ended = 0;
		const stream = exportStream(t.db, select('committee'), 'json', {
			spreadsheet: false,
			t: createTranslator('en', CATALOGS.en),
			locale: 'en',
			onEnd: () => ended++
		});
		const reader = stream.getReader();
		await reader.read();
		await reader.cancel();
		expect(ended).toBe(1);
		// The snapshot is closed: the database takes writes and a checkpoint as usual.
		setStance(t.db, { revisionId: fixture.revisionId, userId: fixture.users.alice, stance: 'oppose', reason: null, language: 'en' });
		expect(t.db.$client.pragma('wal_checkpoint(TRUNCATE)', { simple: false })).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
	});
});
