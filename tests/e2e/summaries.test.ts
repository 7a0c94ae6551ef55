// The Arabic liaison's journey in Chromium without JavaScript: start a summary of the current
// version, fill the form (adding a channel row by a plain submit), get a refused count explained in
// Arabic next to its field, publish, and find the reported numbers on the clause page beside the
// on-platform ones — labelled by source, and not added to them — on the clause page and on the
// committee's dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, countFromText, htmlLangDir, logIn, message } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const CLAUSE = `${CONSULTATION_PATH}/clauses/harassment`;

/** The on-platform support count the clause page shows (its stance bar), read through the Arabic plural forms. */
async function onPlatformSupport(page: Page): Promise<number> {
	await page.goto(server.url + CLAUSE);
	return countFromText('ar', 'stance.countSupport', await page.locator('section.feedback .stance-counts li.support').first().innerText());
}

/** A browser form submission without JavaScript: click, then wait for the new page. */
async function submit(page: Page, selector: string): Promise<void> {
	await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

describe('a liaison summary in Arabic, without JavaScript', () => {
	it('is published through the form and shown beside the on-platform numbers', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			const page = await context.newPage();
			const base = server.url;
			const supportBefore = await onPlatformSupport(page);
			expect(Number.isNaN(supportBefore)).toBe(false);

			await logIn(page, base, 'liaison_ar', `${CONSULTATION_PATH}/summaries`);
			expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
			expect((await page.locator('h1').innerText()).trim()).toBe(message('ar', 'summaries.manageTitle'));

			// Start the summary of the current version (2) for Arabic.
			await page.locator('#new-version').selectOption('2');
			await page.locator('#new-language').selectOption('ar');
			await submit(page, 'form.new-summary-form button[type="submit"]');
			expect(new URL(page.url()).pathname).toMatch(/\/summaries\/\d+\/edit$/);
			expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
			const editUrl = page.url();

			await page.locator('#narrative').fill('رحّب معظم المشاركين بالبند 3.1، وطلبوا أمثلة عن التحرش عبر مجموعات الدردشة.');
			expect(await page.locator('#narrative').getAttribute('dir')).toBe('auto');
			await page.locator('#narrativeTranslation').fill('Most participants welcomed clause 3.1 and asked for examples of harassment in chat groups.');
			await page.locator('#translationLanguage').selectOption('en');
			await page.locator('#channel-0-kind').selectOption('chat-group');
			await page.locator('#channel-0-description').fill('مجموعة تيليغرام للمحررين');
			await page.locator('#channel-0-participants').fill('25');
			await page.locator('#channel-0-startedOn').fill('2026-03-01');
			await page.locator('#channel-0-endedOn').fill('2026-03-12');
			await page.locator('#channel-1-kind').selectOption('video-call');
			await page.locator('#channel-1-participants').fill('8');
			await page.locator('#channel-1-startedOn').fill('2026-03-05');
			await page.locator('#channel-2-kind').selectOption('survey');
			await page.locator('#channel-2-participants').fill('19');
			await page.locator('#channel-2-startedOn').fill('2026-03-02');

			// The form offers three channel rows; a fourth comes from a plain submit, keeping what was typed.
			expect(await page.locator('#channel-3-kind').count()).toBe(0);
			await submit(page, 'button.add-channel');
			// Sent back (303) to the form at the new row, not left on `?/addChannel` (http/flash.ts).
			expect(new URL(page.url()).search).not.toContain('?/');
			expect(new URL(page.url()).hash).toBe('#channel-3-kind');
			expect(await page.locator('#channel-3-kind').count()).toBe(1);
			expect(await page.locator('#channel-0-description').inputValue()).toBe('مجموعة تيليغرام للمحررين');
			expect(await page.locator('#channel-2-participants').inputValue()).toBe('19');
			await page.locator('#channel-3-kind').selectOption('email');
			await page.locator('#channel-3-participants').fill('3');
			await page.locator('#channel-3-startedOn').fill('2026-03-03');

			// The harassment clause: its fields open with a click (a native <details>), counts as reported.
			const entry = page.locator('#entry-harassment');
			await entry.locator('summary').click();
			await entry.locator('input[name="entry.harassment.asked"]').check();
			const support = page.locator('#entry-harassment-support');
			expect(await support.getAttribute('type')).toBe('number');
			expect(await support.getAttribute('step')).toBe('1');
			// 45 + 10 + 5 = 60 views reported, for 55 people across the channels: refused, in Arabic, next to the counts.
			await support.fill('45');
			await page.locator('#entry-harassment-oppose').fill('10');
			await page.locator('#entry-harassment-neutral').fill('5');
			await page.locator('#entry-harassment-keyPoints').fill('- طلب أمثلة عن التحرش في مجموعات الدردشة الخاصة.');
			await page.locator('#entry-harassment-quote-0-original').fill('ما يحدث في المجموعات الخاصة يؤذينا أيضًا.');
			await page.locator('#entry-harassment-quote-0-translation').fill('What happens in private groups hurts us too.');

			await submit(page, 'button.primary[formaction="?/publish"]');
			// Sent back (303) to the form, at its error summary, with no `?/publish` left (http/flash.ts).
			expect(new URL(page.url()).search).not.toContain('?/');
			expect(new URL(page.url()).hash).toBe('#form-errors');
			const error = await page.locator('#entry-harassment-counts-error').innerText();
			const expected = message('ar', 'errors.countsExceedParticipants')!.replace('{{reported}}', '60').replace('{{participants}}', '55');
			expect(error.trim()).toBe(expected);
			expect(await page.locator('#form-errors[role="alert"] .form-error').innerText()).toBe(message('ar', 'summaries.fixErrors'));
			// Each of the summary's links leads to an input on the page: the counts' error to the clause's first count.
			const links = await page.locator('#form-errors a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
			expect(links).toContain('#entry-harassment-support');
			for (const href of links) expect(await page.locator(href!).count(), href!).toBe(1);
			// Everything typed is still there, and the clause's fields are open.
			expect(await page.locator('#entry-harassment').getAttribute('open')).not.toBeNull();
			expect(await page.locator('#entry-harassment-quote-0-translation').inputValue()).toBe('What happens in private groups hurts us too.');
			expect(await page.locator('#channel-3-participants').inputValue()).toBe('3');

			await page.locator('#entry-harassment-support').fill('20');
			await submit(page, 'button.primary[formaction="?/publish"]');
			expect(new URL(page.url()).pathname).toMatch(/\/consultations\/code-of-conduct\/summaries\/\d+$/);
			expect(await page.locator('.notice.success').innerText()).toBe(message('ar', 'summaries.publishedNotice'));
			expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
			const summaryPath = new URL(page.url()).pathname;
			expect(await page.locator('.channel-table tfoot td.number').innerText()).toMatch(/55|٥٥/);
			expect(await page.locator('.summary-narrative').getAttribute('lang')).toBe('ar');
			expect(await page.locator('.summary-quote blockquote').getAttribute('lang')).toBe('ar');

			// The clause page: the reported row, labelled as the Arabic liaison's, beside the on-platform rows.
			await page.goto(base + CLAUSE);
			const reports = page.locator('.reported-counts-beside');
			await reports.waitFor();
			const reported = reports.locator('tr.reported[data-language="ar"]');
			const label = message('ar', 'summaries.reportedBy')!.replace('{{language}}', 'العربية');
			expect((await reported.locator('.source-badge').innerText()).trim()).toBe(label);
			expect(await reported.locator(`a[href="${summaryPath}"]`).count()).toBe(1);
			const cells = await reported.locator('td').allInnerTexts();
			expect(cells.map((c) => c.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)))).toEqual([
				expect.stringMatching(/^20 \(/),
				expect.stringMatching(/^10 \(/),
				expect.stringMatching(/^5 \(/),
				'35'
			]);
			expect(await reports.locator('tr.on-platform').first().locator('.source-badge').innerText()).toBe(message('ar', 'summaries.onPlatformAll'));
			// On-platform counts are what they were: the reported ones were not added.
			expect(await onPlatformSupport(page)).toBe(supportBefore);
			// The edit form now says the summary is published.
			await page.goto(editUrl);
			expect(await page.locator('.badge.summary-status.published').count()).toBe(1);

			// The committee's dashboard for version 2, in Arabic and without JavaScript: the liaison's
			// counts in their own table under the clause's on-platform bars, labelled as reported; the
			// on-platform row for Arabic is the tallies API's, untouched; the summary is listed with
			// its channels' head count.
			const api = (await (await fetch(`${base}/api/v1/consultations/code-of-conduct/versions/2/tallies`)).json()) as {
				clauses: { key: string; onPlatform: { language: string; support: number; oppose: number; neutral: number }[]; liaisonReported: { language: string }[] }[];
			};
			const harassment = api.clauses.find((c) => c.key === 'harassment')!;
			const arOnPlatform = harassment.onPlatform.find((t) => t.language === 'ar')!;
			expect(harassment.liaisonReported.map((r) => r.language)).toContain('ar');
			const committee = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
			try {
				const dash = await committee.newPage();
				await logIn(dash, base, 'committee', `${CONSULTATION_PATH}/dashboard?version=2`);
				expect(await htmlLangDir(dash)).toEqual({ lang: 'ar', dir: 'rtl' });
				const article = dash.locator('#clause-harassment');
				// The numbers' tables sit one click away under the community-voice panel (a native <details>).
				await article.locator('details.voice-numbers > summary').click();
				expect(await article.locator('details.voice-numbers').getAttribute('open')).not.toBeNull();
				const arabicRow = (table: string) =>
					article.locator(`table.${table} tbody tr`, { has: dash.locator('th[scope="row"]', { hasText: /^العربية$/ }) });
				const latin = (texts: string[]) => texts.map((c) => c.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)));
				expect(latin(await arabicRow('reported-table').locator('td').allInnerTexts())).toEqual([
					expect.stringMatching(/^20 \(/),
					expect.stringMatching(/^10 \(/),
					expect.stringMatching(/^5 \(/),
					'35'
				]);
				expect((await article.locator('.reported-caption').innerText()).trim()).toBe(message('ar', 'results.reported.caption'));
				const onPlatformCells = latin(await arabicRow('bars-table').locator('td').allInnerTexts());
				expect(onPlatformCells.slice(0, 3).map((c) => Number(/^\d+/.exec(c)![0]))).toEqual([
					arOnPlatform.support,
					arOnPlatform.oppose,
					arOnPlatform.neutral
				]);
				const liaison = dash.locator('section.liaison-language', { has: dash.locator('#liaison-ar') });
				expect(await liaison.locator(`a[href="${summaryPath}"]`).count()).toBe(1);
				expect(latin([await liaison.locator('h3 .meta').innerText()])[0]).toMatch(/\b55\b/);
			} finally {
				await committee.close();
			}

			// The new pages, in Arabic, with every collapsed part open: no serious accessibility problem
			// (axe-core runs in the page, so this part has JavaScript on).
			const checking = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'ar' } });
			try {
				const axePage = await checking.newPage();
				await logIn(axePage, base, 'liaison_ar');
				for (const path of [new URL(editUrl).pathname, summaryPath, CLAUSE]) {
					await axePage.goto(base + path);
					await axePage.waitForLoadState('networkidle');
					await axePage.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
					const results = await new AxeBuilder({ page: axePage }).analyze();
					const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
					expect(serious.map((v) => `${path}: ${v.id}`)).toEqual([]);
				}
			} finally {
				await checking.close();
			}
		} finally {
			await context.close();
		}
	});
});
