// Committee-only feedback in Chromium, with JavaScript and without: a participant ticks "only the
// drafting committee can read this" on a reason and on a comment, sees both marked as such, and the
// text appears for the committee but not for a visitor.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CLAUSE_PATH, logIn, message, unique } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true, env: { RATE_LIMITS: 'off' } }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const BADGE = message('en', 'privacy.committeeOnlyBadge')!;

function newContext(js: boolean): Promise<BrowserContext> {
	return browser.newContext({ javaScriptEnabled: js, extraHTTPHeaders: { 'Accept-Language': 'en' } });
}

async function open(page: Page, path: string): Promise<void> {
	await page.goto(`${server.url}${path}`);
	await page.waitForLoadState('networkidle');
}

async function journey(js: boolean, username: string): Promise<void> {
	const reason = unique(`Private reason ${js ? 'js' : 'nojs'} `);
	const body = unique(`Private comment ${js ? 'js' : 'nojs'} `);
	const context = await newContext(js);
	try {
		const page = await context.newPage();
		await logIn(page, server.url, username, CLAUSE_PATH);

		// --- The stance's reason, for the committee only ---------------------------------------------
		const stanceForm = page.locator('form[action="?/stance"]');
		const box = stanceForm.locator('#stance-committee-only');
		expect(await box.isChecked()).toBe(false);
		// The choice is explained where it is made.
		expect(await stanceForm.locator('#stance-committee-only-hint').innerText()).toBe(message('en', 'privacy.stanceHint'));
		await stanceForm.locator('input[name="stance"][value="oppose"]').check();
		await stanceForm.locator('#stance-reason').fill(reason);
		await box.check();
		await stanceForm.locator('button.primary[type="submit"]').click();
		await page.locator('form[action="?/stance"] .notice.success').waitFor();
		if (!js) await open(page, CLAUSE_PATH);
		await page.locator('form[action="?/stance"] .my-stance .committee-only-badge').waitFor();
		expect(await page.locator('#stance-committee-only').isChecked()).toBe(true);
		const ownReason = page.locator('#reasons li.reason').filter({ hasText: reason });
		expect(await ownReason.locator('.committee-only-badge').innerText()).toBe(BADGE);

		// --- A comment for the committee only -----------------------------------------------------------
		const commentForm = page.locator('form[action="?/comment"]:has(#comment-body)');
		await commentForm.locator('#comment-body').fill(body);
		await commentForm.locator('#comment-committee-only').check();
		await commentForm.locator('button.primary[type="submit"]').click();
		if (!js) {
			await page.locator('form[action="?/comment"] .notice.success').waitFor();
			await open(page, CLAUSE_PATH);
		}
		const comment = page.locator('article.comment').filter({ has: page.locator(':scope > .comment-body', { hasText: body }) });
		await comment.waitFor();
		expect(await comment.locator(':scope > .comment-meta .committee-only-badge').innerText()).toBe(BADGE);
		// Replying under it says that the reply stays private too, instead of offering the box.
		expect(await comment.locator('details.reply .committee-only-reply').count()).toBe(1);
		expect(await comment.locator('details.reply input[name="committeeOnly"]').count()).toBe(0);
		await page.close();
	} finally {
		await context.close();
	}

	// --- A visitor sees neither; the committee sees both, marked ------------------------------------
	const visitor = await newContext(js);
	try {
		const page = await visitor.newPage();
		await open(page, CLAUSE_PATH);
		const text = await page.content();
		expect(text).not.toContain(reason);
		expect(text).not.toContain(body);
		expect(await page.locator('#comments .committee-only-count').count()).toBe(1);
		expect(await page.locator('#reasons .committee-only-count').count()).toBe(1);
	} finally {
		await visitor.close();
	}
	const committee = await newContext(js);
	try {
		const page = await committee.newPage();
		await logIn(page, server.url, 'committee', CLAUSE_PATH);
		const comment = page.locator('article.comment').filter({ has: page.locator(':scope > .comment-body', { hasText: body }) });
		expect(await comment.locator(':scope > .comment-meta .committee-only-badge').innerText()).toBe(BADGE);
		expect(await page.locator('#reasons li.reason').filter({ hasText: reason }).locator('.committee-only-badge').count()).toBe(1);
		expect(await page.locator('.committee-only-count').count()).toBe(0);
	} finally {
		await committee.close();
	}
}

describe('committee-only feedback in the browser', () => {
	it('works with JavaScript', async () => {
		await journey(true, 'lucia');
	});

	it('works without JavaScript', async () => {
		await journey(false, 'camille');
	});
});
