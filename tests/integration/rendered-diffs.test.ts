// Issue 13, item 2 over the built server, on the demo (version 1 → 2): diffs are formatted text
// (no Markdown syntax left), with <ins>/<del> that say what they are, in the reader's language when
// both versions of a clause are translated into it — else the original, with a notice and a link to
// the clause's history in that language. The changes page, clause history, "what we heard" and the
// translator's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/mode';

const C = '/consultations/code-of-conduct';
/** Both versions of this clause have an Arabic and a Spanish translation (demo/version2.json). */
const TRANSLATED = 'off-platform';
/** Changed in version 2 with no new translation: the Arabic one carried over is outdated. */
const UNTRANSLATED = 'enforcement';

let server: RunningServer;
let visitor: Client;

beforeAll(async () => {
	server = await startServer({ demo: true });
	visitor = new Client(server.url);
});
afterAll(async () => {
	await server?.stop();
});

async function page(client: Client, path: string, headers: Record<string, string> = {}): Promise<string> {
	const response = await client.get(path, headers);
	expect(response.status, path).toBe(200);
	return response.text();
}

/** One entry of the changes page's list. */
function entry(html: string, key: string): string {
	const start = html.indexOf(`id="change-${key}"`);
	expect(start, key).toBeGreaterThan(0);
	const end = html.indexOf('<li class="change ', start + 1);
	return html.slice(start, end < 0 ? html.indexOf('</ol>', start) : end);
}

/** The rendered diff in a piece of page: its language and its HTML. */
function renderedDiff(html: string): { lang: string; html: string } {
	const match = /<div class="prose rendered-diff" lang="([^"]+)" dir="auto">([\s\S]*?)<\/div>/.exec(html);
	expect(match, 'a rendered diff').not.toBeNull();
	return { lang: match![1], html: match![2] };
}

/** What a reader sees: no tags, no screen-reader-only labels. */
const visibleText = (html: string) =>
	html
		.replace(/<span class="visually-hidden"[^>]*>[^<]*<\/span>/g, '')
		.replace(/<[^>]*>/g, '')
		.replace(/&amp;/g, '&');

function expectNoMarkdown(html: string) {
	const text = visibleText(html);
	expect(text).not.toContain('**');
	expect(text).not.toContain('*');
	expect(text).not.toMatch(/^\s*- /m);
}

describe('the changes page', () => {
	it('shows an Arabic reader the diff between the two Arabic translations, formatted, with spoken marks in Arabic', async () => {
		const html = await page(visitor, `${C}/changes?from=1&to=2`, { 'accept-language': 'ar' });
		expect(html).toMatch(/<html lang="ar" dir="rtl"/);
		const item = entry(html, TRANSLATED);
		const diff = renderedDiff(item);
		expect(diff.lang).toBe('ar');
		// Words of the two Arabic translations, marked; none of the English original.
		expect(diff.html).toMatch(/<ins class="diff-added"><span class="visually-hidden" lang="ar" dir="rtl">مضاف: <\/span>[^<]*وأن/);
		expect(diff.html).toMatch(/<del class="diff-removed"><span class="visually-hidden" lang="ar" dir="rtl">محذوف: <\/span>/);
		expect(visibleText(diff.html)).toContain('مجموعة دردشة خاصة');
		expect(visibleText(diff.html)).not.toMatch(/directly connected|Behaviour/);
		// Formatting rendered: the bold and italic words and the list are elements, not Markdown.
		expect(diff.html).toContain('<em>مرتبطًا ارتباطًا مباشرًا</em>');
		expect(diff.html).toMatch(/<strong><ins class="diff-added">/);
		expect(diff.html).toMatch(/<ul>\s*<li>/);
		expectNoMarkdown(diff.html);
		expect(item).toContain('التغييرات بين الترجمتين إلى اللغة: العربية.');
		// The clause's heading is the Arabic one.
		expect(item).toContain('<span lang="ar" dir="auto">السلوك خارج فضاءات المشروع</span>');
		// No Markdown anywhere in the list of changes.
		expectNoMarkdown(html.slice(html.indexOf('<ol class="change-list"'), html.indexOf('</ol>', html.lastIndexOf('id="change-'))));
	});

	it('shows the original with a notice and a link to the clause’s history in Arabic when a version has no current translation', async () => {
		const html = await page(visitor, `${C}/changes?from=1&to=2`, { 'accept-language': 'ar' });
		const item = entry(html, UNTRANSLATED);
		expect(item).toContain('هذا البند غير مترجم إلى اللغة: العربية في النسختين كلتيهما، لذا تظهر تغييراته في النص الأصلي باللغة: الإنجليزية.');
		expect(item).toContain(`href="${C}/clauses/${UNTRANSLATED}/history?lang=ar"`);
		const diff = renderedDiff(item);
		expect(diff.lang).toBe('en');
		expect(visibleText(diff.html)).toContain('the global enforcement team must review any such action within seven days');
		expect(diff.html).toContain('<strong>global enforcement team</strong>');
		expectNoMarkdown(diff.html);
	});

	it('compares the Spanish translations for a Spanish reader, and the originals for an English one', async () => {
		const es = renderedDiff(entry(await page(visitor, `${C}/changes?from=1&to=2&lang=es`), TRANSLATED));
		expect(es.lang).toBe('es');
		expect(visibleText(es.html)).toContain('directamente relacionado');
		expectNoMarkdown(es.html);

		const en = await page(visitor, `${C}/changes?from=1&to=2`, { 'accept-language': 'en' });
		const diff = renderedDiff(entry(en, TRANSLATED));
		expect(diff.lang).toBe('en');
		expect(diff.html).toMatch(/<ins class="diff-added"><span class="visually-hidden" lang="en" dir="ltr">added: <\/span>/);
		expect(entry(en, TRANSLATED)).not.toContain('diff-language-notice');
		expectNoMarkdown(diff.html);
	});
});

describe('the clause history, what we heard and the translator’s page', () => {
	it('gives the history in Arabic, with the translated diff', async () => {
		const html = await page(visitor, `${C}/clauses/${TRANSLATED}/history?lang=ar`, { 'accept-language': 'ar' });
		const newest = html.slice(html.indexOf('id="version-2"'), html.indexOf('id="version-1"'));
		const diff = renderedDiff(newest);
		expect(diff.lang).toBe('ar');
		expect(visibleText(diff.html)).toContain('المجموعات الخاصة');
		expectNoMarkdown(diff.html);
		// The first version is shown as the Arabic text, formatted.
		expect(html.slice(html.indexOf('id="version-1"'))).toMatch(/<div class="prose change-body" lang="ar" dir="auto">[\s\S]*?<em>مرتبطًا ارتباطًا مباشرًا<\/em>/);

		const fallback = await page(visitor, `${C}/clauses/${UNTRANSLATED}/history?lang=ar`, { 'accept-language': 'ar' });
		expect(fallback).toContain('هذا البند غير مترجم إلى اللغة: العربية');
		expectNoMarkdown(renderedDiff(fallback.slice(fallback.indexOf('id="version-2"'))).html);
	});

	it('shows what changed in “what we heard” as the Arabic diff', async () => {
		const html = await page(visitor, `${C}/versions/2/heard`, { 'accept-language': 'ar' });
		const start = html.indexOf(`id="heard-${TRANSLATED}"`);
		const next = html.indexOf('<details class="heard-clause', start);
		const section = html.slice(start, next < 0 ? undefined : next);
		const diff = renderedDiff(section);
		expect(diff.lang).toBe('ar');
		expect(diff.html).toContain('<ins class="diff-added">');
		expectNoMarkdown(diff.html);
	});

	it('shows the translator what changed in the source, formatted', async () => {
		const translator = new Client(server.url, { 'accept-language': 'en' });
		await translator.logIn('translator_ar', DEMO_PASSWORD);
		const html = await page(translator, `${C}/translate/ar/${UNTRANSLATED}`);
		const diff = renderedDiff(html);
		expect(diff.lang).toBe('en');
		expect(diff.html).toMatch(/<ins class="diff-added"><span class="visually-hidden" lang="en" dir="ltr">added: <\/span>[^<]*and the global enforcement team must review/);
		expectNoMarkdown(diff.html);
	});
});
