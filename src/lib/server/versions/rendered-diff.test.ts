import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import xss from '../../../../tests/fixtures/xss-payloads.json';
import { createTestDb, makeConsultation, type TestDb } from '../../../../tests/support/db';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { readClause, upsertTranslation } from '../clauses/service';
import { renderedDiff, withSpokenMarks, type DiffMarkLabels } from './rendered-diff';
import { currentTranslationsOfVersion, readerDiff } from './reader-diff';

const VOID = new Set(['br', 'hr']);

/** Fails unless every element is closed in order (what a browser would otherwise repair silently). */
function expectBalanced(html: string) {
	const stack: string[] = [];
	for (const [, slash, name] of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)[^>]*>/gi)) {
		const tag = name.toLowerCase();
		if (VOID.has(tag)) continue;
		if (!slash) stack.push(tag);
		else expect(stack.pop(), `</${tag}> in ${html}`).toBe(tag);
	}
	expect(stack, html).toEqual([]);
	// No <li> outside a list, no block inside a paragraph, no words directly inside a list.
	expect(html).not.toMatch(/<p>(?:(?!<\/p>).)*<(p|ul|ol|li|blockquote)[ >]/s);
	expect(html).not.toMatch(/<(ul|ol)>\s*[^<\s]/);
}

/** The visible text: tags removed, entities decoded. */
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const marked = (html: string, mark: 'ins' | 'del') =>
	[...html.matchAll(new RegExp(`<diff-${mark}>(.*?)</diff-${mark}>`, 'gs'))].map((m) => text(m[1])).join('|');

function expectNoMarkdownSyntax(html: string) {
	const visible = text(html);
	expect(visible).not.toMatch(/\*|__|~~|\]\(|^\s*[-+] /m);
}

describe('renderedDiff', () => {
	it('marks a changed word inside bold text, keeping it bold and without the ** markers', () => {
		const html = renderedDiff('It sets a **shared baseline**: stricter rules only.', 'It sets a **common baseline**: stricter rules only.', 'en');
		expect(html).toBe('<p>It sets a <strong><diff-del>shared</diff-del><diff-ins>common</diff-ins> baseline</strong>: stricter rules only.</p>\n');
		expectBalanced(html);
		expectNoMarkdownSyntax(html);
	});

	it('shows an added list item as a list item of its own, and a removed one struck through in its place', () => {
		const added = renderedDiff('Cases:\n\n- harassment;\n- threats.', 'Cases:\n\n- harassment;\n- doxxing;\n- threats.', 'en');
		expect(added).toContain('<li><diff-ins>doxxing;</diff-ins></li>');
		expect((added.match(/<li>/g) ?? []).length).toBe(3);
		expectBalanced(added);
		expectNoMarkdownSyntax(added);

		const removed = renderedDiff('Cases:\n\n- harassment;\n- doxxing;\n- threats.', 'Cases:\n\n- harassment;\n- threats.', 'en');
		expect(removed).toContain('<li><diff-del>doxxing;</diff-del></li>');
		expect((removed.match(/<li>/g) ?? []).length).toBe(3);
		expectBalanced(removed);
	});

	it('shows a changed link as the old link removed and the new one added, each with its own address', () => {
		const html = renderedDiff('Read [the policy](https://old.example/policy).', 'Read [the policy](https://new.example/policy).', 'en');
		expect(html).toContain('<a href="https://old.example/policy" rel="nofollow ugc noopener"><diff-del>the policy</diff-del></a>');
		expect(html).toContain('<a href="https://new.example/policy" rel="nofollow ugc noopener"><diff-ins>the policy</diff-ins></a>');
		expectBalanced(html);
		expectNoMarkdownSyntax(html);
	});

	it('marks a deletion that spans formatting in each element it crosses, and a formatting change as removed then added', () => {
		const html = renderedDiff('Keep **the whole *shared* baseline** and the rest.', 'Keep the rest.', 'en');
		expect(marked(html, 'del')).toBe('the whole |shared| baseline| and');
		expect(html).toContain('<strong><diff-del>the whole </diff-del><em><diff-del>shared</diff-del></em>');
		expect(text(html)).toBe('Keep the whole shared baseline and the rest.\n');
		expectBalanced(html);
		expectNoMarkdownSyntax(html);

		const bolded = renderedDiff('A shared baseline.', 'A **shared baseline**.', 'en');
		expect(marked(bolded, 'del')).toBe('shared baseline');
		expect(bolded).toContain('<strong><diff-ins>shared baseline</diff-ins></strong>');
		expectNoMarkdownSyntax(bolded);
	});

	it('diffs Arabic and Chinese word by word, inside their formatting', () => {
		const ar = renderedDiff('وهي تحدد **حدًّا أدنى مشتركًا** للجميع.', 'وهي تحدد **حدًّا أدنى موحّدًا** للجميع.', 'ar');
		expect(marked(ar, 'del')).toBe('مشتركًا');
		expect(marked(ar, 'ins')).toBe('موحّدًا');
		expect(ar).toContain('<strong>حدًّا أدنى <diff-del>');
		expectBalanced(ar);
		expectNoMarkdownSyntax(ar);

		const zh = renderedDiff('我们欢迎**所有人**参与讨论。', '我们欢迎**每个人**参与讨论。', 'zh-Hans');
		expect(marked(zh, 'del')).toBe('所有人');
		expect(marked(zh, 'ins')).toBe('每个人');
		expectBalanced(zh);
	});

	it('closes direction controls within each run of text, so none crosses a mark', () => {
		const html = renderedDiff('Name \u202Eevil and more', 'Name \u202Egood and more', 'en');
		for (const run of html.split(/<[^>]*>/)) {
			const opens = (run.match(/[\u202A\u202B\u202D\u202E]/g) ?? []).length;
			expect((run.match(/\u202C/g) ?? []).length).toBe(opens);
		}
	});

	it('keeps every payload of the XSS corpus inert when it is in both versions', () => {
		const allowed = new Set(['p', 'br', 'hr', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'diff-ins', 'diff-del']);
		for (const { id, payload } of xss.payloads) {
			const html = renderedDiff(`Before ${payload} one **bold** end`, `After ${payload} two *it* end\n\n- ${payload}`, 'en');
			for (const [, name, attributes] of html.matchAll(/<\/?([a-z][a-z0-9-]*)([^>]*)>/gi)) {
				expect(allowed.has(name.toLowerCase()), `${id}: <${name}>`).toBe(true);
				for (const [, attribute, value] of attributes.matchAll(/([a-z-]+)="([^"]*)"/gi)) {
					expect(['href', 'rel', 'title', 'start', 'align'], `${id}: ${attribute}`).toContain(attribute);
					if (attribute === 'href') expect(value, id).toMatch(/^(https?:|mailto:)/i);
				}
			}
			expect(html, id).not.toMatch(/<(script|img|svg|iframe|object|embed|style|form|input|math)\b/i);
			expectBalanced(html);
			// The labelled form adds only our own spans.
			const spoken = withSpokenMarks(html, LABELS);
			expect(spoken.replace(/<span class="visually-hidden" lang="ar" dir="rtl">[^<]*<\/span>/g, '')).not.toMatch(/<span/);
		}
	});

	it('falls back to everything removed then everything added for a rewrite past the edit limit', () => {
		const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
		const html = renderedDiff(words(3000, 'a'), words(3000, 'b'), 'en');
		expect(marked(html, 'del').startsWith('a0 a1')).toBe(true);
		expect(marked(html, 'ins').startsWith('b0 b1')).toBe(true);
		expectBalanced(html);
	});
});

const LABELS: DiffMarkLabels = { locale: 'ar', dir: 'rtl', addedStart: 'مضاف:', addedEnd: 'نهاية الإضافة', removedStart: 'محذوف:', removedEnd: 'نهاية الحذف' };

describe('withSpokenMarks', () => {
	it('turns the marks into <ins>/<del> that say what they are in the reader’s language, and leaves the text’s own strike-through alone', () => {
		const html = withSpokenMarks(renderedDiff('Old ~~struck~~ word.', 'New ~~struck~~ word.', 'en'), LABELS);
		expect(html).toBe(
			'<p><del class="diff-removed"><span class="visually-hidden" lang="ar" dir="rtl">محذوف: </span>Old<span class="visually-hidden" lang="ar" dir="rtl"> نهاية الحذف</span></del>' +
				'<ins class="diff-added"><span class="visually-hidden" lang="ar" dir="rtl">مضاف: </span>New<span class="visually-hidden" lang="ar" dir="rtl"> نهاية الإضافة</span></ins> <del>struck</del> word.</p>\n'
		);
		expectBalanced(html);
	});
});

describe('readerDiff', () => {
	const from = { heading: 'Scope', body: 'Applies to **all** people.' };
	const to = { heading: 'Scope', body: 'Applies to **every** person.' };
	const fromAr = { heading: 'النطاق', body: 'تنطبق على **جميع** الناس.' };
	const toAr = { heading: 'النطاق', body: 'تنطبق على **كل** شخص.' };

	it('compares the two translations when both versions have a current one in the reader’s language', () => {
		const d = readerDiff({ sourceLanguage: 'en', language: 'ar', from, to, fromTranslation: fromAr, toTranslation: toAr });
		expect(d).toMatchObject({ language: 'ar', translated: true, untranslated: false, translationUnchanged: false });
		expect(marked(d.bodyHtml, 'del')).toBe('جميع| الناس');
		expect(text(d.bodyHtml)).not.toMatch(/all|every/);
	});

	it('compares the originals, and says so, when one of the versions has no current translation', () => {
		const d = readerDiff({ sourceLanguage: 'en', language: 'ar', from, to, fromTranslation: fromAr, toTranslation: null });
		expect(d).toMatchObject({ language: 'en', translated: false, untranslated: true });
		expect(marked(d.bodyHtml, 'ins')).toBe('every| person');
		const source = readerDiff({ sourceLanguage: 'en', language: 'en', from, to, fromTranslation: null, toTranslation: null });
		expect(source).toMatchObject({ language: 'en', translated: false, untranslated: false });
	});

	it('notices when the original changed but the translation stayed the same', () => {
		const d = readerDiff({ sourceLanguage: 'en', language: 'ar', from, to, fromTranslation: fromAr, toTranslation: fromAr });
		expect(d).toMatchObject({ translated: true, translationUnchanged: true });
		expect(d.bodyHtml).not.toMatch(/diff-(ins|del)/);
	});
});

describe('currentTranslationsOfVersion', () => {
	let t: TestDb;
	beforeEach(() => (t = createTestDb()));
	afterEach(() => t.close());

	it('gives the current translations only: one carried into a version whose source changed is outdated and left out', () => {
		const draft = (body: string) => `## 1 Purpose {#purpose}\n\n${body}\n\n## 2 Respect {#respect}\n\nTreat everyone with respect.\n`;
		const { consultation, version } = makeConsultation(t.db, { draft: draft('Why it exists.') });
		for (const key of ['purpose', 'respect']) {
			const revisionId = readClause(t.db, version.id, key, 'en', 'en')!.revisionId;
			upsertTranslation(t.db, { revisionId, language: 'ar', heading: `ع ${key}`, body: `نص ${key}`, translatorId: null });
		}
		const parsed = parseDraft(draft('Why this policy exists.'), 2);
		const v2 = importVersion(t.db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: true, createdBy: null });

		expect([...currentTranslationsOfVersion(t.db, version.id, 'ar').keys()].sort()).toEqual(['purpose', 'respect']);
		// 'purpose' changed, so its carried translation is outdated; 'respect' did not.
		expect([...currentTranslationsOfVersion(t.db, v2.id, 'ar').keys()]).toEqual(['respect']);
		expect(currentTranslationsOfVersion(t.db, v2.id, 'es').size).toBe(0);
	});
});
