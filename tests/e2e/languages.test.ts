// Languages by name in a real browser (issue 13, items 4 and 6). In the Arabic interface without
// JavaScript: signing up by choosing Arabic as the home language and French from the boxes, by their
// names, then the profile showing them by name. With JavaScript: the search list, used with the
// keyboard only (type, arrows, Enter; move and remove buttons). And the typography: the translator's
// Arabic editor is not monospace, and a Chinese results table at 360 px keeps its headers' words whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, logIn, message, unique } from './helpers';

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

	it('a Chinese results table at 360 px does not stand its headers one character per line', async () => {
		const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'Accept-Language': 'zh-Hans' } });
		try {
			const page = await context.newPage();
			await page.goto(`${server.url}${CONSULTATION_PATH}/results`);
			const headers = page.locator('table thead th');
			expect(await headers.count()).toBeGreaterThan(0);
			// Each header at least two characters wide wherever its text has two or more characters.
			const narrow = await headers.evaluateAll((ths) =>
				ths
					.filter((th) => (th.textContent ?? '').trim().length >= 2)
					.filter((th) => th.getBoundingClientRect().width < 2 * parseFloat(getComputedStyle(th).fontSize) + 2 * parseFloat(getComputedStyle(th).paddingInlineStart))
					.map((th) => th.textContent!.trim())
			);
			expect(narrow).toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		} finally {
			await context.close();
		}
	});
});
