// Full-page screenshots of every page (en, ar; desktop and phone width), each signed in as the demo
// account that uses it, for a person to look at in test-results/screenshots/; on each one: no
// sideways scrolling, the right lang/dir, and no serious or critical axe-core violations.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CLAUSE_PATH, CONSULTATION_PATH, DEMO_PASSWORD, htmlLangDir, ROOT } from './helpers';

const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
const LOCALES = ['en', 'ar', 'fa', 'zh-Hans'] as const;
type Locale = (typeof LOCALES)[number];
/** Every page is shown in English and Arabic; a shot's `locales` adds others (Chinese where script matters). */
const DEFAULT_LOCALES: readonly Locale[] = ['en', 'ar'];
/** The pages where people read results: also in Persian, a second right-to-left language with its own digits. */
const RESULT_LOCALES: readonly Locale[] = ['en', 'ar', 'fa'];
const WIDTHS = [
	{ width: 1280, height: 900 },
	{ width: 360, height: 780 }
];
/** The demo accounts (src/lib/server/demo/build.ts); null is a visitor who is not signed in. */
type Account = 'participant' | 'committee' | 'moderator' | 'admin' | 'liaison_ar' | 'translator_ar' | null;

const C = CONSULTATION_PATH;
/** Demo clause with moderation on it: hidden, pending, edited and deleted comments (demo/moderation.ts). */
const MODERATED_CLAUSE = `${C}/clauses/respect`;

interface Shot {
	name: string;
	account: Account;
	path: (locale: Locale) => string;
	/** Waited for before the screenshot: the part of the page that shows it is the right one. */
	ready: string;
	/** Opens disclosures etc. before the screenshot, to show what they look like open. */
	prepare?: (page: Page) => Promise<void>;
	/** The UI locales to show it in (default: English and Arabic). */
	locales?: readonly Locale[];
}

/** The reading language that matches the UI (the demo participant reads English by default). */
const reading = (path: string) => (locale: Locale) => `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
const plain = (path: string) => () => path;

/** Opens every <details> matching `selector`, as a reader clicking each summary would. */
const openAll = (selector: string) => async (page: Page) => {
	await page.evaluate((s) => document.querySelectorAll<HTMLDetailsElement>(s).forEach((d) => (d.open = true)), selector);
};

/** Filled in by beforeAll: a liaison summary of the demo (its id differs between databases). */
let summaryPath = '';

const SHOTS: Shot[] = [
	// Public and participant pages
	{ name: 'home', account: 'participant', path: plain('/'), ready: 'ul.cards' },
	{ name: 'consultation', account: 'participant', path: reading(C), ready: 'ol.clause-list', locales: LOCALES },
	// Visitors: how to take part, sign up or log in, the closing date.
	{ name: 'consultation-visitor', account: null, path: reading(C), ready: '.take-part' },
	{ name: 'clause', account: 'participant', path: reading(CLAUSE_PATH), ready: 'form[action="?/stance"]', locales: RESULT_LOCALES },
	{
		name: 'clause-tools-open',
		account: 'participant',
		path: reading(CLAUSE_PATH),
		ready: 'form[action="?/comment"]',
		prepare: openAll('.comment-tools details, details.comment-history')
	},
	{
		// A refused comment: the error summary at the top of the form, the typed text kept (http/flash.ts).
		name: 'clause-form-errors',
		account: 'participant',
		path: reading(CLAUSE_PATH),
		ready: 'form#comment',
		prepare: async (page) => {
			await page.locator('#comment-body').evaluate((el) => el.removeAttribute('maxlength'));
			await page.locator('#comment-body').fill('x'.repeat(10_001));
			await page.locator('form#comment button[type="submit"]').click();
			await page.locator('#comment-errors').waitFor();
		}
	},
	{ name: 'clause-moderated', account: 'participant', path: reading(MODERATED_CLAUSE), ready: '.comment-status' },
	{
		name: 'clause-moderator-open',
		account: 'moderator',
		path: reading(MODERATED_CLAUSE),
		ready: 'details.moderate-comment',
		prepare: openAll('.comment-tools details, details.comment-history')
	},
	{ name: 'clause-committee', account: 'committee', path: reading(CLAUSE_PATH), ready: '.committee-only-badge' },
	// Only committee-only comments on this clause: a visitor sees how many there are, not what they say.
	{ name: 'clause-visitor', account: null, path: reading(CLAUSE_PATH), ready: '.committee-only-count' },
	// The liaison summaries' reported counts beside the on-platform ones (ReportedCountsBeside.svelte): the demo's summaries are on version 1.
	{ name: 'clause-reported-counts', account: null, path: reading(`${CLAUSE_PATH}?version=1`), ready: '.reported-counts-beside', locales: RESULT_LOCALES },
	{ name: 'clause-history', account: null, path: reading(`${C}/clauses/harassment/history`), ready: 'h1' },
	{ name: 'changes', account: null, path: reading(`${C}/changes`), ready: '.rendered-diff' },
	{ name: 'heard', account: null, path: reading(`${C}/versions/2/heard`), ready: 'h1', locales: RESULT_LOCALES },
	// What one language community said on version 1 (a right-to-left one: quotes, counts, summaries, answers).
	{ name: 'digest', account: null, path: plain(`${C}/versions/1/communities/ar`), ready: '.digest-clause', locales: RESULT_LOCALES },
	{ name: 'results', account: null, path: plain(`${C}/results`), ready: 'h1', locales: LOCALES },
	{ name: 'summary', account: null, path: () => summaryPath, ready: 'h1' },
	{ name: 'export', account: null, path: plain(`${C}/export`), ready: 'h1' },
	{ name: 'export-committee', account: 'committee', path: plain(`${C}/export`), ready: 'h1' },
	{ name: 'login', account: null, path: plain('/login'), ready: '#password' },
	{ name: 'signup', account: null, path: plain('/signup'), ready: '#languages', locales: LOCALES },
	// The language picker's search list open, after typing part of a name (JavaScript on).
	{
		name: 'signup-language-search',
		account: null,
		path: plain('/signup'),
		ready: '[role="combobox"]#languages',
		locales: LOCALES,
		prepare: async (page) => {
			await page.locator('#languages').fill('');
			await page.locator('#languages').pressSequentially('por');
			await page.locator('#languages-listbox:not([hidden])').waitFor();
		}
	},
	{ name: 'locale', account: null, path: plain('/locale'), ready: 'h1' },
	{ name: 'account-deleted', account: null, path: plain('/account-deleted'), ready: 'h1' },
	{ name: 'logout', account: 'participant', path: plain('/logout'), ready: 'h1' },
	{ name: 'profile', account: 'participant', path: plain('/profile'), ready: 'h1', locales: LOCALES },
	{ name: 'profile-data', account: 'participant', path: plain('/profile/data'), ready: 'h1' },
	{ name: 'profile-delete', account: 'participant', path: plain('/profile/delete'), ready: 'h1' },
	{ name: 'account-security', account: 'participant', path: plain('/account/security'), ready: 'h1' },
	// Committee
	{ name: 'dashboard', account: 'committee', path: plain(`${C}/dashboard`), ready: 'h1', locales: RESULT_LOCALES },
	{ name: 'inbox', account: 'committee', path: plain(`${C}/inbox`), ready: '.inbox-counts', locales: RESULT_LOCALES },
	{ name: 'inbox-filtered', account: 'committee', path: plain(`${C}/inbox?lang=fa`), ready: '.inbox-filter' },
	{ name: 'draft', account: 'committee', path: plain(`${C}/draft`), ready: 'h1' },
	{ name: 'import', account: 'committee', path: plain(`${C}/import`), ready: 'h1' },
	// Moderators
	{ name: 'moderation', account: 'moderator', path: plain(`${C}/moderation`), ready: 'h1' },
	{ name: 'moderation-hidden', account: 'moderator', path: plain(`${C}/moderation?view=hidden`), ready: 'h1' },
	// Administrators
	{ name: 'audit', account: 'admin', path: plain(`${C}/audit`), ready: 'h1' },
	{ name: 'audit-site', account: 'admin', path: plain('/audit'), ready: 'h1' },
	{ name: 'roles', account: 'admin', path: plain(`${C}/roles`), ready: 'h1' },
	{ name: 'settings', account: 'admin', path: plain(`${C}/settings`), ready: '#closes-at' },
	{ name: 'new-consultation', account: 'admin', path: plain('/consultations/new'), ready: 'h1' },
	// Liaisons and translators
	{ name: 'summaries', account: 'liaison_ar', path: plain(`${C}/summaries`), ready: 'h1' },
	{ name: 'summary-edit', account: 'liaison_ar', path: () => `${summaryPath}/edit`, ready: 'h1' },
	// The clauses with words from the digest to pull in, open.
	{
		name: 'summary-edit-picks',
		account: 'liaison_ar',
		path: () => `${summaryPath}/edit`,
		ready: 'details.digest-picks',
		prepare: openAll('details.entry-details:has(details.digest-picks), details.digest-picks')
	},
	{ name: 'translate', account: 'translator_ar', path: plain(`${C}/translate`), ready: 'h1' },
	{ name: 'translate-language', account: 'translator_ar', path: plain(`${C}/translate/ar`), ready: 'h1' },
	{ name: 'translate-clause', account: 'translator_ar', path: plain(`${C}/translate/ar/harassment`), ready: 'h1' },
	// The title, description, notes, answers and key points beside their Arabic translations (translations/texts.ts).
	// Comments across languages: a French comment shown in Arabic (the translator_ar account reads Arabic first), its original open.
	{
		name: 'clause-translations',
		account: 'translator_ar',
		path: plain(`${C}/clauses/enforcement?version=1`),
		ready: '.featured-translation',
		prepare: openAll('.featured-translation details.original-text')
	},
	{
		name: 'waiting',
		account: 'translator_ar',
		path: plain(`${C}/translate/waiting/ar`),
		ready: '.waiting-list',
		prepare: async (page) => {
			await page.evaluate(() => document.querySelector<HTMLDetailsElement>('details.waiting-translate')?.setAttribute('open', ''));
		}
	},
	{ name: 'translate-texts', account: 'translator_ar', path: plain(`${C}/translate/texts/ar`), ready: 'form[action="?/save"]' },
	// An outdated translation: what changed in the source since, as a rendered diff.
	{ name: 'translate-clause-outdated', account: 'translator_ar', path: plain(`${C}/translate/ar/enforcement`), ready: '.rendered-diff' }
];

let server: RunningServer;
let browser: Browser;
/** One browser context per (account, UI locale), signed in once and shared by that account's pages. */
const contexts = new Map<string, Promise<BrowserContext>>();

/**
 * Signs in through the log-in form. Waits for the signed-in header rather than for a navigation: the
 * form posts natively before hydration and through `use:enhance` after it, and only the first fires `load`.
 */
async function signIn(context: BrowserContext, account: string): Promise<void> {
	const page = await context.newPage();
	try {
		await page.goto(`${server.url}/login?redirectTo=%2F`);
		await page.waitForLoadState('networkidle');
		await page.locator('#username').fill(account);
		await page.locator('#password').fill(DEMO_PASSWORD);
		await page.locator('main form button[type="submit"]').click();
		await page.locator('header form[action="/logout"]').waitFor();
	} finally {
		await page.close();
	}
}

function contextFor(account: Account, locale: Locale): Promise<BrowserContext> {
	const key = `${account ?? '-'}:${locale}`;
	let context = contexts.get(key);
	if (!context) {
		context = (async () => {
			// Accept-Language chooses the UI locale without saving it on the account.
			const ctx = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': locale }, viewport: WIDTHS[0] });
			if (account) await signIn(ctx, account);
			return ctx;
		})();
		// A failed sign-in fails that test only; the next one tries again.
		context.catch(() => contexts.delete(key));
		contexts.set(key, context);
	}
	return context;
}

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const page = await (await contextFor('liaison_ar', 'en')).newPage();
	await page.goto(`${server.url}${C}/summaries`);
	const edit = await page.locator('a[href$="/edit"]').first().getAttribute('href');
	await page.close();
	expect(edit).toMatch(/\/summaries\/\d+\/edit$/);
	summaryPath = edit!.replace(/\/edit$/, '');
});

afterAll(async () => {
	for (const context of contexts.values()) await context.then((c) => c.close()).catch(() => {});
	await browser?.close();
	await server?.stop();
});

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];
function describeViolations(list: Violations): string {
	return list
		.map(
			(v) =>
				`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
				v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')
		)
		.join('\n');
}

describe('every page, screenshot and axe-core, in English and Arabic at desktop and phone width', () => {
	for (const locale of LOCALES) {
		for (const shot of SHOTS.filter((s) => (s.locales ?? DEFAULT_LOCALES).includes(locale))) {
			it(`${shot.name} (${locale})`, async () => {
				const page = await (await contextFor(shot.account, locale)).newPage();
				const problems: string[] = [];
				try {
					for (const size of WIDTHS) {
						const label = `${shot.name}-${locale}-${size.width}`;
						await page.setViewportSize(size);
						const response = await page.goto(`${server.url}${shot.path(locale)}`);
						expect(response?.status(), label).toBe(200);
						await page.waitForLoadState('networkidle');
						await page.locator(shot.ready).first().waitFor();
						expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr' });
						if (shot.prepare) await shot.prepare(page);

						const file = join(SCREENSHOT_DIR, `${label}.png`);
						rmSync(file, { force: true });
						await page.screenshot({ path: file, fullPage: true });
						expect(statSync(file).size).toBeGreaterThan(10_000);

						// Nothing may stick out sideways and make the page scroll horizontally.
						const overflow = await page.evaluate(
							() => document.documentElement.scrollWidth - document.documentElement.clientWidth
						);
						if (overflow > 0) problems.push(`${label}: the page scrolls sideways by ${overflow}px`);

						// Ids axe does not flag: one id on two elements, and labels naming an id that is not there.
						const idProblems = await page.evaluate(() => {
							const seen = new Map<string, number>();
							for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
							const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `id "${id}" ×${n}`);
							const dangling = [...document.querySelectorAll('label[for]')]
								.map((l) => l.getAttribute('for')!)
								.filter((id) => !document.getElementById(id))
								.map((id) => `label for="${id}" names no element`);
							return [...duplicates, ...dangling];
						});
						for (const p of idProblems) problems.push(`${label}: ${p}`);

						const results = await new AxeBuilder({ page }).analyze();
						const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
						const minor = results.violations.filter((v) => !serious.includes(v));
						if (minor.length) console.log(`axe, ${label}, minor/moderate:\n${describeViolations(minor)}`);
						if (serious.length) problems.push(`axe, ${label}, serious/critical:\n${describeViolations(serious)}`);
					}
					expect(problems, problems.join('\n')).toEqual([]);
				} finally {
					await page.close();
				}
			});
		}
	}
});
