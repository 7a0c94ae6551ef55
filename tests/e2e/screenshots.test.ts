// Full-page screenshots of the consultation and clause pages (en, ar; desktop and phone width) for
// a person to look at, and axe-core checks of the main pages in English and Arabic.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CLAUSE_PATH, CONSULTATION_PATH, htmlLangDir, logIn, ROOT } from './helpers';

const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
const LOCALES = ['en', 'ar'] as const;
type Locale = (typeof LOCALES)[number];
const WIDTHS = [
	{ width: 1280, height: 900 },
	{ width: 360, height: 780 }
];

let server: RunningServer;
let browser: Browser;
/** Per UI locale: a context signed in as `participant` and an anonymous one. */
const signedIn = new Map<Locale, BrowserContext>();
const anonymous = new Map<Locale, BrowserContext>();

function contextOptions(locale: Locale) {
	// Accept-Language chooses the UI locale without saving it on the account.
	return { extraHTTPHeaders: { 'Accept-Language': locale }, viewport: WIDTHS[0] };
}

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	for (const locale of LOCALES) {
		const context = await browser.newContext(contextOptions(locale));
		const page = await context.newPage();
		await logIn(page, server.url, 'participant', '/');
		await page.close();
		signedIn.set(locale, context);
		anonymous.set(locale, await browser.newContext(contextOptions(locale)));
	}
});

afterAll(async () => {
	for (const context of [...signedIn.values(), ...anonymous.values()]) await context.close().catch(() => {});
	await browser?.close();
	await server?.stop();
});

/** The page in the reading language that matches the UI (the participant reads English by default). */
function withLang(path: string, locale: Locale): string {
	return `${path}?lang=${locale}`;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
	const page = await context.newPage();
	const response = await page.goto(`${server.url}${path}`);
	expect(response?.status()).toBe(200);
	await page.waitForLoadState('networkidle');
	return page;
}

describe('screenshots', () => {
	for (const locale of LOCALES) {
		it(`consultation and clause pages in ${locale}, at desktop and phone width`, async () => {
			const context = signedIn.get(locale)!;
			const page = await context.newPage();
			try {
				for (const size of WIDTHS) {
					await page.setViewportSize(size);
					for (const [name, path] of [
						['consultation', CONSULTATION_PATH],
						['clause', CLAUSE_PATH]
					] as const) {
						const response = await page.goto(`${server.url}${withLang(path, locale)}`);
						expect(response?.status()).toBe(200);
						await page.waitForLoadState('networkidle');
						expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
						// Signed in: the clause page shows the stance and comment forms.
						if (name === 'clause') await page.locator('form[action="?/stance"]').waitFor();
						const file = join(SCREENSHOT_DIR, `${name}-${locale}-${size.width}.png`);
						rmSync(file, { force: true });
						await page.screenshot({ path: file, fullPage: true });
						expect(statSync(file).size).toBeGreaterThan(10_000);
						// Nothing may stick out sideways and make the page scroll horizontally.
						const overflow = await page.evaluate(
							() => document.documentElement.scrollWidth - document.documentElement.clientWidth
						);
						expect(overflow, `horizontal overflow of ${name}-${locale}-${size.width}`).toBeLessThanOrEqual(0);
					}
				}
			} finally {
				await page.close();
			}
		});
	}
});

describe('accessibility (axe-core): no serious or critical violations', () => {
	const cases: { name: string; path: (locale: Locale) => string; signedIn: boolean; ready?: string }[] = [
		{ name: 'home', path: () => '/', signedIn: true, ready: 'ul.cards' },
		{ name: 'consultation', path: (l) => withLang(CONSULTATION_PATH, l), signedIn: true, ready: 'ol.clause-list' },
		{ name: 'clause', path: (l) => withLang(CLAUSE_PATH, l), signedIn: true, ready: 'form[action="?/comment"]' },
		{ name: 'login', path: () => '/login', signedIn: false, ready: '#password' },
		{ name: 'signup', path: () => '/signup', signedIn: false, ready: '#languages' }
	];
	for (const locale of LOCALES) {
		for (const c of cases) {
			it(`${c.name} page (${locale})`, async () => {
				const page = await open((c.signedIn ? signedIn : anonymous).get(locale)!, c.path(locale));
				try {
					if (c.ready) await page.locator(c.ready).first().waitFor();
					expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
					const results = await new AxeBuilder({ page }).analyze();
					const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
					const describe = (list: typeof results.violations) =>
						list
							.map(
								(v) =>
									`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
									v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')
							)
							.join('\n');
					const minor = results.violations.filter((v) => !serious.includes(v));
					if (minor.length) console.log(`axe, ${c.name} (${locale}), minor/moderate:\n${describe(minor)}`);
					if (serious.length) console.error(`axe, ${c.name} (${locale}), serious/critical:\n${describe(serious)}`);
					expect(serious.map((v) => `${v.id} (${v.nodes.length} nodes)`), describe(serious)).toEqual([]);
				} finally {
					await page.close();
				}
			});
		}
	}
});
