// Reading the consultation in the Arabic interface (issue 13, "Done when"): the consultation page
// and the changes page in Arabic, the changes shown as the diff between the two Arabic translations
// of a clause — formatted text with its insertions and deletions marked, never Markdown syntax.
// The demo's Arabic translations are written in Markdown (`**وأن**`, `*مرتبطًا ارتباطًا مباشرًا*`,
// `- ` bullets): shown raw, their markers would be in the visible text this test reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, htmlLangDir, ROOT } from './helpers';

/** Both versions of this clause have a current Arabic translation (demo/translations.ar.json, demo/version2.json). */
const TRANSLATED = 'off-platform';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
	// The Arabic interface, as a browser set to Arabic asks for it.
	context = await browser.newContext({ locale: 'ar' });
});
afterAll(async () => {
	await context?.close();
	await browser?.close();
	await server?.stop();
});

/** The demo's Arabic title and the version-2 Arabic translation of a clause, from the files the demo is built from. */
function demoArabic(): { title: string; clause: { heading: string; body: string } } {
	const read = (file: string): unknown => JSON.parse(readFileSync(resolve(ROOT, 'src/lib/server/demo', file), 'utf8'));
	const { texts } = read('texts.json') as { texts: { kind: string; translations: Record<string, string> }[] };
	const v2 = read('version2.json') as { translations: Record<string, Record<string, { heading: string; body: string }>> };
	return { title: texts.find((t) => t.kind === 'consultation-title')!.translations.ar, clause: v2.translations.ar[TRANSLATED] };
}

/**
 * Markdown syntax left in a text as a reader sees it: `**` or `__`, a line that starts with a
 * `- ` or `* ` bullet, or a lone `*` / `_` used for emphasis (against a word on one side, space or
 * the text's edge on the other).
 */
function markdownLeft(text: string): string[] {
	const found: string[] = [];
	for (const [name, pattern] of [
		['**', /\*\*/],
		['__', /__/],
		['a "- " bullet', /^[ \t]*- /m],
		['a "* " bullet', /^[ \t]*\* /m],
		['an emphasis *', /(?:^|[\s(«"'])\*[^\s*]|[^\s*]\*(?:$|[\s).,;:!?،؛»"'])/mu],
		['an emphasis _', /(?:^|[\s(«"'])_[^\s_]|[^\s_]_(?:$|[\s).,;:!?،؛»"'])/mu]
	] as const) {
		const match = pattern.exec(text);
		if (match) found.push(`${name}: …${text.slice(Math.max(0, match.index - 30), match.index + 30)}…`);
	}
	return found;
}

async function visit(page: Page, path: string): Promise<void> {
	const response = await page.goto(`${server.url}${path}`);
	expect(response?.status(), path).toBe(200);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
}

describe('a reader of Arabic', () => {
	it('reads the consultation page in Arabic, with no Markdown syntax in what it shows', async () => {
		const page = await context.newPage();
		await visit(page, `${CONSULTATION_PATH}?lang=ar`);
		const { title } = demoArabic();
		const heading = page.locator('main h1');
		expect(await heading.innerText()).toBe(title);
		expect(await heading.getAttribute('lang')).toBe('ar');
		expect(markdownLeft(await page.locator('main').innerText())).toEqual([]);
		await page.close();
	});

	it('sees on the changes page the diff between the two Arabic translations, formatted, with insertions and deletions marked', async () => {
		const page = await context.newPage();
		await visit(page, `${CONSULTATION_PATH}/changes?from=1&to=2&lang=ar`);
		const { clause } = demoArabic();
		const entry = page.locator(`#change-${TRANSLATED}`);
		expect(await entry.locator('.change-heading').innerText()).toContain(clause.heading);

		const diff = entry.locator('.rendered-diff');
		expect(await diff.getAttribute('lang')).toBe('ar');
		// Insertions and deletions are marked, visibly (underlined / struck through) and for screen readers.
		const ins = diff.locator('ins.diff-added');
		const del = diff.locator('del.diff-removed');
		expect(await ins.count()).toBeGreaterThan(0);
		expect(await del.count()).toBeGreaterThan(0);
		expect(await ins.first().isVisible()).toBe(true);
		expect(await del.first().isVisible()).toBe(true);
		const decoration = (el: Element) => getComputedStyle(el).textDecorationLine;
		expect(await del.first().evaluate(decoration)).toContain('line-through');
		expect(await ins.first().locator('.visually-hidden').first().textContent()).toBe('مضاف: ');
		// Formatting rendered: the emphasis, the bold word and the list are elements.
		expect(await diff.locator('em', { hasText: 'مرتبطًا ارتباطًا مباشرًا' }).count()).toBe(1);
		expect(await diff.locator('strong').count()).toBeGreaterThan(0);
		expect(await diff.locator('ul > li').count()).toBeGreaterThanOrEqual(3);
		// The Arabic text of the clause, not the English original.
		const shown = await diff.innerText();
		expect(shown).toContain('مضايقة أحد المساهمين على وسائل التواصل الاجتماعي بسبب تعديلاته');
		expect(shown).toContain('مرتبطًا ارتباطًا مباشرًا');
		expect(shown).not.toMatch(/directly connected|project spaces/);
		// What the reader sees of the whole page: no Markdown syntax anywhere.
		const main = await page.locator('main').innerText();
		expect(markdownLeft(main)).toEqual([]);
		// The check itself: the translation's own Markdown would be caught.
		expect(markdownLeft(clause.body).length).toBeGreaterThanOrEqual(3);
		await page.close();
	});
});
