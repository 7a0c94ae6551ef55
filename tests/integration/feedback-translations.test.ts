// Comments across languages over the built server (issue 13, item 3): every comment and reason in a
// language the reader does not list offers a way in; reasons translated by hand and by machine (a
// local stand-in for LibreTranslate); the moderation queue showing translations beside a reported
// comment and asking for one; the "waiting for translation" page, its translate form and its limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { startStandInLibreTranslate, type StandInLibreTranslate } from '../support/libretranslate';

const C = '/consultations/code-of-conduct';
const ENFORCEMENT = `${C}/clauses/enforcement`;
const PASSWORD = 'polyphony-demo';

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

async function logIn(base: string, username: string): Promise<Client> {
	const client = new Client(base);
	await client.logIn(username, PASSWORD);
	return client;
}

async function html(client: Client, path: string, status = 200): Promise<string> {
	const response = await client.get(path);
	expect(response.status, path).toBe(status);
	return response.text();
}

/** From an element's id to the end of its item (the next item of the same kind, or the list's end). */
function section(page: string, id: string, end: RegExp): string {
	const start = page.indexOf(`id="${id}"`);
	expect(start, id).toBeGreaterThan(-1);
	const rest = page.slice(start + id.length + 5);
	const stop = rest.search(end);
	return rest.slice(0, stop < 0 ? undefined : stop);
}

/** Ids of the items (comments or reasons) of a page and the language of each, in page order. */
function items(page: string, kind: 'comment' | 'reason'): [string, string][] {
	const pattern = kind === 'comment' ? /id="comment-(\d+)"[\s\S]*?class="badge lang-badge" lang="([^"]+)"/g : /id="reason-(\d+)"[\s\S]*?class="badge lang-badge" lang="([^"]+)"/g;
	return [...page.matchAll(pattern)].map((m) => [m[1], m[2]]);
}

describe('the "offer translate" rule on the clause page', () => {
	it('offers a reader of Arabic and English a way into every French and Persian comment, not only into those they read', async () => {
		const amina = await logIn(withoutMt.url, 'amina');
		const page = await html(amina, `${C}/clauses/off-platform?version=1`);
		const comments = items(page, 'comment');
		const foreign = comments.filter(([, l]) => l !== 'ar' && l !== 'en');
		expect(foreign.length).toBeGreaterThan(1);
		for (const [id] of foreign) {
			const part = section(page, `comment-${id}`, /<article/);
			// No machine translation on this server: the waiting page, where bilingual volunteers translate.
			expect(part, id).toContain('No translation into Arabic yet.');
			expect(part, id).toContain(`href="${C}/translate/waiting/ar"`);
		}
		// Those she reads offer her own translating, as before.
		const [englishId] = comments.find(([, l]) => l === 'en')!;
		expect(section(page, `comment-${englishId}`, /<article/)).toContain('action="?/translateComment"');
	});

	it('with machine translation on, offers it into the reader’s home language on each comment and reason they cannot read', async () => {
		const amina = await logIn(server.url, 'amina');
		const page = await html(amina, ENFORCEMENT);
		const [reasonId] = items(page, 'reason').find(([, l]) => l === 'fr')!;
		const reason = section(page, `reason-${reasonId}`, /<li class="reason /);
		expect(reason).toContain('action="?/machineTranslateReason"');
		expect(reason).toContain('Machine-translate into Arabic');
	});
});

describe('translations of reasons', () => {
	let reasonId: string;

	beforeAll(async () => {
		const page = await html(new Client(server.url), ENFORCEMENT);
		reasonId = items(page, 'reason').find(([, l]) => l === 'fr')![0];
	});

	it('machine-translates a reason through the service, labelled, the original one click away', async () => {
		const oliver = await logIn(server.url, 'oliver');
		standIn.requests.length = 0;
		const response = await oliver.post(`${ENFORCEMENT}?/machineTranslateReason`, { stance: reasonId, language: 'en' });
		expect(response.status).toBe(200);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.requests[0]).toMatchObject({ source: 'fr', target: 'en', format: 'text' });
		const french = standIn.requests[0].q;

		const reason = section(await html(oliver, ENFORCEMENT), `reason-${reasonId}`, /<li class="reason /);
		expect(reason).toContain('Machine translation');
		expect(reason).toContain('from French; it may be inaccurate');
		expect(reason).toContain(`<p class="reason-text translated-body" lang="en" dir="auto">[en] ${french}</p>`);
		expect(reason).toMatch(/<details class="original-text"><summary>Show the original \(French\)<\/summary>\s*<p class="reason-text" lang="fr" dir="auto">/);
		// Asked once: no button any more, and asking again does not reach the service.
		expect(reason).not.toContain('?/machineTranslateReason');
		await oliver.post(`${ENFORCEMENT}?/machineTranslateReason`, { stance: reasonId, language: 'en' });
		expect(standIn.requests).toHaveLength(1);
	});

	it('lets someone who reads French and English translate it by hand; their translation is then the one shown', async () => {
		const camille = await logIn(server.url, 'camille');
		const mine = section(await html(camille, ENFORCEMENT), `reason-${reasonId}`, /<li class="reason /);
		expect(mine).toContain('action="?/translateReason"');
		const response = await camille.post(`${ENFORCEMENT}?/translateReason`, { stance: reasonId, language: 'en', body: 'Translated by Camille.' });
		expect(response.status).toBe(200);
		const reason = section(await html(await logIn(server.url, 'oliver'), ENFORCEMENT), `reason-${reasonId}`, /<li class="reason /);
		expect(reason).toContain('Translated from French by \u2068Camille Laurent\u2069 \u2066@camille\u2069');
		expect(reason).toContain('<p class="reason-text translated-body" lang="en" dir="auto">Translated by Camille.</p>');
		// The machine's is still there, listed and labelled.
		expect(reason).toMatch(/<summary>\s*Translations \(1\)/);
	});

	it('refuses a translator who does not read both, and a 503 with nothing stored when the service fails', async () => {
		const oliver = await logIn(server.url, 'oliver');
		let response = await oliver.post(`${ENFORCEMENT}?/translateReason`, { stance: reasonId, language: 'ar', body: 'guess' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('You can only translate between languages you read.');
		const page = await html(oliver, ENFORCEMENT);
		const [chineseId] = items(page, 'reason').find(([, l]) => l !== 'fr' && l !== 'en') ?? [];
		if (chineseId) {
			standIn.mode = 'fail';
			try {
				response = await oliver.post(`${ENFORCEMENT}?/machineTranslateReason`, { stance: chineseId, language: 'en' });
				expect(response.status).toBe(503);
			} finally {
				standIn.mode = 'ok';
			}
			expect(section(await html(oliver, ENFORCEMENT), `reason-${chineseId}`, /<li class="reason /)).not.toContain('translated-body');
		}
	});
});

describe('translations of liaison quotes in the API', () => {
	it('gives each quote the translations people made since, with language, translator and status', async () => {
		const response = await new Client(server.url).get('/api/v1/consultations/code-of-conduct/versions/1/summaries');
		expect(response.status).toBe(200);
		const { summaries } = (await response.json()) as {
			summaries: { language: string; entries: { clause: string; quotes: { original: string; translation: unknown; translations: unknown[] }[] }[] }[];
		};
		const quotes = (language: string, clause: string) => summaries.find((s) => s.language === language)!.entries.find((e) => e.clause === clause)!.quotes;
		// The demo's: an Arabic quote translated into French by Youssef, who reads both.
		expect(quotes('ar', 'off-platform')[0]).toMatchObject({
			translation: { language: 'en' },
			translations: [
				{
					language: 'fr',
					text: 'Je ne veux pas que tout ce que j’écris dans un groupe privé devienne une preuve contre moi.',
					machine: false,
					outdated: false,
					translator: 'Youssef Karim',
					translatorUsername: 'youssef_k',
					updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
				}
			]
		});
		expect(quotes('ar', 'off-platform')[1].translations).toEqual([]);
	});
});

describe('the moderation queue', () => {
	it('shows any translation beside a reported comment and asks the service for one', async () => {
		const moderator = await logIn(server.url, 'moderator');
		let queue = await html(moderator, `${C}/moderation`);
		const ids = [...queue.matchAll(/id="queue-(\d+)"/g)].map((m) => m[1]);
		expect(ids.length).toBeGreaterThan(0);
		const foreign = ids.find((id) => section(queue, `queue-${id}`, /id="queue-\d+"/).includes('action="?/machineTranslate"'));
		expect(foreign, 'a reported comment in a language other than English').toBeDefined();
		expect(section(queue, `queue-${foreign}`, /id="queue-\d+"/)).toContain('This comment has no translation yet.');

		standIn.requests.length = 0;
		const response = await moderator.post(`${C}/moderation?/machineTranslate`, { comment: foreign!, language: 'en' });
		expect(response.status).toBe(200);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.requests[0].target).toBe('en');

		queue = await html(moderator, `${C}/moderation`);
		const item = section(queue, `queue-${foreign}`, /id="queue-\d+"/);
		expect(item).toContain('Machine translation');
		expect(item).toMatch(/<div class="prose comment-body" lang="en" dir="auto">(<!--[^>]*-->)?<p>\[en\] /);
		expect(item).not.toContain('action="?/machineTranslate"');
	});

	it('has no such button, and refuses the action, without MT_URL', async () => {
		const moderator = await logIn(withoutMt.url, 'moderator');
		expect(await html(moderator, `${C}/moderation`)).not.toContain('?/machineTranslate');
		const queue = await html(moderator, `${C}/moderation`);
		const id = /id="queue-(\d+)"/.exec(queue)![1];
		expect((await moderator.post(`${C}/moderation?/machineTranslate`, { comment: id, language: 'en' })).status).toBe(404);
	});
});

describe('waiting for translation', () => {
	const WAITING = `${C}/translate/waiting/ar`;

	it('lists feedback with no Arabic translation, most discussed first, committee-only only for the committee', async () => {
		const youssef = await logIn(server.url, 'youssef_k');
		const page = await html(youssef, WAITING);
		expect(page).toContain('<h1>Waiting for translation into Arabic</h1>');
		expect(page).toMatch(/\d+ pieces of feedback written in other languages have no translation into Arabic yet: \d+ in Persian, [^.]*\d+ in English, /);
		// Items carry their language; the French one the demo translated into Arabic is not there.
		expect(page).toContain('class="prose comment-body" lang="fr" dir="auto"');
		expect(page).not.toContain('Le mot <strong>« urgence »</strong>');
		// The demo's committee-only reasons and comment: never for a volunteer.
		for (const secret of ['el canal de denuncias actual lo leen personas cercanas', 'kept messaging me privately', 'Only the drafting committee can read this']) {
			expect(page).not.toContain(secret);
		}
		const committee = await html(await logIn(server.url, 'committee'), WAITING);
		expect(committee).toContain('kept messaging me privately');
		// Paginated: 20 a page.
		expect(page.match(/class="waiting-item"/g)).toHaveLength(20);
		expect(page).toContain('rel="next" href="?page=2"');
	});

	it('translates an item from the page: it leaves the list and readers see it', async () => {
		const youssef = await logIn(server.url, 'youssef_k');
		const page = await html(youssef, `${C}/translate/waiting/ar?page=1`);
		const match = /id="translate-comment-(\d+)"/.exec(page);
		expect(match).not.toBeNull();
		const id = match![1];
		const response = await youssef.post(`${WAITING}?/translate`, { kind: 'comment', id, body: 'ترجمة من صفحة الانتظار' });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Thank you: your translation into Arabic is shown beside the original.');
		expect(await html(youssef, WAITING)).not.toContain(`id="translate-comment-${id}"`);
	});

	it('is for people who read the language and another, its translators and liaisons, and the committee', async () => {
		expect((await new Client(server.url).get(WAITING)).status).toBe(303);
		await html(await logIn(server.url, 'oliver'), WAITING, 403);
		await html(await logIn(server.url, 'dariush'), `${C}/translate/waiting/fa`, 403);
		await html(await logIn(server.url, 'shirin'), `${C}/translate/waiting/fa`);
		await html(await logIn(server.url, 'translator_ar'), WAITING);
		await html(await logIn(server.url, 'liaison_fa'), `${C}/translate/waiting/fa`);
		// Linked from the translator's worklist, with its count.
		const worklist = await html(await logIn(server.url, 'translator_ar'), `${C}/translate/ar`);
		expect(worklist).toMatch(/href="\/consultations\/code-of-conduct\/translate\/waiting\/ar">Feedback waiting for translation into Arabic<\/a>\s*\(\d+ items\)/);
	});
});
