// The whole participant journey in Arabic, once with JavaScript and once without: switch the UI to
// Arabic, sign up, read a clause in Arabic, take a stance, comment, reply, log out and back in.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { arabicClause, CLAUSE_PATH, CONSULTATION_PATH, countFromText, htmlLangDir, ROOT, unique } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const expectedHeading = arabicClause('harassment').heading;

/** The oppose count of the harassment clause, from the public API (independent of the UI locale). */
async function apiOpposeCount(): Promise<number> {
	const consultation = (await (await fetch(`${server.url}/api/v1/consultations/code-of-conduct`)).json()) as { currentVersion: number };
	const response = await fetch(`${server.url}/api/v1/consultations/code-of-conduct/versions/${consultation.currentVersion}/clauses`);
	expect(response.status).toBe(200);
	const data = (await response.json()) as { clauses: { key: string; counts: { oppose: number } }[] };
	const clause = data.clauses.find((c) => c.key === 'harassment');
	if (!clause) throw new Error('harassment clause missing from the API');
	return clause.counts.oppose;
}

/** The oppose count shown on the clause page, read through the Arabic catalog's plural forms. */
async function opposeCount(page: Page): Promise<number> {
	const text = await page.locator('section.feedback .stance-counts li.oppose').innerText();
	const n = countFromText('ar', 'stance.countOppose', text);
	if (Number.isNaN(n)) console.error(`The oppose count is not a count message of messages/ar.json: ${JSON.stringify(text)}`);
	return n;
}

async function journey(context: BrowserContext, js: boolean): Promise<void> {
	const page = await context.newPage();
	const base = server.url;
	const username = unique(js ? 'ar_js_' : 'ar_nojs_');
	const password = 'كلمة-سر-طويلة-2024';
	const displayName = js ? 'ليلى التجريبية' : 'سلمى التجريبية';
	const runTag = unique('');

	// --- UI language -----------------------------------------------------------------------------
	await page.goto(`${base}/`);
	if (js) {
		// No Accept-Language preference for Arabic: the page starts in English…
		expect(await htmlLangDir(page)).toEqual({ lang: 'en', dir: 'ltr' });
		// …and the switcher in the header turns it to Arabic.
		await page.locator('#ui-locale').selectOption('ar');
		await page.locator('form.locale-switcher button[type="submit"]').click();
		await page.waitForSelector('html[lang="ar"][dir="rtl"]', { state: 'attached' });
		await page.waitForLoadState('networkidle');
		expect(new URL(page.url()).pathname).toBe('/');
	}
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	expect(await page.locator('#ui-locale').inputValue()).toBe('ar');

	// --- Sign up -----------------------------------------------------------------------------------
	await page.goto(`${base}/signup?redirectTo=${encodeURIComponent(CONSULTATION_PATH)}`);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(password);
	await page.locator('#displayName').fill(displayName);
	await page.locator('#languages').fill('ar, en');
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname === CONSULTATION_PATH);
	await page.waitForLoadState('networkidle');
	// Signed in: the header names the new user.
	await expect.poll(() => page.locator('header a[href="/profile"]').innerText()).toContain(displayName);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });

	// --- Consultation page ---------------------------------------------------------------------------
	const clauseItems = page.locator('ol.clause-list > li');
	expect(await clauseItems.count()).toBe(12);
	// The first language of the participant (ar) is the reading language.
	const harassmentLink = page.locator('a.clause-link[href*="/clauses/harassment"]');
	const listHeading = harassmentLink.locator('.heading');
	expect((await listHeading.innerText()).trim()).toBe(expectedHeading);
	expect(await listHeading.getAttribute('lang')).toBe('ar');
	await harassmentLink.click();
	await page.waitForURL((url) => url.pathname === CLAUSE_PATH);
	await page.waitForLoadState('networkidle');

	// --- Clause page ---------------------------------------------------------------------------------
	const heading = page.locator('article.clause h1 span[lang]');
	expect((await heading.innerText()).trim()).toBe(expectedHeading);
	expect(await heading.getAttribute('lang')).toBe('ar');
	expect(await page.locator('article.clause .clause-body').getAttribute('lang')).toBe('ar');
	const clauseUrl = page.url();

	// --- Stance --------------------------------------------------------------------------------------
	const opposeBefore = await opposeCount(page);
	const apiBefore = await apiOpposeCount();
	const stanceForm = page.locator('form[action="?/stance"]');
	const reason = `هذا البند غامض ويحتاج إلى أمثلة أوضح (${runTag}).`;
	await stanceForm.locator('input[name="stance"][value="oppose"]').check();
	await stanceForm.locator('#stance-reason').fill(reason);
	expect(await stanceForm.locator('#stance-language').inputValue()).toBe('ar');
	await stanceForm.locator('button.primary[type="submit"]').click();
	await page.locator('form[action="?/stance"] .notice.success').waitFor();
	// Without JavaScript the browser itself posted the form and was sent back (303) to the clause page
	// at the confirmation, with no `?/stance` left to post again on reload (http/flash.ts).
	if (!js) {
		expect(new URL(page.url()).search).not.toContain('?/');
		expect(new URL(page.url()).hash).toBe('#stance-result');
	}
	expect(await apiOpposeCount()).toBe(apiBefore + 1);
	// Soft: a wrong count is reported, and the rest of the journey still runs.
	expect(await opposeCount(page), 'oppose count after saving').toBe(opposeBefore + 1);

	// A fresh GET (not a reload, which would re-post the form without JavaScript).
	await page.goto(clauseUrl);
	await page.waitForLoadState('networkidle');
	expect(await page.locator('form[action="?/stance"] input[name="stance"][value="oppose"]').isChecked()).toBe(true);
	expect(await page.locator('form[action="?/stance"] input[name="stance"][value="support"]').isChecked()).toBe(false);
	expect(await page.locator('#stance-reason').inputValue()).toBe(reason);
	expect(await page.locator('form[action="?/stance"] .my-stance').count()).toBe(1);
	expect(await opposeCount(page), 'oppose count after a fresh load').toBe(opposeBefore + 1);

	// --- Comment -------------------------------------------------------------------------------------
	const commentText = `أقترح إضافة أمثلة على المضايقة عبر الإنترنت ${runTag}`;
	const commentForm = page.locator('form[action="?/comment"]:has(#comment-body)');
	await commentForm.locator('#comment-body').fill(commentText);
	expect(await commentForm.locator('#comment-language').inputValue()).toBe('ar');
	await commentForm.locator('button.primary[type="submit"]').click();
	const comment = page.locator('ol.comment-list > li > article.comment').filter({
		has: page.locator(':scope > .comment-body', { hasText: commentText })
	});
	await comment.waitFor();
	expect(await comment.count()).toBe(1);
	const body = comment.locator(':scope > .comment-body');
	expect(await body.getAttribute('lang')).toBe('ar');
	expect(await body.getAttribute('dir')).toBe('auto');
	expect((await body.innerText()).trim()).toBe(commentText);
	expect((await comment.locator(':scope > .comment-meta .author .person-name').innerText()).trim()).toBe(displayName);
	const commentId = await comment.getAttribute('id');
	expect(commentId).toMatch(/^comment-\d+$/);

	// --- Reply ---------------------------------------------------------------------------------------
	const parent = page.locator(`#${commentId}`);
	const replyText = `أوافق، ويجب ذكر الرسائل الخاصة أيضًا ${runTag}`;
	const details = parent.locator('details.reply');
	await details.locator('summary').click();
	expect(await details.getAttribute('open')).not.toBeNull();
	const replyBox = details.locator('textarea[name="body"]');
	await replyBox.fill(replyText);
	await details.locator('button.primary[type="submit"]').click();
	const reply = page.locator(`#${commentId} > .replies > li > article.comment`).filter({ hasText: replyText });
	await reply.waitFor();
	expect(await reply.count()).toBe(1);
	const replyBody = reply.locator(':scope > .comment-body');
	expect(await replyBody.getAttribute('lang')).toBe('ar');
	expect(await replyBody.getAttribute('dir')).toBe('auto');
	expect((await reply.locator('.author .person-name').innerText()).trim()).toBe(displayName);
	// The reply is not a top-level comment of its own.
	expect(
		await page.locator('ol.comment-list > li > article.comment > .comment-body', { hasText: replyText }).count()
	).toBe(0);

	// --- Log out, log in again -------------------------------------------------------------------------
	await page.locator('header form[action="/logout"] button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname === '/');
	await page.waitForLoadState('networkidle');
	expect(await page.locator('header form[action="/logout"]').count()).toBe(0);
	expect(await page.locator('header a[href^="/login"]').count()).toBe(1);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });

	await page.goto(`${base}/login?redirectTo=${encodeURIComponent(CLAUSE_PATH)}`);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(password);
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname === CLAUSE_PATH);
	await page.waitForLoadState('networkidle');
	await page.locator('header form[action="/logout"]').waitFor({ state: 'attached' });
	expect((await page.locator('article.clause h1 span[lang]').innerText()).trim()).toBe(expectedHeading);
	expect(await page.locator('form[action="?/stance"] input[name="stance"][value="oppose"]').isChecked()).toBe(true);
	expect(await page.locator(`#${commentId} > .replies > li`).count()).toBe(1);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });

	// For a person to look at: the clause with the comment and its reply, right to left.
	const shot = join(ROOT, 'test-results', 'journey', `clause-ar-${js ? 'js' : 'nojs'}.png`);
	mkdirSync(dirname(shot), { recursive: true });
	await page.locator(`#${commentId}`).scrollIntoViewIfNeeded();
	await page.screenshot({ path: shot, fullPage: true });
	expect(statSync(shot).size).toBeGreaterThan(0);

	await page.close();
}

describe('participant journey in Arabic', () => {
	it('works with JavaScript (locale switcher, enhanced forms)', async () => {
		const context = await browser.newContext();
		try {
			await journey(context, true);
		} finally {
			await context.close();
		}
	});

	it('works without JavaScript (Accept-Language: ar, plain forms)', async () => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			extraHTTPHeaders: { 'Accept-Language': 'ar' }
		});
		try {
			await journey(context, false);
		} finally {
			await context.close();
		}
	});
});
