// Post / redirect / get in a real browser (src/lib/server/http/flash.ts). Without JavaScript, on a
// 360 px phone: a stance and a comment are answered 303 to the clause page at their confirmation,
// which is on the first screen; the address bar has no `?/action`; a reload does not post again; a
// comment over the limit comes back with what was typed and the error summary in view. With
// JavaScript: focus lands on the saved stance's confirmation and on the error summary. And the focus
// ring has 3:1 contrast against what surrounds it, on the page, on cards and in the dark header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CLAUSE_PATH, unique } from './helpers';

const PHONE = { width: 360, height: 780 };
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** A new participant, signed up through the form (which works without JavaScript too). */
async function signUp(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${server.url}/signup?redirectTo=${encodeURIComponent(CLAUSE_PATH)}`);
	await page.locator('#username').fill(unique('prg'));
	await page.locator('#password').fill('correct horse battery');
	await page.locator('#displayName').fill('Pat');
	await page.locator('#languages').fill('en');
	await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signup')), page.locator('main form button[type="submit"]').click()]);
	return page;
}

/** Submits by clicking `button` and returns the answer to the POST (the navigation follows it). */
async function submit(page: Page, button: string): Promise<Response> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForNavigation(),
		page.locator(button).click()
	]);
	return response;
}

/** The element is entirely on the first screen (the viewport) as the page opened. */
async function onFirstScreen(page: Page, selector: string): Promise<void> {
	const box = await page.locator(selector).boundingBox();
	expect(box, selector).not.toBeNull();
	// Sub-pixel layout may put the top a fraction of a pixel above the edge.
	expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(-1);
	expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(PHONE.height);
}

describe('without JavaScript, at 360 px', () => {
	let context: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'en' } });
		page = await signUp(context);
	});
	afterAll(async () => {
		await context?.close();
	});

	it('a stance: 303 to the confirmation, on the first screen, no ?/ in the address, a reload posts nothing', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		await page.locator('#stance-choice-support').check();
		await page.locator('#stance-reason').fill('It protects people.');
		const response = await submit(page, 'form#stance button[type="submit"].primary');
		expect(response.status()).toBe(303);
		const url = new URL(page.url());
		expect(url.pathname).toBe(CLAUSE_PATH);
		expect(url.search).not.toContain('?/');
		expect(url.hash).toBe('#stance-result');
		await onFirstScreen(page, '#stance-result');

		const posts: string[] = [];
		page.on('request', (r) => {
			if (r.method() === 'POST') posts.push(r.url());
		});
		await page.reload();
		expect(posts).toEqual([]);
		// The confirmation was for that one answer; the saved stance stays.
		expect(await page.locator('#stance-result').count()).toBe(0);
		expect(await page.locator('.my-stance').count()).toBe(1);
	});

	it('a comment: 303 to the new comment, shown on the first screen', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		await page.locator('#comment-body').fill('A point made without JavaScript.');
		const response = await submit(page, 'form#comment button[type="submit"]');
		expect(response.status()).toBe(303);
		const url = new URL(page.url());
		expect(url.search).not.toContain('?/');
		expect(url.hash).toMatch(/^#comment-\d+$/);
		await onFirstScreen(page, `${url.hash} .new-comment`);
		await expect.poll(() => page.locator(url.hash).innerText()).toContain('A point made without JavaScript.');
	});

	it('a comment over the limit comes back with the typed text and the error summary in view', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		const typed = `Too long: ${'word '.repeat(2_100)}`.trim();
		// An older browser would let it through: the server's limit is what is tested.
		await page.locator('#comment-body').evaluate((el) => el.removeAttribute('maxlength'));
		await page.locator('#comment-body').fill(typed);
		const response = await submit(page, 'form#comment button[type="submit"]');
		expect(response.status()).toBe(303);
		expect(new URL(page.url()).hash).toBe('#comment-errors');
		expect(new URL(page.url()).search).not.toContain('?/');
		await onFirstScreen(page, '#comment-errors');
		expect(await page.locator('#comment-body').inputValue()).toBe(typed);
		// The summary's link leads to the field.
		expect(await page.locator('#comment-errors a').first().getAttribute('href')).toBe('#comment-body');
	});
});

describe('with JavaScript', () => {
	let context: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'en' } });
		page = await signUp(context);
	});
	afterAll(async () => {
		await context?.close();
	});

	it('after a stance is saved, keyboard focus is on its confirmation (not the top of the page)', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		await page.waitForLoadState('networkidle');
		await page.locator('#stance-choice-oppose').check();
		await page.locator('form#stance button[type="submit"].primary').click();
		await page.locator('#stance-result').waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('stance-result');
		expect(page.url()).not.toContain('?/');
	});

	it('after a refused comment, focus is on the error summary and the text stays', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		await page.waitForLoadState('networkidle');
		const typed = 'x'.repeat(10_001);
		await page.locator('#comment-body').evaluate((el) => el.removeAttribute('maxlength'));
		await page.locator('#comment-body').fill(typed);
		await page.locator('form#comment button[type="submit"]').click();
		await page.locator('#comment-errors').waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('comment-errors');
		expect(await page.locator('#comment-body').inputValue()).toBe(typed);
	});

	it('the focus ring has at least 3:1 contrast against the page, a card and the header', async () => {
		await page.goto(`${server.url}${CLAUSE_PATH}`);
		await page.waitForLoadState('networkidle');
		const targets = ['main .breadcrumbs a', 'main .comment .permalink', 'header .site-header a, .site-header a', '.skip-link'];
		for (const selector of targets) {
			// Focus by keyboard (so :focus-visible applies): Tab until the element has it.
			await page.locator('body').focus();
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			const found = await tabTo(page, selector);
			expect(found, selector).toBe(true);
			const { ring, around, style } = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				const style = getComputedStyle(el);
				// What the ring is drawn on: what is painted just outside the element, where the ring lies
				// (offset 2px, 3px wide), in the first layer under it with a background colour of its own.
				const rect = el.getBoundingClientRect();
				const x = Math.max(0, rect.left - 3.5);
				const y = rect.top + rect.height / 2;
				let around = getComputedStyle(document.documentElement).backgroundColor;
				outer: for (const layer of document.elementsFromPoint(x, y)) {
					if (layer === el || el.contains(layer)) continue;
					for (let node: Element | null = layer; node; node = node.parentElement) {
						const bg = getComputedStyle(node).backgroundColor;
						if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
							around = bg;
							break outer;
						}
					}
				}
				return { ring: style.outlineColor, around, style: `${style.outlineStyle} ${style.outlineWidth}` };
			});
			expect(style, selector).toMatch(/solid (2|3)px/);
			expect(contrast(ring, around), `${selector}: ring ${ring} on ${around}`).toBeGreaterThanOrEqual(3);
		}
	});
});

/** Presses Tab (at most 80 times) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string): Promise<boolean> {
	for (let i = 0; i < 80; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
	}
	return false;
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
	const lum = (c: string) => {
		const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
			const s = Number(v) / 255;
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
}
