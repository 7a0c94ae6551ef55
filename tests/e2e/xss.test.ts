// The XSS corpus (tests/fixtures/xss-payloads.json: the OWASP filter-evasion cheat sheet and
// Markdown-specific payloads) stored through the services as comments, stance reasons, display
// names, a consultation description and liaison summaries (narratives, translations, key points,
// quotes), then every page that shows them rendered in Chromium — with JavaScript and with the CSP
// switched off, so that the escaping and the sanitiser alone must hold, and again without JavaScript.
// A payload that runs calls window.xss() or opens a dialog; neither may happen, and no element may
// carry an event handler, a javascript:/vbscript:/data: URL or an element the sanitiser forbids.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '../../src/lib/server/db';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/accounts/service';
import { createConsultation } from '../../src/lib/server/consultations/service';
import { parseDraft } from '../../src/lib/server/drafts/parse';
import { importVersion } from '../../src/lib/server/drafts/service';
import { assignRole } from '../../src/lib/server/roles/service';
import { addComment } from '../../src/lib/server/comments/service';
import { setStance } from '../../src/lib/server/stances/service';
import { saveSummary, startSummary } from '../../src/lib/server/summaries/service';
import { reportComment } from '../../src/lib/server/moderation/service';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { STANCES } from '../../src/lib/server/db/schema';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';

interface Payload {
	id: string;
	source: 'owasp' | 'markdown';
	payload: string;
}
const { payloads } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/xss-payloads.json'), 'utf8')) as { payloads: Payload[] };

const SLUG = 'xss';
const CLAUSES = 10;
const LANGUAGES = ['en', 'es', 'ar', 'fr', 'fa', 'pt', 'hi'];
/** Control characters are refused by the summary form's rules; those payloads go everywhere else. */
// eslint-disable-next-line no-control-regex -- the control characters the summary form refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const dir = mkdtempSync(join(tmpdir(), 'polyphony-xss-'));
const databasePath = join(dir, 'xss.db');
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
let summaryIds: number[] = [];
/** Where each payload was stored: surfaces × payloads. */
const stored = { comments: 0, reasons: 0, displayNames: 0, summaryTexts: 0, description: 0 };

function build(): void {
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	const staff = (username: string) => createUser(db, { username, displayName: username, languages: ['en'], affiliation: null, passwordHash: 'x' });
	const admin = staff('admin');
	const consultation = createConsultation(
		db,
		{
			slug: SLUG,
			title: 'XSS corpus',
			description: payloads.slice(0, 40).map((p) => p.payload).join('\n\n'),
			sourceLanguage: 'en',
			languages: LANGUAGES
		},
		admin.id
	);
	stored.description = 40;
	const draft = ['# Draft', ...Array.from({ length: CLAUSES }, (_, i) => `## ${i + 1} Clause ${i + 1} {#c${i + 1}}\n\nText of clause ${i + 1}.`)].join('\n\n');
	const parsed = parseDraft(draft, 2);
	importVersion(db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: true, createdBy: admin.id });
	const revisions = db.$client.prepare('SELECT r.id FROM clause_revisions r JOIN clauses c ON c.id = r.clause_id ORDER BY r.position').all() as { id: number }[];

	const committee = staff('committee');
	const moderator = staff('moderator');
	const liaison = staff('liaison');
	const reporter = staff('reporter');
	assignRole(db, { consultationId: consultation.id, userId: committee.id, role: 'committee' });
	assignRole(db, { consultationId: consultation.id, userId: moderator.id, role: 'moderator' });
	for (const language of LANGUAGES) assignRole(db, { consultationId: consultation.id, userId: liaison.id, role: 'liaison', language });

	payloads.forEach((p, i) => {
		// The services store what they are given: display names here skip the sign-up form's rules
		// (which refuse some of these), so that rendering alone is tested.
		const user = createUser(db, { username: `p${i}`, displayName: p.payload, languages: ['en'], affiliation: null, passwordHash: 'x' });
		stored.displayNames++;
		const revisionId = revisions[i % CLAUSES].id;
		const comment = addComment(db, { revisionId, authorId: user.id, language: 'en', body: p.payload });
		stored.comments++;
		setStance(db, { revisionId, userId: user.id, stance: STANCES[i % 3], reason: p.payload, language: 'en' });
		stored.reasons++;
		reportComment(db, { commentId: comment.id, consultationId: consultation.id, reporterId: reporter.id, reason: 'other', details: p.payload.slice(0, 500) });
	});

	// Liaison summaries: each payload as a narrative paragraph, a translation, key points and a quote.
	const clean = payloads.filter((p) => !CONTROL.test(p.payload)).map((p) => p.payload);
	summaryIds = LANGUAGES.map((language, s) => {
		const mine = clean.filter((_, i) => i % LANGUAGES.length === s);
		const { summary } = startSummary(db, { consultation, versionNumber: 1, language, authorId: liaison.id });
		const entries = Array.from({ length: CLAUSES }, (_, c) => {
			const here = mine.filter((_, i) => i % CLAUSES === c);
			return {
				clause: `c${c + 1}`,
				asked: false,
				keyPoints: here.join('\n\n'),
				quotes: here.slice(0, 10).map((text) => ({ original: text, language, translation: text }))
			};
		});
		saveSummary(db, {
			summaryId: summary.id,
			editorId: liaison.id,
			publish: true,
			content: {
				narrative: mine.join('\n\n'),
				narrativeLanguage: language,
				narrativeTranslation: mine.join('\n\n'),
				translationLanguage: language === 'en' ? 'es' : 'en',
				channels: [{ kind: 'chat-group', description: '', participants: 12, startedOn: '2026-03-01', endedOn: null }],
				entries
			}
		});
		stored.summaryTexts += mine.length;
		return summary.id;
	});

	for (const [name, userId] of [
		['committee', committee.id],
		['moderator', moderator.id],
		// Signed in as someone whose display name is a payload: the header and the profile show it.
		['named', (db.$client.prepare("SELECT id FROM users WHERE username = 'p0'").get() as { id: number }).id]
	] as const) {
		tokens[name] = generateSessionToken();
		createSession(db, tokens[name], userId);
	}
	db.$client.close();
}

beforeAll(async () => {
	build();
	[server, browser] = await Promise.all([startServer({ demo: false, databasePath }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** Runs in the page: what a payload would have left behind in the DOM. */
function domViolations(): string[] {
	const found: string[] = [];
	const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
	const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcdoc', 'dynsrc', 'lowsrc', 'codebase', 'cite']);
	const FORBIDDEN = new Set(['IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'BASE', 'BGSOUND', 'MARQUEE', 'AUDIO', 'VIDEO', 'TEMPLATE']);
	// What the Markdown sanitiser lets through (src/lib/server/markdown.ts), for user-written Markdown.
	const PROSE = new Set('P BR HR STRONG EM DEL S CODE PRE BLOCKQUOTE UL OL LI A H3 H4 H5 H6 TABLE THEAD TBODY TR TH TD SUP SUB'.split(' '));
	for (const el of document.querySelectorAll('*')) {
		for (const attribute of el.attributes) {
			const name = attribute.name.toLowerCase();
			if (name.startsWith('on')) found.push(`${describe(el)} has ${name}`);
			// eslint-disable-next-line no-control-regex -- what a browser ignores in a URL, as it would
			const value = attribute.value.replace(/[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u3000\uFEFF]/g, '').toLowerCase();
			if (/^(javascript|vbscript|livescript):/.test(value)) found.push(`${describe(el)} ${name}=${attribute.value}`);
			if (URL_ATTRIBUTES.has(name) && value.startsWith('data:')) found.push(`${describe(el)} ${name}=${attribute.value.slice(0, 40)}`);
			if (name === 'style' && /expression|javascript:|url\(/.test(value)) found.push(`${describe(el)} style=${attribute.value}`);
		}
		if (FORBIDDEN.has(el.tagName)) found.push(`${describe(el)} is there`);
		if (el.tagName === 'SCRIPT') {
			const ours = el.hasAttribute('data-sveltekit-fetched') || (el.textContent ?? '').includes('__sveltekit_') || el.getAttribute('src')?.startsWith('/_app/');
			if (!ours) found.push(`a foreign <script>: ${(el.textContent ?? el.getAttribute('src') ?? '').slice(0, 60)}`);
		}
		if ((el.tagName === 'META' || el.tagName === 'LINK' || el.tagName === 'STYLE') && el.closest('body')) found.push(`${describe(el)} in the body`);
		if (el.closest('.prose') && !el.classList.contains('prose') && !PROSE.has(el.tagName)) found.push(`${describe(el)} inside user Markdown`);
	}
	return found;
}

interface Visit {
	path: string;
	violations: string[];
	ran: string[];
}

async function newContext(as: keyof typeof tokens | null, javaScriptEnabled: boolean): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true });
	if (as) {
		await context.addCookies([{ name: SESSION_COOKIE, value: tokens[as], url: server.url }]);
	}
	await context.addInitScript(() => {
		const w = window as unknown as Record<string, unknown> & { __xss: string[] };
		w.__xss = [];
		w.xss = (...args: unknown[]) => w.__xss.push(`xss(${args.join(',')}) at ${location.pathname}`);
		for (const name of ['alert', 'confirm', 'prompt', 'print']) w[name] = (m: unknown) => w.__xss.push(`${name}(${String(m)})`);
	});
	return context;
}

const javaScriptOn = new WeakMap<Page, boolean>();

async function visit(page: Page, path: string, dialogs: string[]): Promise<Visit> {
	const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
	expect(response?.status(), path).toBe(200);
	// Give image errors, autofocus and animations their moment.
	await page.waitForTimeout(150);
	const violations = await page.evaluate(domViolations);
	// Without JavaScript the page cannot be asked; a payload could not have run there either.
	const ran = javaScriptOn.get(page) ? await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss) : [];
	return { path, violations, ran: [...ran, ...dialogs.splice(0)] };
}

async function visitAll(as: keyof typeof tokens | null, paths: string[], javaScriptEnabled = true): Promise<Visit[]> {
	const context = await newContext(as, javaScriptEnabled);
	const page = await context.newPage();
	javaScriptOn.set(page, javaScriptEnabled);
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(`dialog ${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	try {
		const visits: Visit[] = [];
		for (const path of paths) visits.push(await visit(page, path, dialogs));
		return visits;
	} finally {
		await context.close();
	}
}

function expectClean(visits: Visit[]): void {
	const problems = visits.filter((v) => v.violations.length || v.ran.length).map((v) => ({ path: v.path, violations: v.violations.slice(0, 10), ran: v.ran }));
	expect(problems).toEqual([]);
}

const base = `/consultations/${SLUG}`;
const clausePages = Array.from({ length: CLAUSES }, (_, i) => `${base}/clauses/c${i + 1}?order=oldest`);
const publicPages = () => ['/', base, ...clausePages, ...summaryIds.map((id) => `${base}/summaries/${id}`), `${base}/results`];

describe('the XSS corpus', () => {
	it(`has at least 50 payloads, from OWASP and Markdown-specific`, () => {
		expect(payloads.length).toBeGreaterThanOrEqual(50);
		expect(payloads.filter((p) => p.source === 'owasp').length).toBeGreaterThanOrEqual(50);
		expect(payloads.filter((p) => p.source === 'markdown').length).toBeGreaterThanOrEqual(20);
		expect(stored.comments + stored.reasons + stored.displayNames).toBe(payloads.length * 3);
		console.log(`XSS corpus: ${payloads.length} payloads; stored as ${stored.comments} comments, ${stored.reasons} stance reasons, ${stored.displayNames} display names, ${stored.summaryTexts} × 4 summary texts (narrative, translation, key points, quote), ${stored.description} in a description`);
	});

	it('is caught by these checks when it is not escaped (the checks themselves work)', async () => {
		const context = await newContext(null, true);
		const page = await context.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.goto(`${server.url}/`);
		await page.setContent(`<main><div class="prose">${payloads.map((p) => p.payload).join('<br>')}</div></main>`);
		await page.waitForTimeout(300);
		const violations = await page.evaluate(domViolations);
		const ran = await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss);
		await context.close();
		expect(ran.length).toBeGreaterThan(5);
		expect(violations.filter((v) => / has on/.test(v)).length).toBeGreaterThan(20);
		expect(violations.some((v) => /javascript:/i.test(v))).toBe(true);
	});

	it('runs nothing on the public pages, with JavaScript and without the CSP', async () => {
		const visits = await visitAll(null, publicPages());
		expectClean(visits);
		// Not vacuous: each clause page shows all its comments and reasons.
		const context = await newContext(null, true);
		const page = await context.newPage();
		await page.goto(server.url + clausePages[0], { waitUntil: 'networkidle' });
		const perClause = Math.ceil(payloads.length / CLAUSES);
		expect(await page.locator('.comment-body').count()).toBeGreaterThanOrEqual(perClause - 1);
		expect(await page.locator('.reason-text').count()).toBeGreaterThanOrEqual(perClause - 1);
		expect(await page.locator('body').innerText()).toContain('<script>xss()</script>');
		await context.close();
	});

	it('runs nothing on the same pages without JavaScript (the server-rendered HTML)', async () => {
		expectClean(await visitAll(null, publicPages(), false));
	});

	it('runs nothing for the committee, the moderator, or someone whose name is a payload', async () => {
		expectClean(await visitAll('committee', [...clausePages.slice(0, 3), `${base}/dashboard`, `${base}/summaries`]));
		const queuePages = Math.ceil(payloads.length / 20);
		expectClean(await visitAll('moderator', Array.from({ length: queuePages }, (_, i) => `${base}/moderation?page=${i + 1}`)));
		expectClean(await visitAll('named', ['/', '/profile', '/account/security', clausePages[0]]));
	});
});
