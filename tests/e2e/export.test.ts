// The export page in Chromium: a visitor without JavaScript chooses a language community, updates
// the count and downloads the public CSV; a committee member (JavaScript on) sees the count follow
// the form and downloads an XLSX with the committee-only feedback in it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { SECRET, seedExportFixture } from '../support/export';
import { openDatabase } from '../../src/lib/server/db';
import { getConsultation } from '../../src/lib/server/consultations/service';
import { CONSULTATION_PATH, DEMO_SLUG, logIn } from './helpers';

let server: RunningServer;
let browser: Browser;
const EXPORT = `${CONSULTATION_PATH}/export`;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
	const db = openDatabase(server.databasePath);
	try {
		seedExportFixture(db, getConsultation(db, DEMO_SLUG)!, { versionNumber: 2, published: 'ar', draft: 'es', draftVersion: false });
	} finally {
		db.$client.close();
	}
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** The total the page says the export will contain. */
async function shownTotal(page: Page): Promise<number> {
	const text = await page.locator('.export-total').innerText();
	return Number(/([\d,]+)\s*$/.exec(text)![1].replace(/,/g, ''));
}

async function downloadBy(page: Page, format: string): Promise<{ download: Download; body: Buffer }> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`button[name="format"][value="${format}"]`).click()]);
	const path = await download.path();
	return { download, body: readFileSync(path) };
}

describe('exporting from the export page', () => {
	it('gives a visitor without JavaScript the public CSV of the selection it counted', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, extraHTTPHeaders: { 'Accept-Language': 'en' } });
		try {
			const page = await context.newPage();
			await page.goto(server.url + CONSULTATION_PATH);
			await Promise.all([page.waitForURL((url) => url.pathname === EXPORT), page.locator('a.export-link').click()]);
			const all = await shownTotal(page);

			await page.locator('#export-lang').selectOption('ar');
			await Promise.all([page.waitForNavigation(), page.locator('.export-selection > button[type="submit"]').click()]);
			expect(new URL(page.url()).searchParams.get('lang')).toBe('ar');
			const arabic = await shownTotal(page);
			expect(arabic).toBeGreaterThan(0);
			expect(arabic).toBeLessThan(all);

			const { download, body } = await downloadBy(page, 'csv');
			expect(download.suggestedFilename()).toBe(`polyphony-${DEMO_SLUG}-v2-${new Date().toISOString().slice(0, 10)}.csv`);
			// Downloading leaves the page where it was.
			expect(new URL(page.url()).pathname).toBe(EXPORT);
			const rows = parse<Record<string, string>>(body, { columns: true, bom: true });
			expect(rows.length).toBe(arabic);
			expect(rows.every((r) => r.community === 'ar' || (r.kind === 'committee-response' && r.community === ''))).toBe(true);
			expect(Object.keys(rows[0])).not.toContain('visibility');
			const text = body.toString('utf8');
			for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
		} finally {
			await context.close();
		}
	});

	it('gives a committee member the XLSX, with what only the committee reads, and a count that follows the form', async () => {
		const context = await browser.newContext({ acceptDownloads: true, extraHTTPHeaders: { 'Accept-Language': 'en' } });
		try {
			const page = await context.newPage();
			await logIn(page, server.url, 'committee', `${CONSULTATION_PATH}/dashboard`);
			await Promise.all([page.waitForURL((url) => url.pathname === EXPORT), page.locator('a.export-link').click()]);
			await page.waitForLoadState('networkidle');
			expect(await page.locator('.export-audience.committee').count()).toBe(1);

			// With JavaScript the count updates as the selection changes, without a button.
			const before = await shownTotal(page);
			await page.locator('#export-lang').selectOption('es');
			await page.waitForURL((url) => url.searchParams.get('lang') === 'es');
			await expect.poll(() => shownTotal(page)).toBeLessThan(before);
			await page.locator('#export-lang').selectOption('');
			await page.waitForURL((url) => !url.searchParams.get('lang'));
			await expect.poll(() => shownTotal(page)).toBe(before);

			// No serious accessibility problem, in English and in Arabic (right to left).
			for (const locale of ['en', 'ar']) {
				const checking = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': locale } });
				try {
					const axePage = await checking.newPage();
					await axePage.goto(`${server.url}${EXPORT}?lang=ar&from=2099-01-01`);
					const results = await new AxeBuilder({ page: axePage }).analyze();
					const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
					expect(serious.map((v) => `${locale}: ${v.id}`)).toEqual([]);
				} finally {
					await checking.close();
				}
			}

			const { download, body } = await downloadBy(page, 'xlsx');
			expect(download.suggestedFilename()).toMatch(new RegExp(`^polyphony-${DEMO_SLUG}-v2-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(body as unknown as ArrayBuffer);
			expect(book.worksheets.map((s) => s.name)).toEqual(['Clauses', 'Tallies', 'Reasons', 'Comments', 'Liaison summaries', 'Responses']);
			const comments = book.getWorksheet('Comments')!;
			const header = (comments.getRow(1).values as unknown[]).slice(1);
			expect(header).toEqual(expect.arrayContaining(['visibility', 'moderation']));
			const texts: string[] = [];
			comments.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))));
			expect(texts).toContain(SECRET.committeeComment);
			expect(texts).toContain(SECRET.hiddenComment);
			expect(comments.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		} finally {
			await context.close();
		}
	});
});
