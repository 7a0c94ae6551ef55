// Languages by name in a real browser (issue 13, items 4 and 6). In the Arabic interface without
// JavaScript: signing up by choosing Arabic as the home language and French from the boxes, by their
// names, then the profile showing them by name. With JavaScript: the search list, used with the
// keyboard only (type, arrows, Enter; move and remove buttons). And the typography: the translator's
// Arabic editor is not monospace, and a Chinese results table at 360 px keeps its headers' words whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, logIn, message, ROOT, unique } from './helpers';

const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

const PHONE = { width: 360, height: 780 };
const t = (key: string, values: Record<string, string> = {}) =>
	Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{{${k}}}`, v), message('ar', key)!);

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function languagesOf(request: { get: (url: string) => Promise<{ json: () => Promise<unknown> }> }): Promise<string[]> {
	const data = (await (await request.get(`${server.url}/profile/data.json`)).json()) as { profile: { languages: string[] } };
	return data.profile.languages;
}

describe('choosing languages by name, in Arabic', () => {
	it('without JavaScript: home language Arabic, also French, by name; the profile shows them by name', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			const page = await context.newPage();
			await page.goto(`${server.url}/signup`);
			expect(await page.locator('html').getAttribute('lang')).toBe('ar');
			await page.locator('#username').fill(unique('names_'));
			await page.locator('#password').fill('كلمة-سر-طويلة-2024');
			await page.locator('#displayName').fill('سلمى');
			// Chosen by what people read: the select's option and the box's label are names, not codes.
			await page.getByLabel(t('languagePicker.home')).selectOption({ label: 'العربية' });
			await page.getByRole('checkbox', { name: 'Français — الفرنسية' }).check();
			// What a person without JavaScript sees (screenshots.test.ts shows the enhanced picker).
			mkdirSync(SCREENSHOT_DIR, { recursive: true });
			await page.screenshot({ path: join(SCREENSHOT_DIR, 'signup-nojs-ar-360.png'), fullPage: true });
			await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signup')), page.locator('main form button[type="submit"]').click()]);
			expect(await languagesOf(context.request)).toEqual(['ar', 'fr']);

			await page.goto(`${server.url}/profile`);
			const list = page.locator('.profile-languages ol li');
			expect(await list.allInnerTexts()).toEqual([`العربية ${t('languagePicker.homeBadge')}`, 'Français — الفرنسية']);
			expect(await list.first().locator('bdi').getAttribute('lang')).toBe('ar');
			// The form shows the same choice: Arabic selected, French ticked, nothing left as a code.
			expect(await page.locator('#homeLanguage').inputValue()).toBe('ar');
			expect(await page.getByRole('checkbox', { name: 'Français — الفرنسية' }).isChecked()).toBe(true);
			expect(await page.locator('#languages').inputValue()).toBe('');
			// Nothing sticks out sideways at 360 px, even with the whole list of languages.
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		} finally {
			await context.close();
		}
	});

	it('without JavaScript the picker has no serious or critical axe-core violations', async () => {
		// axe needs scripts in the page: the app's own are blocked instead, so the page stays as served.
		const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			await context.route('**/_app/**', (route) => route.abort());
			const page = await context.newPage();
			await page.goto(`${server.url}/signup`);
			expect(await page.locator('#homeLanguage').count()).toBe(1);
			const axe = await new AxeBuilder({ page }).analyze();
			const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('with JavaScript: the search list works by keyboard (type, arrows, Enter, move, remove)', async () => {
		const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			const page = await context.newPage();
			await page.goto(`${server.url}/signup`);
			const search = page.getByRole('combobox', { name: t('languagePicker.search') });
			await search.waitFor();
			// The interface's language is suggested first; it is removed by keyboard.
			const chosen = page.locator('ol.chosen-languages > li');
			await expect.poll(() => chosen.count()).toBe(1);
			await page.getByRole('button', { name: t('languagePicker.remove', { language: 'العربية' }) }).press('Enter');
			await expect.poll(() => chosen.count()).toBe(0);

			await page.locator('#username').fill(unique('search_'));
			await page.locator('#password').fill('كلمة-سر-طويلة-2024');
			await page.locator('#displayName').fill('ليلى');
			// French, found by its Arabic name.
			await search.focus();
			await page.keyboard.type('الفرنس');
			const listbox = page.getByRole('listbox');
			await listbox.waitFor();
			await expect.poll(() => listbox.getByRole('option').first().innerText()).toBe('Français — الفرنسية');
			await page.keyboard.press('Enter');
			// Then Arabic, by its English name, choosing the second match with the arrow keys.
			await page.keyboard.type('arab');
			await listbox.waitFor();
			await expect.poll(() => listbox.getByRole('option').first().innerText()).toBe('العربية');
			await page.keyboard.press('ArrowDown');
			await expect.poll(() => search.getAttribute('aria-activedescendant')).toBe('languages-option-1');
			await page.keyboard.press('ArrowUp');
			await expect.poll(() => search.getAttribute('aria-activedescendant')).toBe('languages-option-0');
			await page.keyboard.press('Enter');
			const names = () => chosen.locator('.chosen-name').allInnerTexts();
			await expect.poll(names).toEqual(['Français — الفرنسية', 'العربية']);
			// Arabic becomes the home language: its "move up" button, pressed from the keyboard.
			await page.getByRole('button', { name: t('languagePicker.moveUp', { language: 'العربية' }) }).press('Enter');
			await expect.poll(names).toEqual(['العربية', 'Français — الفرنسية']);
			expect(await chosen.first().locator('.badge').innerText()).toBe(t('languagePicker.homeBadge'));
			// Focus stays on the language that moved, so that moving again needs no searching.
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('language-down-0');
			// Escape closes the list; a code not in the list can be chosen too.
			await search.focus();
			await page.keyboard.type('ber');
			await listbox.waitFor();
			await page.keyboard.press('Escape');
			await expect.poll(() => listbox.isHidden()).toBe(true);
			await search.fill('');
			await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signup')), page.locator('main form button[type="submit"]').click()]);
			expect(await languagesOf(context.request)).toEqual(['ar', 'fr']);
		} finally {
			await context.close();
		}
	});
});

describe('script-aware typography', () => {
	it('the translator’s Arabic editor uses an Arabic text face, not monospace', async () => {
		const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': 'ar' } });
		try {
			const page = await context.newPage();
			const path = `${CONSULTATION_PATH}/translate/ar/harassment`;
			await logIn(page, server.url, 'translator_ar', path);
			const font = await page.locator('textarea#t-body').evaluate((el) => getComputedStyle(el).fontFamily);
			expect(font.split(',')[0].replace(/["']/g, '').trim()).toBe('Noto Naskh Arabic');
			expect(font).not.toMatch(/monospace/);
		} finally {
			await context.close();
		}
	});

	it('the liaison form’s selects show their whole option text, in every UI language, at 1280 and 360 px', async () => {
		const problems: string[] = [];
		for (const locale of ['en', 'es', 'fr', 'pt', 'ar', 'fa', 'hi', 'zh-Hans']) {
			const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': locale } });
			try {
				const page = await context.newPage();
				await logIn(page, server.url, 'liaison_ar', `${CONSULTATION_PATH}/summaries`);
				const edit = await page.locator('a[href$="/edit"]').first().getAttribute('href');
				for (const width of [1280, 360]) {
					await page.setViewportSize({ width, height: 900 });
					await page.goto(`${server.url}${edit}`);
					// The widest option's text, measured in the select's own font, against the room inside it
					// (its padding and the arrow taken off).
					const cut = await page.locator('select').evaluateAll((selects) => {
						const context = document.createElement('canvas').getContext('2d')!;
						return selects.flatMap((select) => {
							const style = getComputedStyle(select);
							context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
							const widest = Math.max(...[...(select as HTMLSelectElement).options].map((o) => context.measureText(o.text).width));
							const room = select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd) - 16;
							return widest > room ? [`${select.id}: ${Math.round(widest)} > ${Math.round(room)}`] : [];
						});
					});
					problems.push(...cut.map((c) => `${locale} at ${width}: ${c}`));
				}
			} finally {
				await context.close();
			}
		}
		expect(problems).toEqual([]);
	});

	it('Chinese tables at 360 px (results, what we heard, translation progress) do not stand their headers one character per line', async () => {
		const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'zh-Hans' } });
		try {
			const page = await context.newPage();
			for (const path of [`${CONSULTATION_PATH}/results`, `${CONSULTATION_PATH}/versions/2/heard`, CONSULTATION_PATH]) {
				await page.goto(`${server.url}${path}`);
				const headers = page.locator('table thead th');
				expect(await headers.count(), path).toBeGreaterThan(0);
				// Each header at least two characters wide (besides its padding) where its text has two or more.
				const narrow = await headers.evaluateAll((ths) =>
					ths
						.filter((th) => (th.textContent ?? '').trim().length >= 2)
						.filter((th) => {
							const style = getComputedStyle(th);
							const room = th.getBoundingClientRect().width - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
							return room < 2 * parseFloat(style.fontSize);
						})
						.map((th) => th.textContent.trim())
				);
				expect(narrow, path).toEqual([]);
				expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
			}
		} finally {
			await context.close();
		}
	});
});
