// Choosing languages by name (issue 13, item 4) and the consultation's three language facts (item 5),
// over HTTP against the built server: the sign-up and profile forms offer the languages by name,
// accept what the no-JavaScript fields post (home language, boxes, codes) and the enhanced list,
// canonicalise a free BCP 47 tag and refuse an invalid one in the reader's language with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { message } from '../e2e/helpers';

const SLUG = 'code-of-conduct';
const PASSWORD = 'correct horse battery';
const RUN = Date.now().toString(36);
/** What a browser navigating with a form sends: the answer is a 303 back to the form (http/flash.ts). */
const BROWSER = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server?.stop();
});

async function languagesOf(client: Client): Promise<string[]> {
	const data = (await (await client.get('/profile/data.json')).json()) as { profile: { languages: string[] } };
	return data.profile.languages;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('sign-up', () => {
	it('offers every listed language by its own name and the interface’s, in the interface’s language', async () => {
		const en = await (await new Client(server.url, { 'accept-language': 'en' }).get('/signup')).text();
		expect(en).toContain('<select id="homeLanguage" name="homeLanguage"');
		expect(en).toMatch(/<option value="ar"[^>]*>العربية — Arabic<\/option>/);
		expect(en).toMatch(/<option value="pt-BR"[^>]*>Português \(Brasil\) — Brazilian Portuguese<\/option>/);
		expect(en).toMatch(/<input type="checkbox" name="otherLanguages" value="fr"/);
		const ar = await (await new Client(server.url, { 'accept-language': 'ar' }).get('/signup')).text();
		expect(ar).toMatch(/<option value="ar"[^>]*>العربية<\/option>/);
		expect(ar).toMatch(/<option value="fr"[^>]*>Français — الفرنسية<\/option>/);
		expect(ar).toContain(escapeHtml(message('ar', 'languagePicker.home')!));
	});

	it('stores the home language first, then the boxes ticked, then a free tag canonicalised ("pt-br" → "pt-BR")', async () => {
		const client = new Client(server.url, { 'accept-language': 'ar' });
		const response = await client.post('/signup', {
			username: `names-${RUN}`,
			password: PASSWORD,
			displayName: 'Amina',
			homeLanguage: 'ar',
			otherLanguages: ['fr', 'en'],
			languages: 'pt-br',
			affiliation: '',
			redirectTo: '/'
		});
		expect(response.status).toBe(303);
		expect(await languagesOf(client)).toEqual(['ar', 'fr', 'en', 'pt-BR']);
	});

	it('still takes the plain "ar, en" of scripts and the enhanced picker’s ordered list', async () => {
		const plain = new Client(server.url);
		expect((await plain.post('/signup', { username: `plain-${RUN}`, password: PASSWORD, displayName: 'P', languages: 'es, EN', affiliation: '', redirectTo: '/' })).status).toBe(303);
		expect(await languagesOf(plain)).toEqual(['es', 'en']);
		const ordered = new Client(server.url);
		expect((await ordered.post('/signup', { username: `ordered-${RUN}`, password: PASSWORD, displayName: 'O', languages: ['fa', 'zh-hant', ''], affiliation: '', redirectTo: '/' })).status).toBe(303);
		expect(await languagesOf(ordered)).toEqual(['fa', 'zh-Hant']);
	});

	it('refuses an invalid tag with 400 in the reader’s language and stores nothing', async () => {
		const client = new Client(server.url, { 'accept-language': 'ar' });
		const username = `invalid-${RUN}`;
		const response = await client.post('/signup', { username, password: PASSWORD, displayName: 'X', homeLanguage: 'ar', languages: 'French', affiliation: '', redirectTo: '/' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain(escapeHtml(message('ar', 'errors.languageInvalid')!));
		// What was chosen comes back: Arabic still the home language, the code as typed.
		expect(html).toMatch(/<option value="ar" selected[^>]*>العربية<\/option>/);
		expect(html).toMatch(/id="languages"[^>]*value="French"|value="French"[^>]*id="languages"/);
		await expect(new Client(server.url).logIn(username, PASSWORD)).rejects.toThrow();
	});

	it('without JavaScript, a refusal is a 303 back to the form’s error summary, the choice kept', async () => {
		const client = new Client(server.url, { 'accept-language': 'fr' });
		const username = `flash-${RUN}`;
		const response = await client.post(
			'/signup',
			{ username, password: PASSWORD, displayName: 'X', homeLanguage: '', otherLanguages: 'fr', languages: 'xx-!!', affiliation: '', redirectTo: '/' },
			{ ...BROWSER, referer: `${server.url}/signup` }
		);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/\/signup#form-errors$/);
		const page = await (await client.get('/signup')).text();
		expect(page).toContain(escapeHtml(message('fr', 'errors.languageInvalid')!));
		await expect(new Client(server.url).logIn(username, PASSWORD)).rejects.toThrow();
	});
});

describe('the profile', () => {
	it('shows the languages by name, changes them by name and code, and refuses an invalid code leaving them as they were', async () => {
		const client = new Client(server.url, { 'accept-language': 'en' });
		expect((await client.post('/signup', { username: `profile-${RUN}`, password: PASSWORD, displayName: 'Rania', languages: 'ar', affiliation: '', redirectTo: '/' })).status).toBe(303);

		const saved = await client.post('/profile', { displayName: 'Rania', homeLanguage: 'fr', otherLanguages: ['ar'], languages: 'PT-br', affiliation: '' });
		expect(saved.status).toBe(200);
		expect(await languagesOf(client)).toEqual(['fr', 'ar', 'pt-BR']);
		const page = (await (await client.get('/profile')).text()).replace(/<!--.*?-->/g, '');
		const list = page.slice(page.indexOf('class="profile-languages"'), page.indexOf('</ol>', page.indexOf('class="profile-languages"')));
		expect(list).toContain('<bdi lang="fr" dir="ltr">Français</bdi> — French');
		expect(list).toContain('<bdi lang="ar" dir="rtl">العربية</bdi> — Arabic');
		expect(list.indexOf('Français')).toBeLessThan(list.indexOf('العربية'));
		// The saved choice fills the form again: French the home language, Arabic and pt-BR ticked first.
		expect(page).toMatch(/<option value="fr" selected[^>]*>Français — French<\/option>/);
		expect(page).toMatch(/value="ar" checked[^>]*>[\s\S]*?value="pt-BR" checked/);

		const refused = await client.post('/profile', { displayName: 'Rania', homeLanguage: 'es', languages: 'en_US' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(escapeHtml(message('en', 'errors.languageInvalid')!));
		expect(await languagesOf(client)).toEqual(['fr', 'ar', 'pt-BR']);
	});
});

describe('the consultation page', () => {
	/** The number in a sentence such as "12 people have taken part …" or "Arabic: 3 of 12". */
	const numbers = (text: string) => [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
	const section = (html: string) => html.slice(html.indexOf('class="language-facts"'), html.indexOf('</section>', html.indexOf('class="language-facts"')));

	it('lists the site’s languages, the translations with their progress and the people per community as three facts', async () => {
		const html = await (await new Client(server.url, { 'accept-language': 'en' }).get(`/consultations/${SLUG}`)).text();
		// The header no longer counts "8 languages" (the consultation's declared list) as if it were one fact.
		expect(html).not.toMatch(/· 8 languages/);
		const facts = section(html);
		expect(facts).toContain('Its pages, menus and messages can be read in 8 languages:');
		for (const autonym of ['English', 'Español', 'Français', 'Português', 'العربية', 'فارسی', 'हिन्दी', '简体中文']) expect(facts).toContain(autonym);
		expect(facts).toMatch(/Written in English and being translated into 7 other languages/);
		expect(facts).toContain('class="data-table translation-progress"');
		const people = /(\d+) people have taken part in version (\d+)/.exec(facts);
		expect(people).not.toBeNull();
		const total = Number(people![1]);
		const rows = [...facts.matchAll(/<li>\s*([^<:]+): (\d+) of (\d+)\s*<\/li>/g)];
		expect(rows.length).toBeGreaterThanOrEqual(3);
		for (const [, , n, of] of rows) {
			expect(Number(of)).toBe(total);
			expect(Number(n)).toBeLessThanOrEqual(total);
		}
		expect(rows.map((r) => r[1].trim())).toContain('Arabic');
	});

	it('on the list of consultations, counts the languages it can be read in — as many as its page offers under "Read in"', async () => {
		const client = new Client(server.url, { 'accept-language': 'en' });
		const page = await (await client.get(`/consultations/${SLUG}`)).text();
		const nav = page.slice(page.indexOf('class="reading-languages"'), page.indexOf('</nav>', page.indexOf('class="reading-languages"')));
		const offered = [...nav.matchAll(/<li>/g)].length;
		expect(offered).toBeGreaterThanOrEqual(2);
		const home = await (await client.get('/')).text();
		expect(home).toContain(`readable in ${offered} languages`);
		expect(home).not.toContain('· 8 languages');
	});

	it('counts a new participant in their home language’s community at once', async () => {
		const before = section(await (await new Client(server.url, { 'accept-language': 'en' }).get(`/consultations/${SLUG}`)).text());
		const hindiBefore = numbers(/Hindi: \d+ of \d+/.exec(before)?.[0] ?? 'Hindi: 0 of 0')[0];
		const totalBefore = numbers(/\d+ people have taken part/.exec(before)![0])[0];

		const client = new Client(server.url, { 'accept-language': 'en' });
		expect((await client.post('/signup', { username: `hindi-${RUN}`, password: PASSWORD, displayName: 'Ananya', homeLanguage: 'hi', affiliation: '', redirectTo: '/' })).status).toBe(303);
		const clause = `/consultations/${SLUG}/clauses/harassment`;
		const revision = /name="revision" value="(\d+)"/.exec(await (await client.get(clause)).text())![1];
		expect((await client.post(`${clause}?/stance`, { revision, stance: 'support', reason: '', language: 'hi' })).status).toBe(200);

		const after = section(await (await new Client(server.url, { 'accept-language': 'en' }).get(`/consultations/${SLUG}`)).text());
		expect(numbers(/Hindi: \d+ of \d+/.exec(after)![0])).toEqual([hindiBefore + 1, totalBefore + 1]);
	});
});
