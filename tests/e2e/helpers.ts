// Small helpers shared by the end-to-end tests (not a test file itself).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_SLUG = 'code-of-conduct';
export const DEMO_PASSWORD = 'polyphony-demo';
export const CONSULTATION_PATH = `/consultations/${DEMO_SLUG}`;
export const CLAUSE_PATH = `${CONSULTATION_PATH}/clauses/harassment`;

/** The demo's Arabic translation of a clause, read from the file the demo is built from. */
export function arabicClause(key: string): { heading: string; body: string } {
	const file = JSON.parse(readFileSync(resolve(ROOT, 'src/lib/server/demo/translations.ar.json'), 'utf8')) as Record<string, { heading: string; body: string } | undefined>;
	const clause = file[key];
	if (!clause) throw new Error(`no Arabic translation for ${key}`);
	return clause;
}

/** A short id that differs between runs and between calls. */
let counter = 0;
export function unique(prefix: string): string {
	counter += 1;
	return `${prefix}${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1000)}`;
}

/** The first number in a text, whatever the digits (Latin, Arabic-Indic, Persian). */
export function firstNumber(text: string): number {
	const latin = text
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
	const match = /\d+/.exec(latin.replace(/(\d)[\u066c,.\s\u00a0\u202f](?=\d{3}\b)/g, '$1'));
	if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
	return Number(match[0]);
}

function latinDigits(text: string): string {
	return text
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(/\s+/g, ' ')
		.trim();
}

/** A message of the UI catalog in messages/<locale>.json, by dotted key (undefined when missing). */
export function message(locale: string, key: string): string | undefined {
	const catalog: unknown = JSON.parse(readFileSync(resolve(ROOT, 'messages', `${locale}.json`), 'utf8'));
	let node: unknown = catalog;
	for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
	return typeof node === 'string' ? node : undefined;
}

/** A plural message rendered the way i18next does: the CLDR category of `count` picks the form. */
export function renderCount(locale: string, key: string, count: number): string | undefined {
	const category = new Intl.PluralRules(locale).select(count);
	const template = message(locale, `${key}_${category}`) ?? message(locale, `${key}_other`);
	return template
		?.replaceAll('{{formatted}}', new Intl.NumberFormat(locale).format(count))
		.replaceAll('{{count}}', String(count));
}

/**
 * The number a plural count message shows, in any locale: some forms have no digits at all
 * (Arabic "معارض واحد" is 1), so the text is matched against the catalog's forms for 0…999.
 * NaN when nothing matches (e.g. a raw message key on the page).
 */
export function countFromText(locale: string, key: string, text: string): number {
	const shown = latinDigits(text);
	for (let n = 0; n < 1000; n++) {
		const expected = renderCount(locale, key, n);
		if (expected !== undefined && latinDigits(expected) === shown) return n;
	}
	return Number.NaN;
}

export async function htmlLangDir(page: Page): Promise<{ lang: string | null; dir: string | null }> {
	const html = page.locator('html');
	return { lang: await html.getAttribute('lang'), dir: await html.getAttribute('dir') };
}

/** Logs in through the form at /login?redirectTo=…, and waits until the target page is reached. */
export async function logIn(page: Page, baseUrl: string, username: string, redirectTo = '/'): Promise<void> {
	await page.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
	await page.locator('#username').fill(username);
	await page.locator('#password').fill(DEMO_PASSWORD);
	await page.locator('main form button[type="submit"]').click();
	const target = new URL(redirectTo, baseUrl);
	await page.waitForURL((url) => url.pathname === target.pathname);
	await page.waitForLoadState('networkidle');
	// The header now offers the profile and log-out instead of log-in.
	await page.locator('header form[action="/logout"]').waitFor();
}

async function nextFrames(page: Page, n: number): Promise<void> {
	for (let i = 0; i < n; i++) {
		await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
	}
}

/**
 * Clicks a submit button of an enhanced form (JavaScript on) and waits until its POST has finished,
 * the requests it set off (e.g. invalidation) have finished too, and the page has rendered: for
 * checks whose expected outcome is that nothing visible changes.
 */
export async function submitAndSettle(page: Page, click: () => Promise<void>, actionPart: string): Promise<void> {
	const inflight = new Set<unknown>();
	const add = (r: unknown) => inflight.add(r);
	const remove = (r: unknown) => inflight.delete(r);
	page.on('request', add);
	page.on('requestfinished', remove);
	page.on('requestfailed', remove);
	try {
		const posted = page.waitForEvent('requestfinished', (r) => r.method() === 'POST' && r.url().includes(actionPart));
		await click();
		await posted;
		await nextFrames(page, 2);
		while (inflight.size > 0) {
			await Promise.race([page.waitForEvent('requestfinished'), page.waitForEvent('requestfailed')]);
		}
		await nextFrames(page, 2);
	} finally {
		page.off('request', add);
		page.off('requestfinished', remove);
		page.off('requestfailed', remove);
	}
}
