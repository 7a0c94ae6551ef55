// Translations of comments over HTTP, the way a browser without JavaScript posts them: a bilingual
// participant's translation, refusals, and machine translation through a local stand-in for
// LibreTranslate (and a server without MT_URL, which offers none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { startStandInLibreTranslate, type StandInLibreTranslate } from '../support/libretranslate';

const CLAUSE = '/consultations/code-of-conduct/clauses/off-platform';
const PASSWORD = 'polyphony-demo';
const ARABIC = 'أخشى أن تُستخدم لقطات الشاشة من مجموعاتنا الخاصة **دليلًا** دون سياقها.';

let standIn: StandInLibreTranslate;
let server: RunningServer;
let withoutMt: RunningServer;

beforeAll(async () => {
	standIn = await startStandInLibreTranslate();
	[server, withoutMt] = await Promise.all([
		startServer({ demo: true, env: { MT_URL: standIn.url } }),
		startServer({ demo: true, env: { MT_URL: '' } })
	]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), withoutMt?.stop(), standIn?.stop()]);
});

async function logIn(base: string, username: string, headers: Record<string, string> = {}): Promise<Client> {
	const client = new Client(base, headers);
	await client.logIn(username, PASSWORD);
	return client;
}

async function page(client: Client): Promise<string> {
	const response = await client.get(CLAUSE);
	expect(response.status).toBe(200);
	return response.text();
}

/** Each comment's id and language, read from its language badge (the first after its id). */
function commentLanguages(html: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of html.matchAll(/id="comment-(\d+)"[\s\S]*?class="badge lang-badge" lang="([^"]+)"/g)) out.set(m[1], m[2]);
	return out;
}

/** The part of the page that belongs to one comment: up to its end or the next comment. */
function commentSection(html: string, id: string): string {
	const start = html.indexOf(`id="comment-${id}"`);
	expect(start).toBeGreaterThan(-1);
	const rest = html.slice(start);
	const ends = [rest.indexOf('<article'), rest.indexOf('</article>')].filter((i) => i >= 0);
	return rest.slice(0, Math.min(...ends));
}

function findComment(html: string, language: string): string {
	const found = [...commentLanguages(html)].find(([, lang]) => lang === language);
	if (!found) throw new Error(`no comment in ${language} on the page`);
	return found[0];
}

describe('translations of comments', () => {
	let arabicId: string;

	beforeAll(async () => {
		// The demo has no Arabic comment on this clause: Youssef (Arabic, French) writes one.
		const youssef = await logIn(server.url, 'youssef_k');
		const revision = /name="revision" value="(\d+)"/.exec(await page(youssef))![1];
		const response = await youssef.post(`${CLAUSE}?/comment`, { revision, body: ARABIC, language: 'ar' });
		expect(response.status).toBe(200);
		arabicId = findComment(await page(youssef), 'ar');
	});

	it('lets a participant who reads Arabic and English translate, shown collapsed under the original with her name', async () => {
		const amina = await logIn(server.url, 'amina');
		const before = commentSection(await page(amina), arabicId);
		expect(before).toContain('action="?/translateComment"');
		expect(before).toContain(`name="comment" value="${arabicId}"`);

		const response = await amina.post(`${CLAUSE}?/translateComment`, {
			comment: arabicId,
			language: 'en',
			body: 'I fear that screenshots from our private groups will be used as **evidence** without their context.'
		});
		expect(response.status).toBe(200);

		// A reader of English who does not read Arabic — here a visitor with the English interface —
		// sees it in place of the comment, labelled with its translator, the original one click away.
		const section = commentSection(await page(new Client(server.url)), arabicId);
		expect(section).toMatch(/class="featured-translation"/);
		expect(section).toContain('Translated from Arabic by \u2068Amina Haddad\u2069 \u2066@amina\u2069');
		expect(section).toMatch(/class="prose comment-body translated-body" lang="en" dir="auto"[^>]*>(<!--[^>]*-->)?<p>I fear that screenshots from our private groups will be used as <strong>evidence<\/strong>/);
		expect(section).toMatch(/<details class="original-text"><summary>Show the original \(Arabic\)<\/summary>\s*<div class="prose comment-body" lang="ar" dir="auto">(<!--[^>]*-->)?<p>أخشى أن/);
		// Not listed a second time under it.
		expect(section).not.toContain('comment-translations');

		// Amina reads Arabic: for her the original stays first, the translation collapsed under it.
		const hers = commentSection(await page(amina), arabicId);
		expect(hers).not.toContain('featured-translation');
		expect(hers).toMatch(/<details class="comment-translations">\s*<summary>\s*Translations \(1\)/);
		expect(hers).toMatch(/class="badge lang-badge" lang="en" dir="ltr" title="en">English<\/span>/);
		expect(hers.indexOf('lang="ar" dir="auto"')).toBeLessThan(hers.indexOf('comment-translations'));
		// Signed out: no form to translate.
		expect(section).not.toContain('?/translateComment');
	});

	it('refuses someone who reads only one of the languages, with a 400 in their own language', async () => {
		const oliver = await logIn(server.url, 'oliver', { 'accept-language': 'fr' });
		expect(commentSection(await page(oliver), arabicId)).not.toContain('?/translateComment');
		const response = await oliver.post(`${CLAUSE}?/translateComment`, { comment: arabicId, language: 'en', body: 'A guess' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Vous ne pouvez traduire qu’entre des langues que vous lisez.');
		expect(commentSection(await page(oliver), arabicId)).not.toContain('A guess');
	});

	it('refuses bad input and comments of other clauses', async () => {
		const amina = await logIn(server.url, 'amina');
		let response = await amina.post(`${CLAUSE}?/translateComment`, { comment: arabicId, language: 'ar', body: 'نفس اللغة' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('The comment is already written in this language.');
		response = await amina.post(`${CLAUSE}?/translateComment`, { comment: arabicId, language: 'en', body: '   ' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('The translation is empty.');
		// A comment on another clause cannot be reached through this one.
		const reporting = await (await amina.get('/consultations/code-of-conduct/clauses/reporting')).text();
		const elsewhere = findComment(reporting, 'ar');
		response = await amina.post(`${CLAUSE}?/translateComment`, { comment: elsewhere, language: 'en', body: 'x' });
		expect(response.status).toBe(404);
		// Signed out: to the log-in page.
		response = await new Client(server.url).post(`${CLAUSE}?/translateComment`, { comment: arabicId, language: 'en', body: 'x' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});

	it('adds a labelled machine translation beside the human one, leaving the original unchanged', async () => {
		const oliver = await logIn(server.url, 'oliver');
		const before = commentSection(await page(oliver), arabicId);
		expect(before).toContain('action="?/machineTranslate"');
		expect(before).toContain('Machine-translate into English');

		standIn.requests.length = 0;
		const response = await oliver.post(`${CLAUSE}?/machineTranslate`, { comment: arabicId, language: 'en' });
		expect(response.status).toBe(200);
		expect(standIn.requests).toEqual([{ q: ARABIC, source: 'ar', target: 'en', format: 'text' }]);

		const section = commentSection(await page(oliver), arabicId);
		// A person's translation stays the one shown in place; the machine's is listed under it, labelled.
		expect(section).toContain('Translated from Arabic by \u2068Amina Haddad\u2069 \u2066@amina\u2069');
		expect(section).toMatch(/<summary>\s*Translations \(1\)/);
		expect(section).toContain('Machine translation');
		expect(section).toMatch(/lang="en" dir="auto">(<!--[^>]*-->)?<p>\[en\] أخشى أن/);
		expect(section).toMatch(/<div class="prose comment-body" lang="ar" dir="auto">(<!--[^>]*-->)?<p>أخشى أن تُستخدم لقطات الشاشة من مجموعاتنا الخاصة <strong>دليلًا<\/strong>/);
		// Done once: no button for it any more.
		expect(section).not.toContain('?/machineTranslate');
	});

	it('tells the user clearly, with a 503 and nothing stored, when the service fails', async () => {
		const oliver = await logIn(server.url, 'oliver', { 'accept-language': 'es' });
		const farsiId = findComment(await page(oliver), 'fa');
		standIn.mode = 'fail';
		try {
			const response = await oliver.post(`${CLAUSE}?/machineTranslate`, { comment: farsiId, language: 'en' });
			expect(response.status).toBe(503);
			const html = await response.text();
			// The page itself, with the message in the user's language next to the button.
			expect(html).toContain('class="comment-list"');
			expect(commentSection(html, farsiId)).toContain('La traducción automática no está disponible en este momento.');
		} finally {
			standIn.mode = 'ok';
		}
		const section = commentSection(await page(oliver), farsiId);
		expect(section).not.toContain('comment-translations');
		expect(section).toContain('?/machineTranslate');
	});

	it('offers no machine translation on a server without MT_URL', async () => {
		const amina = await logIn(withoutMt.url, 'amina');
		// A clause with a comment in English, which Amina reads: she may translate it, but not by machine.
		const retaliation = '/consultations/code-of-conduct/clauses/retaliation';
		const html = await (await amina.get(retaliation)).text();
		expect(html).toContain('?/translateComment');
		expect(html).not.toContain('?/machineTranslate');
		const id = findComment(html, 'en');
		const response = await amina.post(`${retaliation}?/machineTranslate`, { comment: id, language: 'ar' });
		expect(response.status).toBe(404);
	});
});
