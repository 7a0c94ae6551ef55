// Comments across languages in the Arabic interface (issue 13, item 3 and its "Done when"): a
// participant who declared Arabic and French translates a French comment; an Arabic reader then sees
// the translation labelled as such with the original one click away. And over the main pages: every
// piece of text is in the language its closest `lang` says — user content carries its own declared
// language, the interface text is in <html lang> — checked by the script its letters are written in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { Client } from '../support/http';
import { CONSULTATION_PATH, DEMO_PASSWORD, htmlLangDir, logIn, unique } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const CLAUSE = `${CONSULTATION_PATH}/clauses/harassment`;

/** A browser context in the Arabic interface (Accept-Language: ar), signed in as `username`. */
async function arabicReader(username: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'ar' });
	const page = await context.newPage();
	await logIn(page, server.url, username, CLAUSE);
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
	return { context, page };
}

describe('a French comment translated into Arabic by a bilingual participant', () => {
	it('is shown to an Arabic reader as a translation, labelled, with the original one click away', async () => {
		// Théo, who writes French only, comments on the clause.
		const french = `Il faudrait préciser ce qu’est une « conduite persistante ». ${unique('')}`;
		const theo = new Client(server.url);
		await theo.logIn('theo_b', DEMO_PASSWORD);
		const revision = /name="revision" value="(\d+)"/.exec(await (await theo.get(CLAUSE)).text())![1];
		expect((await theo.post(`${CLAUSE}?/comment`, { revision, body: french, language: 'fr' })).status).toBe(200);

		// Youssef declared Arabic and French: in the Arabic interface he translates it into Arabic.
		const youssef = await arabicReader('youssef_k');
		const comment = youssef.page.locator('article.comment', { hasText: french });
		await comment.waitFor();
		const id = (await comment.getAttribute('id'))!.replace('comment-', '');
		await comment.locator('details.comment-translations > summary').click();
		await comment.locator(`#translate-${id}-language`).selectOption('ar');
		const arabic = 'ينبغي توضيح المقصود بـ«السلوك المستمر».';
		await comment.locator(`#translate-${id}-body`).fill(arabic);
		await comment.locator(`#translate-${id} button[type="submit"]`).click();
		await youssef.page.locator(`#translate-${id}-result`).waitFor();
		await youssef.context.close();

		// Amina reads Arabic and English, not French.
		const amina = await arabicReader('amina');
		const shown = amina.page.locator(`#comment-${id}`);
		const translated = shown.locator('.featured-translation .translated-body');
		await expect.poll(() => translated.innerText()).toBe(arabic);
		expect(await translated.getAttribute('lang')).toBe('ar');
		// Labelled as a translation, by whom and from which language, in the interface language.
		const label = await shown.locator('.translation-label').innerText();
		expect(label).toContain('مترجم من الفرنسية بواسطة');
		expect(label).toContain('Youssef Karim');
		// The original is one click away, in its own language.
		const original = shown.locator('.featured-translation details.original-text');
		const originalBody = original.locator('.comment-body[lang="fr"]');
		expect(await originalBody.isVisible()).toBe(false);
		await original.locator('summary').click();
		await expect.poll(() => originalBody.isVisible()).toBe(true);
		expect(await originalBody.innerText()).toContain('conduite persistante');
		await amina.context.close();
	});
});

/** Which script a language is written in, for the languages of the demo. */
const SCRIPT: Record<string, string> = { ar: 'Arabic', fa: 'Arabic', hi: 'Devanagari', 'zh-Hans': 'Han', en: 'Latin', es: 'Latin', fr: 'Latin', pt: 'Latin' };

/**
 * Every text node of the page whose letters are mostly in a script other than that of its closest
 * `lang`: user content without (or with the wrong) `lang`, or interface text in another
 * language than <html lang>. People's names (in <bdi>, their language undeclared) and machine
 * identifiers (<code>, <kbd>) are left out; a node needs three letters to count.
 */
async function misplacedText(page: Page): Promise<string[]> {
	return page.evaluate((scripts) => {
		const out: string[] = [];
		const patterns: Record<string, RegExp> = {
			Arabic: /\p{Script=Arabic}/gu,
			Latin: /\p{Script=Latin}/gu,
			Devanagari: /\p{Script=Devanagari}/gu,
			Han: /\p{Script=Han}/gu
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('script, style, bdi, code, kbd, svg, noscript, .person-username')) continue;
			const text = (node.textContent ?? '')
				// A name embedded in a sentence, isolated (FSI/LRI/RLI … PDI): its language is its own.
				.replace(/[\u2066\u2067\u2068][^\u2069]*\u2069/g, ' ')
				.replace(/\b(Polyphony|Markdown|wikitext|JSON|CSV|XLSX)\b/g, ' ');
			let best = '';
			let most = 0;
			for (const [script, re] of Object.entries(patterns)) {
				const n = text.match(re)?.length ?? 0;
				if (n > most) [best, most] = [script, n];
			}
			if (most < 3) continue;
			const lang = parent.closest('[lang]')?.getAttribute('lang') ?? '';
			const expected = scripts[lang];
			if (expected !== best) out.push(`${lang || '(none)'} ≠ ${best}: ${text.trim().slice(0, 80)} [${parent.tagName.toLowerCase()}.${parent.className}]`);
		}
		// And every element holding user-written text carries a `lang` of its own (not inherited from the
		// page); for a comment or reason, the one its language badge declares, unless it is a translation.
		for (const el of document.querySelectorAll('.comment-body, .reason-text, .clause-body, .translated-body, .quote-original, .key-points')) {
			const own = el.getAttribute('lang');
			if (!own) out.push(`(no lang) ${el.className}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
			const item = el.closest('article.comment, li.reason');
			const declared = item?.querySelector(':scope > .comment-meta .lang-badge, :scope > header .lang-badge')?.getAttribute('lang');
			const translation = el.closest('.featured-translation .translated-body, .comment-translation');
			if (declared && own && !translation && !el.closest('.original-text, .comment-history') && own !== declared) {
				out.push(`${own} ≠ declared ${declared}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
			}
		}
		return out;
	}, SCRIPT);
}

describe('the lang attribute on the main pages, in the Arabic interface', () => {
	it('marks every piece of user content with its declared language and keeps the interface text Arabic', async () => {
		const api = async (path: string): Promise<unknown> => (await fetch(`${server.url}/api/v1/consultations/code-of-conduct${path}`)).json();
		const { summaries } = (await api('/versions/1/summaries')) as { summaries: { id: number }[] };
		const pages = [
			CONSULTATION_PATH,
			CLAUSE,
			`${CONSULTATION_PATH}/clauses/enforcement?version=1`,
			`${CONSULTATION_PATH}/clauses/off-platform`,
			`${CONSULTATION_PATH}/results`,
			`${CONSULTATION_PATH}/versions/1/heard`,
			`${CONSULTATION_PATH}/summaries/${summaries[0].id}`,
			`${CONSULTATION_PATH}/versions/1/communities/fr`,
			`${CONSULTATION_PATH}/changes`
		];
		const amina = await arabicReader('amina');
		const problems: string[] = [];
		for (const path of pages) {
			const response = await amina.page.goto(`${server.url}${path}`);
			expect(response?.status(), path).toBe(200);
			expect(await htmlLangDir(amina.page)).toEqual({ lang: 'ar', dir: 'rtl' });
			for (const p of await misplacedText(amina.page)) problems.push(`${path}: ${p}`);
		}
		await amina.context.close();
		expect(problems).toEqual([]);
	});
});
