// The committee inbox and the per-community digests over HTTP on the built server with the demo:
// who may open the inbox, what it lists and how it filters without JavaScript; what a digest shows
// (counts with their denominators, the number of committee-only items) and never shows (their words)
// in the page, its data and its downloads; and a liaison pulling the digest's words into a summary.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import committeeOnly from '../../src/lib/server/demo/committee-only.json';

let server: RunningServer;
let db: Database.Database;
const clients = new Map<string, Client>();
const C = '/consultations/code-of-conduct';
const PASSWORD = 'polyphony-demo';
const ROLES = ['participant', 'liaison_ar', 'translator_ar', 'moderator', 'committee', 'admin'] as const;

/** The demo's committee-only words (reasons and comments, with the committee's replies): never in a digest. */
const SECRETS = [...committeeOnly.stances.map((s) => s.reason), ...committeeOnly.comments.map((c) => c.body)].map((text) => text.slice(0, 40));

beforeAll(async () => {
	server = await startServer({ demo: true });
	db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
	clients.set('visitor', new Client(server.url, { 'accept-language': 'en' }));
	await Promise.all(
		ROLES.map(async (role) => {
			const c = new Client(server.url, { 'accept-language': 'en' });
			await c.logIn(role, PASSWORD);
			clients.set(role, c);
		})
	);
});
afterAll(async () => {
	db?.close();
	await server?.stop();
});

const as = (who: string) => clients.get(who)!;
const text = async (who: string, path: string) => {
	const response = await as(who).get(path);
	return { status: response.status, body: await response.text(), headers: response.headers };
};

describe('the committee inbox', () => {
	it('answers the committee and administrators only, as the dashboard does: a visitor logs in, anyone else 403, its data too', async () => {
		const visitor = await as('visitor').get(`${C}/inbox`);
		expect(visitor.status).toBe(303);
		expect(visitor.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
		for (const role of ['participant', 'liaison_ar', 'translator_ar', 'moderator']) {
			const page = await text(role, `${C}/inbox`);
			expect(page.status, role).toBe(403);
			const data = await text(role, `${C}/inbox/__data.json`);
			// SvelteKit answers page data with 200 and the error inside, or with the status itself.
			expect(data.status === 403 || /"status":403/.test(data.body), `${role} __data.json`).toBe(true);
			for (const secret of SECRETS) expect(page.body + data.body, role).not.toContain(secret);
		}
		for (const role of ['committee', 'admin']) expect((await text(role, `${C}/inbox`)).status, role).toBe(200);
	});

	it('counts unanswered items per community, links each item to where it is answered, and filters with a GET form', async () => {
		const { body } = await text('committee', `${C}/inbox`);
		const rows = [...body.matchAll(/<th scope="row"><a href="\?lang=([a-zA-Z-]+)"/g)].map((m) => m[1]);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		expect(body).toContain('20 to a page');
		expect(body).toMatch(/href="\/consultations\/code-of-conduct\/clauses\/[a-z-]+\?version=\d(&amp;page=\d+)?#comment-\d+"/);
		expect(body).toMatch(/href="\/consultations\/code-of-conduct\/summaries\/\d+#respond-explanation"/);
		expect(body).toMatch(/href="\/consultations\/code-of-conduct\/translate\/ar\/[a-z-]+"/);
		expect(body).toContain(`href="${C}/moderation"`);
		expect(body).toContain('Clauses on which communities diverge');
		// The filter is a plain GET form.
		expect(body).toMatch(/<form method="GET" class="inbox-filter[^"]*"/);
		const spanish = (await text('committee', `${C}/inbox?lang=es`)).body;
		expect(spanish).toContain('Showing the Spanish community only.');
		const communities = [...spanish.matchAll(/<p class="meta[^"]*"><span class="badge[^"]*">(?:Comment|Reason)<\/span>[\s\S]*?(?:<\/span>\s*)?([A-Z][a-z]+) ·/g)].map((m) => m[1]);
		expect(communities.length).toBeGreaterThan(0);
		expect(new Set(communities)).toEqual(new Set(['Spanish']));
		expect((await text('committee', `${C}/inbox?lang=not_a_tag`)).status).toBe(400);
	});

	it('shows the committee its committee-only feedback (it is the committee’s page)', async () => {
		const secret = committeeOnly.comments.find((c) => c.replyTo === null)!.body.slice(0, 40);
		let found = false;
		for (let page = 1; page <= 10 && !found; page++) found = (await text('committee', `${C}/inbox?lang=en&page=${page}`)).body.includes(secret);
		expect(found).toBe(true);
	});
});

describe('the per-community digest', () => {
	it('shows counts with their denominators and how many items were for the committee, never their words — page, data and downloads, to everyone', async () => {
		for (const lang of ['es', 'ar', 'en', 'pt']) {
			for (const who of ['visitor', 'committee']) {
				const page = await text(who, `${C}/versions/2/communities/${lang}`);
				expect(page.status, `${who} ${lang}`).toBe(200);
				expect(page.body).toMatch(/Items only the drafting committee can read: \d/);
				const data = await text(who, `${C}/versions/2/communities/${lang}/__data.json`);
				expect(data.status).toBe(200);
				const downloads = [];
				for (const format of ['markdown', 'wikitext']) {
					const file = await text(who, `${C}/versions/2/communities/${lang}?format=${format}`);
					expect(file.status).toBe(200);
					expect(file.headers.get('content-disposition')).toBe(`attachment; filename="code-of-conduct-v2-${lang}.${format === 'markdown' ? 'md' : 'wiki'}"`);
					expect(file.body).toMatch(/Items only the drafting committee can read: \d/);
					downloads.push(file.body);
				}
				for (const secret of SECRETS) {
					for (const [what, body] of [['page', page.body], ['data', data.body], ['markdown', downloads[0]], ['wikitext', downloads[1]]]) {
						expect(body, `${who} ${lang} ${what}`).not.toContain(secret);
					}
				}
			}
		}
	});

	it('exists for Arabic, Spanish and Persian on version 1, with counts out of their denominators and reasons quoted, linked from the consultation and “what we heard”', async () => {
		for (const lang of ['ar', 'es', 'fa']) {
			const { status, body } = await text('visitor', `${C}/versions/1/communities/${lang}`);
			expect(status, lang).toBe(200);
			expect(body).toMatch(/Support: \d+ of \d+ · Oppose: \d+ of \d+ · Neutral: \d+ of \d+/);
			expect(body).toContain('<blockquote');
			expect(body).not.toMatch(/\b0\.\d{2,}/);
		}
		const heard = (await text('visitor', `${C}/versions/2/heard`)).body;
		const consultation = (await text('visitor', C)).body;
		for (const lang of ['ar', 'es', 'fa']) {
			expect(heard).toContain(`href="${C}/versions/1/communities/${lang}"`);
			expect(consultation).toContain(`href="${C}/versions/1/communities/${lang}"`);
		}
		expect((await text('visitor', `${C}/versions/3/communities/es`)).status).toBe(404);
		expect((await text('visitor', `${C}/versions/1/communities/es?format=pdf`)).status).toBe(400);
	});
});

describe('pulling from the digest into a liaison summary', () => {
	it('adds a reason or comment as a quote or a key point without JavaScript, and refuses a committee-only one', async () => {
		const summary = db.prepare("SELECT s.id FROM liaison_summaries s JOIN draft_versions v ON v.id = s.version_id WHERE s.language = 'ar' AND s.status = 'published' AND v.number = 1").get() as { id: number };
		const edit = `${C}/summaries/${summary.id}/edit`;
		const page = (await text('liaison_ar', edit)).body;
		const refs = [...page.matchAll(/name="pull" value="quote:((?:reason|comment):\d+)"/g)].map((m) => m[1]);
		expect(refs.length).toBeGreaterThan(0);
		const [kind, id] = refs[0].split(':');
		const row = db.prepare(kind === 'reason' ? 'SELECT reason AS text FROM stances WHERE id = ?' : 'SELECT body AS text FROM comments WHERE id = ?').get(Number(id)) as { text: string };
		const words = row.text.replace(/[&<>"']/g, ' ').split(/\s+/).filter(Boolean).slice(0, 3).join(' ');

		const asQuote = await as('liaison_ar').post(`${edit}?/pull`, { narrative: 'Kept as typed.', narrativeLanguage: 'ar', pull: `quote:${refs[0]}` });
		expect(asQuote.status).toBe(200);
		const quoted = await asQuote.text();
		expect(quoted).toContain('Kept as typed.');
		expect(quoted).toMatch(new RegExp(`name="entry\\.[a-z-]+\\.quote\\.0\\.original"[^>]*>[^<]*${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

		const asPoint = await as('liaison_ar').post(`${edit}?/pull`, { narrative: '', narrativeLanguage: 'ar', pull: `point:${refs[0]}` });
		expect(asPoint.status).toBe(200);
		expect(await asPoint.text()).toMatch(/name="entry\.[a-z-]+\.keyPoints"[^>]*>- /);

		// A committee-only reason of the Arabic community (on version 2, and private anyway): refused, as gone.
		const secret = db.prepare("SELECT id FROM stances WHERE committee_only = 1 AND community = 'ar'").get() as { id: number };
		const refused = await as('liaison_ar').post(`${edit}?/pull`, { narrative: '', narrativeLanguage: 'ar', pull: `quote:reason:${secret.id}` });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('That reason or comment is no longer in the digest.');
		// Nothing was stored by any of it.
		const stored = db.prepare('SELECT narrative FROM liaison_summaries WHERE id = ?').get(summary.id) as { narrative: string };
		expect(stored.narrative).not.toContain('Kept as typed.');
	});
});
