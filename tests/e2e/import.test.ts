// Importing drafts: a site administrator creates a consultation from a Markdown document (preview,
// line-numbered errors, publish), the drafting committee saves a new version as a draft and
// publishes it, and a plain participant is kept out.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, firstNumber, logIn, message, submitAndSettle, unique } from './helpers';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

/** A page in a fresh context, English UI. */
async function freshPage(): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'en' } });
	contexts.push(context);
	return context.newPage();
}

const VALID_DOCUMENT = [
	'## 1 First {#first}',
	'',
	'The first clause, with **bold** text.',
	'',
	'## 2 Second {#second}',
	'',
	'The second clause.',
	'',
	'## 3 Third {#third}',
	'',
	'The third clause.',
	''
].join('\n');

// Line 5 has a heading and no text under it; line 7 repeats the label "2" first used on line 5.
const BROKEN_DOCUMENT = [
	'## 1 First {#first}',
	'',
	'The first clause.',
	'',
	'## 2 Second {#second}',
	'',
	'## 2 Again {#again}',
	'',
	'The clause with a repeated label.',
	''
].join('\n');

/** The preview button is the form's first submit button (it posts to the form's own action). */
function previewButton(page: Page) {
	return page.locator('main form[action="?/preview"] button[type="submit"]').first();
}

describe('creating a consultation from a Markdown draft (site admin)', () => {
	it('previews, reports errors with their line, and publishes version 1', async () => {
		const page = await freshPage();
		await logIn(page, server.url, 'admin', '/consultations/new');
		const slug = unique('e2e-import-');
		const title = `Imported draft ${slug}`;

		const fields = { '#title': title, '#slug': slug, '#sourceLanguage': 'en', '#languages': 'es, ar', '#document': VALID_DOCUMENT };
		const fillAll = async (overrides: Record<string, string> = {}) => {
			for (const [selector, value] of Object.entries({ ...fields, ...overrides })) await page.locator(selector).fill(value);
		};
		await fillAll();
		expect(await previewButton(page).getAttribute('formaction')).toBeNull();
		await previewButton(page).click();

		// --- Preview of a valid document --------------------------------------------------------------
		const previewItems = page.locator('.draft-preview ol.preview-clauses > li');
		await page.locator('.draft-preview').waitFor();
		expect(await previewItems.count()).toBe(3);
		expect(await page.locator('.draft-preview .preview-clauses .label').allInnerTexts()).toEqual(['1', '2', '3']);
		expect((await page.locator('.draft-preview .preview-clauses h3 span[dir]').allInnerTexts()).map((s) => s.trim())).toEqual([
			'First',
			'Second',
			'Third'
		]);
		expect(firstNumber(await page.locator('#preview-heading').innerText())).toBe(3);
		expect(await page.locator('.draft-preview [role="alert"]').count()).toBe(0);
		// Preview saves nothing.
		expect((await fetch(`${server.url}/api/v1/consultations/${slug}`)).status).toBe(404);
		// The form keeps everything that was typed.
		for (const [selector, value] of Object.entries(fields)) {
			expect(await page.locator(selector).inputValue(), `${selector} after a preview`).toBe(value);
		}
		// Previewing the same, unchanged form again must not lose anything either.
		await submitAndSettle(page, () => previewButton(page).click(), '?/preview');
		expect(await previewItems.count()).toBe(3);
		for (const [selector, value] of Object.entries(fields)) {
			expect(await page.locator(selector).inputValue(), `${selector} after a second preview`).toBe(value);
		}

		// --- A document with errors: each message names its line --------------------------------------
		await fillAll({ '#document': BROKEN_DOCUMENT });
		await previewButton(page).click();
		const problems = page.locator('.draft-preview [role="alert"] li');
		await problems.first().waitFor();
		const messages = await problems.allInnerTexts();
		expect(messages).toHaveLength(2);
		// Line 5: a heading with no text (empty body); line 7: label 2 again (first used on line 5).
		expect(messages[0]).toMatch(/(^|\D)5(\D|$)/);
		expect(messages[1]).toMatch(/(^|\D)7(\D|$)/);
		expect(messages[1]).toMatch(/(^|\D)5(\D|$)/);
		// The clause list shows the line of each clause too.
		expect(await previewItems.count()).toBe(3);

		// Publishing it is refused and saves nothing.
		await fillAll({ '#document': BROKEN_DOCUMENT });
		await page.locator('button[formaction="?/publish"]').click();
		// The form's error summary (FormErrors.svelte) announces it, with the form-level message.
		const summary = page.locator('main form #form-errors[role="alert"]');
		await summary.waitFor();
		expect((await summary.locator('.form-error').innerText()).trim()).toBe(message('en', 'import.fixErrors'));
		expect(new URL(page.url()).pathname).toBe('/consultations/new');
		expect((await fetch(`${server.url}/api/v1/consultations/${slug}`)).status).toBe(404);

		// --- Publish a valid document --------------------------------------------------------------------
		await fillAll();
		await page.locator('button[formaction="?/publish"]').click();
		await page.waitForURL((url) => url.pathname === `/consultations/${slug}`);
		await page.waitForLoadState('networkidle');
		expect((await page.locator('h1').innerText()).trim()).toBe(title);
		const clauses = page.locator('ol.clause-list > li');
		expect(await clauses.count()).toBe(3);
		expect((await page.locator('ol.clause-list .clause-link .heading').allInnerTexts()).map((s) => s.trim())).toEqual([
			'First',
			'Second',
			'Third'
		]);
		expect(firstNumber(await page.locator('#version-heading').innerText())).toBe(1);
		expect(await page.locator('ol.clause-list a[href*="/clauses/first"]').count()).toBe(1);

		// The API agrees: published, version 1, the languages given.
		const api = (await (await fetch(`${server.url}/api/v1/consultations/${slug}`)).json()) as { currentVersion: number; sourceLanguage: string; languages: string[] };
		expect(api.currentVersion).toBe(1);
		expect(api.sourceLanguage).toBe('en');
		expect([...api.languages].sort()).toEqual(['ar', 'en', 'es']);
	});
});

describe('importing a new version (drafting committee)', () => {
	it('saves a draft, lists it for review, and publishes it as the next version', async () => {
		const current = ((await (await fetch(`${server.url}/api/v1/consultations/code-of-conduct`)).json()) as { currentVersion: number })
			.currentVersion;
		const next = current + 1;
		const page = await freshPage();
		const importPath = `${CONSULTATION_PATH}/import`;
		await logIn(page, server.url, 'committee', importPath);
		expect(await page.locator('form[action="?/publishDraft"]').count()).toBe(0);

		const document = [
			'## 1 Purpose {#purpose}',
			'',
			'A shorter purpose, revised after the consultation.',
			'',
			'## 2 Scope {#scope}',
			'',
			'Everyone who takes part.',
			''
		].join('\n');
		await page.locator('#document').fill(document);
		await page.locator('#note').fill('Second version, much shorter.');
		await page.locator('button[formaction="?/saveDraft"]').click();

		// The import page becomes the review page of the draft.
		const publishForm = page.locator('form[action="?/publishDraft"]');
		await publishForm.waitFor();
		expect(new URL(page.url()).pathname).toBe(importPath);
		expect(firstNumber(await page.locator('main h1').innerText())).toBe(next);
		const draftClauses = page.locator('ol.clause-list > li');
		expect(await draftClauses.count()).toBe(2);
		expect((await page.locator('ol.clause-list .clause-link .heading').allInnerTexts()).map((s) => s.trim())).toEqual([
			'Purpose',
			'Scope'
		]);
		expect(await page.locator(`ol.clause-list a[href*="version=${next}"]`).count()).toBe(2);

		// Until it is published, the public still reads the current version.
		const before = (await (await fetch(`${server.url}/api/v1/consultations/code-of-conduct`)).json()) as { currentVersion: number };
		expect(before.currentVersion).toBe(current);

		await publishForm.locator('button[type="submit"]').click();
		await page.waitForURL((url) => url.pathname === CONSULTATION_PATH);
		await page.waitForLoadState('networkidle');
		expect(firstNumber(await page.locator('#version-heading').innerText())).toBe(next);
		expect(await page.locator('ol.clause-list > li').count()).toBe(2);
		const after = (await (await fetch(`${server.url}/api/v1/consultations/code-of-conduct`)).json()) as { currentVersion: number };
		expect(after.currentVersion).toBe(next);
	});

	it('is forbidden (403) to a plain participant', async () => {
		const page = await freshPage();
		await logIn(page, server.url, 'participant', CONSULTATION_PATH);
		const response = await page.goto(`${server.url}${CONSULTATION_PATH}/import`);
		expect(response?.status()).toBe(403);
		expect(await page.locator('#document').count()).toBe(0);
		// Nor may they create a consultation.
		const create = await page.goto(`${server.url}/consultations/new`);
		expect(create?.status()).toBe(403);
	});
});
