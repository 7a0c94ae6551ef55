// The consultation's texts other than clauses (title, description, version notes, committee
// responses, key points) in the reader's language, over the built server with the demo: readers in
// Spanish, Arabic and Persian, the JSON API's ?lang=, and a translator saving a translation without
// JavaScript — and being refused where they may not write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const C = '/consultations/code-of-conduct';
const PASSWORD = 'polyphony-demo';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server?.stop();
});

async function html(client: Client, path: string): Promise<string> {
	const response = await client.get(path);
	expect(response.status, path).toBe(200);
	return response.text();
}

async function logIn(username: string): Promise<Client> {
	const client = new Client(server.url);
	await client.logIn(username, PASSWORD);
	return client;
}

/** The opening tag of the first element with this class, and what follows it. */
function element(page: string, className: string): string {
	const at = page.search(new RegExp(`<[a-z0-9]+ class="[^"]*\\b${className}\\b`));
	expect(at, className).toBeGreaterThan(-1);
	return page.slice(at, at + 1500);
}

describe('the consultation texts in the reader\'s language', () => {
	it('gives a Spanish reader the Spanish title and description, and says they are translations', async () => {
		const page = await html(new Client(server.url, { 'accept-language': 'es' }), C);
		expect(page).toMatch(/<h1 lang="es" dir="auto">Código de conducta de la comunidad Open Commons<\/h1>/);
		const description = element(page, 'consultation-description');
		expect(description).toMatch(/^<div class="prose consultation-description" lang="es" dir="auto">/);
		expect(description).toContain('El comité de redacción invita a toda la comunidad');
		expect(page).toContain('Traducido del inglés.');
		// The original is one click away, in its own language.
		expect(page).toMatch(/<div class="prose" lang="en" dir="auto">[\s\S]{0,20}<p>The drafting committee invites everyone/);
		// The home page lists the title in Spanish too.
		expect(await html(new Client(server.url, { 'accept-language': 'es' }), '/')).toMatch(/lang="es" dir="auto">Código de conducta de la comunidad Open Commons</);
		// A reader asking for French, with no French translation, gets the original, said so.
		const french = await html(new Client(server.url, { 'accept-language': 'fr' }), C);
		expect(french).toMatch(/<h1 lang="en" dir="auto">Open Commons community code of conduct<\/h1>/);
		expect(french).toContain('Pas encore traduit en français');
	});

	it('gives an Arabic reader the Arabic version note, right to left, on the consultation page and "what we heard"', async () => {
		const arabic = new Client(server.url, { 'accept-language': 'ar' });
		const page = await html(arabic, C);
		expect(page).toMatch(/<html lang="ar" dir="rtl"/);
		expect(page).toMatch(/<p class="version-note" lang="ar" dir="auto">تجيب النسخة 2 على الجولة الأولى من الآراء/);
		const heard = await html(arabic, `${C}/versions/2/heard`);
		expect(heard).toMatch(/<p class="version-note" lang="ar" dir="auto">تجيب النسخة 2/);
		// A committee response translated into Arabic, in Arabic, with the English original beside it.
		expect(heard).toMatch(/<div class="prose response-body" lang="ar" dir="auto">(<!---->)?\s*<p>لا يزال بإمكان الموظفين التصرف منفردين/);
		expect(heard).toContain('Staff may still act alone in an emergency');
	});

	it('names the consultation in the reader\'s language on every page beneath it: breadcrumbs and titles', async () => {
		const arabic = new Client(server.url, { 'accept-language': 'ar' });
		const breadcrumb = /<nav class="breadcrumbs"[^>]*>\s*<a href="[^"]*" lang="([^"]+)" dir="auto">([^<]*)<\/a>/;
		for (const path of [`${C}/clauses/harassment`, `${C}/changes`, `${C}/results`, `${C}/versions/2/heard`, `${C}/export`]) {
			const page = await html(arabic, path);
			expect(breadcrumb.exec(page)?.slice(1), path).toEqual(['ar', 'مدونة السلوك لمجتمع Open Commons']);
			expect(page, path).toContain('— مدونة السلوك لمجتمع Open Commons</title>');
		}
		// ?lang= chooses the reading language there too; without a translation, the original says so by its lang.
		expect(breadcrumb.exec(await html(arabic, `${C}/clauses/harassment?lang=en`))?.slice(1)).toEqual(['en', 'Open Commons community code of conduct']);
		expect(breadcrumb.exec(await html(new Client(server.url, { 'accept-language': 'fr' }), `${C}/results`))?.slice(1)).toEqual(['en', 'Open Commons community code of conduct']);
		// The committee's own pages too.
		const committee = await logIn('committee');
		const inbox = await html(committee, `${C}/inbox?lang=es`);
		expect(breadcrumb.exec(inbox)?.slice(1)).toEqual(['es', 'Código de conducta de la comunidad Open Commons']);
	});

	it('tells a Persian reader that a translation describes an earlier wording', async () => {
		const page = await html(new Client(server.url), `${C}/versions/2/heard?lang=fa`);
		const at = page.indexOf('کارکنان همچنان می‌توانند در وضعیت اضطراری');
		expect(at).toBeGreaterThan(-1);
		const after = page.slice(at, at + 3000);
		expect(after).toMatch(/class="text-notice notice outdated-notice/);
		expect(after).toContain('This translation was made from an earlier wording in English; the original has changed since.');
		// A current translation carries no such notice.
		const current = page.slice(page.indexOf('هر دو پیشنهاد در نسخهٔ ۲ آمده است'));
		expect(current.slice(0, 1500)).not.toContain('outdated-notice');
	});

	it('shows a liaison summary\'s key points and channels in the reader\'s language', async () => {
		const api = (await (await new Client(server.url).get('/api/v1/consultations/code-of-conduct/versions/1/summaries?lang=es')).json()) as {
			language: string;
			summaries: { id: number; language: string; channels: { descriptionText: { text: string; language: string; translated: boolean } }[] }[];
		};
		expect(api.language).toBe('es');
		const persian = api.summaries.find((s) => s.language === 'fa')!;
		expect(persian.channels[0].descriptionText).toEqual({ text: 'Grupo de Telegram de editores en persa', language: 'es', translated: true, outdated: false });
		const page = await html(new Client(server.url, { 'accept-language': 'es' }), `${C}/summaries/${persian.id}`);
		expect(page).toMatch(/<td lang="es" dir="auto">\s*Grupo de Telegram de editores en persa/);
		expect(page).toMatch(/<div class="prose" lang="es" dir="auto">(<!---->)?<ul>\s*<li>Para muchos editores, el anonimato/);
	});
});

describe('the JSON API', () => {
	it('answers ?lang= with each text in that language when translated, saying which language it is in', async () => {
		const client = new Client(server.url);
		const es = (await (await client.get('/api/v1/consultations/code-of-conduct?lang=es')).json()) as {
			title: string;
			language: string;
			texts: Record<string, { text: string; language: string; translated: boolean; outdated: boolean }>;
			versions: { number: number; note: string; noteText: { text: string; language: string; translated: boolean } }[];
		};
		expect(es.title).toBe('Open Commons community code of conduct');
		expect(es.language).toBe('es');
		expect(es.texts.title).toEqual({ text: 'Código de conducta de la comunidad Open Commons', language: 'es', translated: true, outdated: false });
		expect(es.texts.description).toMatchObject({ language: 'es', translated: true, outdated: false });
		expect(es.versions.find((v) => v.number === 1)!.noteText).toEqual({
			text: 'Primer borrador público, para que lo comenten todas las comunidades lingüísticas.',
			language: 'es',
			translated: true,
			outdated: false
		});
		// No French translation: the original, in English.
		const fr = (await (await client.get('/api/v1/consultations/code-of-conduct?lang=fr')).json()) as typeof es;
		expect(fr.texts.title).toEqual({ text: 'Open Commons community code of conduct', language: 'en', translated: false, outdated: false });
		// Without ?lang=: the source language.
		const plain = (await (await client.get('/api/v1/consultations/code-of-conduct')).json()) as typeof es;
		expect(plain.language).toBe('en');
		expect(plain.texts.title.translated).toBe(false);
		expect((await client.get('/api/v1/consultations/code-of-conduct?lang=not_a_tag')).status).toBe(400);
		expect((await client.get('/api/v1/consultations/code-of-conduct?lang=de')).status).toBe(400);
	});
});

describe('translating the texts', () => {
	it('lets the Spanish translator save a translation readers then get, and refuses others', async () => {
		const translator = await logIn('translator_es');
		const page = await html(translator, `${C}/translate/texts/es`);
		// The version 2 note, already translated into Spanish: its form holds the translation.
		const form = [...page.matchAll(/<form method="POST" action="\?\/save" id="text-version-note-\d+-0"[\s\S]*?<\/form>/g)]
			.map((m) => m[0])
			.find((f) => f.includes('La versión 2 responde a la primera ronda'));
		expect(form).toBeDefined();
		const field = (name: string) => form!.match(new RegExp(`name="${name}" value="([^"]*)"`))![1];
		const post = { kind: field('kind'), subject: field('subject'), part: field('part'), source: field('source') };

		const saved = await translator.post(`${C}/translate/texts/es?/save`, { ...post, text: 'La versión 2 responde a las opiniones de la primera ronda.' });
		expect(saved.status).toBe(200);
		const reader = await html(new Client(server.url, { 'accept-language': 'es' }), C);
		expect(reader).toMatch(/<p class="version-note" lang="es" dir="auto">La versión 2 responde a las opiniones de la primera ronda\.<\/p>/);

		// Saved from a source that has changed since the page was read: refused, nothing saved.
		const stale = await translator.post(`${C}/translate/texts/es?/save`, { ...post, source: 'not-the-source', text: 'Otra traducción.' });
		expect(stale.status).toBe(409);
		expect(await html(new Client(server.url, { 'accept-language': 'es' }), C)).not.toContain('Otra traducción.');
		// An empty translation is refused with the field's error.
		expect((await translator.post(`${C}/translate/texts/es?/save`, { ...post, text: '  ' })).status).toBe(400);

		// The Arabic translator may not write Spanish; a visitor is sent to log in.
		const arabic = await logIn('translator_ar');
		expect((await arabic.post(`${C}/translate/texts/es?/save`, { ...post, text: 'Intruso.' })).status).toBe(403);
		expect((await arabic.get(`${C}/translate/texts/es`)).status).toBe(403);
		const visitor = await new Client(server.url).post(`${C}/translate/texts/es?/save`, { ...post, text: 'Intruso.' });
		expect([302, 303]).toContain(visitor.status);
		expect(await html(new Client(server.url, { 'accept-language': 'es' }), C)).not.toContain('Intruso.');

		// The worklist counts these texts: its link says how many are translated.
		expect(await html(translator, `${C}/translate/es`)).toMatch(/Translate the title, description, notes and answers<\/a>\s*\(\d+ of \d+ translated\)/);
	});
});
