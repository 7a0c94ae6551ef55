// Moderation in Chromium, with JavaScript (enhanced forms): a participant reports a comment through
// the "Report" disclosure, a moderator hides it from the queue with a reason, and a reader — in
// Arabic, without JavaScript — sees "hidden by a moderator" with the reason and never the text. The
// queue and the clause page with its moderation tools pass an accessibility check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { Client } from '../support/http';
import { CONSULTATION_PATH, DEMO_PASSWORD, logIn, message, unique } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true, env: { RATE_LIMITS: 'off' } }), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const CLAUSE = `${CONSULTATION_PATH}/clauses/scope`;

async function seriousViolations(page: import('playwright-core').Page, label: string): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id}`);
}

describe('reporting and hiding a comment', () => {
	it('a participant reports, a moderator hides, a reader sees "hidden by a moderator"', async () => {
		// The comment to report, posted by Sam over HTTP.
		const marker = unique('Rude');
		const author = new Client(server.url, { 'accept-language': 'en' });
		await author.logIn('participant', DEMO_PASSWORD);
		const revision = /name="revision" value="(\d+)"/.exec(await (await author.get(CLAUSE)).text())![1];
		expect((await author.post(`${CLAUSE}?/comment`, { revision, body: `Everyone here is a fool. ${marker}`, language: 'en' })).status).toBe(200);

		// Amina reports it, with JavaScript: the enhanced form answers in place.
		const reporting = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
		try {
			const page = await reporting.newPage();
			await logIn(page, server.url, 'amina', CLAUSE);
			const comment = page.locator('article.comment', { hasText: marker });
			await comment.locator('details.report-comment > summary').click();
			await comment.getByLabel(message('en', 'moderation.reason.harassment')!).check();
			await comment.locator('textarea[name="details"]').fill('Insults everyone who disagrees.');
			await comment.getByRole('button', { name: message('en', 'moderation.report.submit') }).click();
			await expect.poll(() => comment.locator('.notice.success').innerText()).toBe(message('en', 'moderation.report.thanks'));
			expect(await seriousViolations(page, 'clause page')).toEqual([]);
		} finally {
			await reporting.close();
		}

		// The moderator finds it in the queue and hides it with a reason.
		const moderating = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
		const reason = `Insults other participants ${unique('r')}`;
		try {
			const page = await moderating.newPage();
			await logIn(page, server.url, 'moderator', `${CONSULTATION_PATH}/moderation`);
			const item = page.locator('article.queue-item', { hasText: marker });
			await expect.poll(() => item.locator('.report-summary').innerText()).toContain(message('en', 'moderation.reason.harassment'));
			expect(await item.locator('.report-details').allInnerTexts()).toContain('Insults everyone who disagrees.');
			expect(await seriousViolations(page, 'moderation queue')).toEqual([]);
			await item.getByLabel(message('en', 'moderation.hideReason')!).fill(reason);
			await item.getByRole('button', { name: message('en', 'moderation.hide') }).click();
			await expect.poll(() => page.locator('.notice.success').first().innerText()).toBe(message('en', 'moderation.done.hide'));
			// It has left the queue of comments waiting for a decision.
			await expect.poll(() => page.locator('article.queue-item', { hasText: marker }).count()).toBe(0);
		} finally {
			await moderating.close();
		}

		// A reader in Arabic, without JavaScript: the reason in place of the text, and the text nowhere in the page.
		const reading = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			const page = await reading.newPage();
			const response = await page.goto(server.url + CLAUSE);
			const source = await response!.text();
			expect(source).not.toContain(marker);
			const hidden = page.locator('article.comment', { has: page.locator('.comment-status.hidden', { hasText: reason }) });
			expect(await hidden.count()).toBe(1);
			expect(await hidden.locator('.comment-status.hidden').innerText()).toContain(message('ar', 'moderation.hiddenByModerator'));
			expect(await hidden.locator('.comment-body').count()).toBe(0);
		} finally {
			await reading.close();
		}
	});
});
