// Issue 12, items 3, 5 and 8 over the built server, on the demo: continuity across versions (results
// open on the version with feedback, the previous wording's feedback beside the new one, a stance
// on an earlier wording offered again), signposting (sign up or log in, back where one was with a
// one-time note; the closing date refusing feedback in the reader's language, nothing stored), and
// "what we heard" with its table of contents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

const SLUG = 'code-of-conduct';
const C = `/consultations/${SLUG}`;
const PASSWORD = 'a long enough password';
const REASON = 'Clear enough, and it protects newcomers.';

interface ApiClause {
	key: string;
	label: string;
	heading: string;
	body: string;
	counts: { support: number; oppose: number; neutral: number; comments: number };
}

let server: RunningServer;
let visitor: Client;
let committee: Client;
let admin: Client;
let newcomer: Client;
let v2: ApiClause[];
let key: string;
const clausePath = () => `${C}/clauses/${key}`;

const html = async (client: Client, path: string) => {
	const response = await client.get(path);
	expect(response.status, path).toBe(200);
	return response.text();
};
/** A refusal as the browser sees it: the page answered directly, or the page a 303 leads to. */
async function answerTo(client: Client, response: Response): Promise<string> {
	if (response.status === 303) return html(client, response.headers.get('location')!);
	return response.text();
}
const clauses = async (n: number) =>
	((await (await visitor.get(`/api/v1/consultations/${SLUG}/versions/${n}/clauses`)).json()) as { clauses: ApiClause[] }).clauses;
const documentOf = (list: ApiClause[]) =>
	`# Code of conduct\n\n${list.map((c) => `## ${c.label} ${c.heading} {#${c.key}}\n\n${c.body}\n`).join('\n')}`;

beforeAll(async () => {
	server = await startServer({ demo: true });
	visitor = new Client(server.url);
	committee = new Client(server.url);
	admin = new Client(server.url);
	newcomer = new Client(server.url);
	await committee.logIn('committee', 'polyphony-demo');
	await admin.logIn('admin', 'polyphony-demo');
	v2 = await clauses(2);
	key = v2[1].key;
});
afterAll(async () => {
	await server?.stop();
});

describe('signposting for visitors and newcomers', () => {
	it('asks visitors to sign up or log in, both links returning to the clause', async () => {
		const page = await html(visitor, clausePath());
		const back = encodeURIComponent(clausePath());
		expect(page).toContain('Sign up or log in to give your view on this clause and to comment.');
		expect(page).toContain(`href="/signup?redirectTo=${back}"`);
		expect(page).toContain(`href="/login?redirectTo=${back}"`);
		// The consultation page says what to do first — to visitors, not the participants' steps.
		const consultation = await html(visitor, C);
		expect(consultation).toContain('How to take part');
		expect(consultation).toContain('Sign up (it takes a minute) or log in.');
		expect(consultation).not.toContain('Open a clause in the list below');
		expect(consultation).toMatch(/Feedback closes on .+ UTC — in 21 days\./);
	});

	it('brings a newcomer back to the clause after signing up, with a one-time "what you can do" note', async () => {
		const signup = await html(newcomer, `/signup?redirectTo=${encodeURIComponent(clausePath())}`);
		expect(signup).toContain('Once signed up, you come back to the page you were reading.');
		const response = await newcomer.post('/signup', {
			username: 'newcomer',
			password: PASSWORD,
			displayName: 'New Comer',
			languages: 'en',
			affiliation: '',
			redirectTo: clausePath()
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(clausePath());
		const landing = await html(newcomer, clausePath());
		expect(landing).toContain('class="notice welcome-note');
		expect(landing).toContain('Welcome, New Comer!');
		// Once: a reload no longer shows it.
		expect(await html(newcomer, clausePath())).not.toContain('welcome-note');
		// Participants get the numbered steps.
		expect(await html(newcomer, C)).toContain('Open a clause in the list below and read it in your language.');
	});
});

describe('continuity across versions', () => {
	beforeAll(async () => {
		// The newcomer takes a stance on version 2; then the committee publishes version 3, with no feedback yet.
		const stance = await newcomer.post(`${clausePath()}?/stance`, {
			revision: /name="revision" value="(\d+)"/.exec(await html(newcomer, clausePath()))![1],
			stance: 'oppose',
			reason: REASON,
			language: 'en'
		});
		expect([200, 303]).toContain(stance.status);
		const next = v2.map((c, i) => (i === 1 ? { ...c, body: `${c.body}\n\nA sentence added in version 3.` } : c));
		const published = await committee.post(`${C}/import?/publish`, { document: documentOf(next), headingLevel: '2', note: 'Version 3.' });
		expect(published.status).toBe(303);
		expect((await clauses(3)).every((c) => c.counts.support + c.counts.oppose + c.counts.neutral + c.counts.comments === 0)).toBe(true);
	});

	it('opens the results on the latest version with feedback, not on the empty new one', async () => {
		const results = await html(visitor, `${C}/results`);
		expect(results).toMatch(/<option[^>]*value="2"[^>]*selected/);
		expect(results).toMatch(new RegExp(`/clauses/${key}\\?version=2"`));
		// Asked for, version 3 is still there.
		const third = await html(visitor, `${C}/results?version=3`);
		expect(third).toMatch(/<option[^>]*value="3"[^>]*selected/);

		// Version 2 has heard from fewer people than version 1: it says so, with the way to version 1's results.
		const busier = /Version (\d+) heard from (\d+) people; this version, from (\d+) so far\./;
		const [, before, people, now] = busier.exec(results) ?? [];
		expect([before, Number(people) > Number(now)]).toEqual(['1', true]);
		expect(results).toContain(`href="${C}/results?version=1"`);
		// The empty version 3 points back to version 2; version 1, the busiest, points nowhere.
		expect(busier.exec(third)?.slice(1)).toEqual(['2', expect.any(String), '0']);
		expect(await html(visitor, `${C}/results?version=1`)).not.toMatch(busier);
	});

	it('shows, on the consultation page, each clause next to its previous wording’s feedback', async () => {
		const page = await html(visitor, C);
		const previous = (await clauses(2)).filter((c) => c.counts.support + c.counts.oppose + c.counts.neutral + c.counts.comments > 0);
		expect(previous.length).toBeGreaterThan(0);
		const c = previous[0];
		const total = c.counts.support + c.counts.oppose + c.counts.neutral;
		expect(page).toContain(`Previous wording (version 2): ${c.counts.support} of ${total} supported it`);
		expect(page.match(/class="previous-feedback[ "]/g)?.length).toBe(previous.length);
	});

	it('sums up the previous wording’s feedback near the top of the clause page, with a link to all of it', async () => {
		const page = await html(visitor, clausePath());
		const top = page.indexOf('Feedback on the previous wording (version 2)');
		expect(top).toBeGreaterThan(0);
		expect(top).toBeLessThan(page.indexOf('id="stance-heading"'));
		expect(top).toBeLessThan(page.indexOf('id="earlier-heading"'));
		expect(page).toContain('href="#earlier-heading"');
		expect(page).toMatch(/\d+ of \d+ supported it, \d+ of \d+ opposed it and \d+ of \d+ were neutral\./);
		expect(page).toContain('Stances on the previous wording, per language community');
	});

	it('offers the newcomer their stance on version 2 again, prefilled and editable, saying so', async () => {
		const page = await html(newcomer, clausePath());
		expect(page).toContain('class="notice restate-notice"');
		expect(page).toContain('Your earlier choice and reason are filled in below');
		expect(page).toMatch(/<input type="radio"[^>]*value="oppose"[^>]*checked/);
		expect(page).not.toMatch(/<input type="radio"[^>]*value="support"[^>]*checked/);
		expect(page).toMatch(new RegExp(`<textarea[^>]*id="stance-reason"[^>]*>${REASON}</textarea>`));
		// One click restates it on version 3.
		const revision = /name="revision" value="(\d+)"/.exec(page)![1];
		const saved = await newcomer.post(`${clausePath()}?/stance`, { revision, stance: 'oppose', reason: REASON, language: 'en' });
		expect([200, 303]).toContain(saved.status);
		expect((await clauses(3)).find((c) => c.key === key)!.counts.oppose).toBe(1);
		expect(await html(newcomer, clausePath())).not.toContain('restate-notice');
	});
});

describe('"what we heard"', () => {
	it('has an overview in sentences, and a table of contents whose links match collapsible sections', async () => {
		const page = await html(visitor, `${C}/versions/3/heard`);
		expect(page).toMatch(/\d+ people gave feedback on version 2\. Language communities they came from: \d+\./);
		expect(page).toMatch(/Comments answered by the committee: \d+ of \d+\./);
		const start = page.indexOf('class="heard-toc');
		expect(start).toBeGreaterThan(0);
		const toc = page.slice(start, page.indexOf('</nav>', start));
		const links = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
		expect(links.length).toBe(v2.length);
		for (const id of links) expect(page, id).toMatch(new RegExp(`<details[^>]*id="${id}"[^>]*open`));
		expect(links).toContain(`heard-${key}`);
	});
});

describe('the closing date', () => {
	let before: ApiClause;
	let revision: string;
	beforeAll(async () => {
		before = (await clauses(3)).find((c) => c.key === key)!;
		revision = /name="revision" value="(\d+)"/.exec(await html(newcomer, clausePath()))![1];
		const set = await admin.post(`${C}/settings?/closing`, { closesAt: '2020-01-01T12:00' });
		expect([200, 303]).toContain(set.status);
	});

	it('refuses stances, comments and replies after it, in the reader’s language, and stores nothing', async () => {
		const fr = { 'accept-language': 'fr' };
		const posts = [
			newcomer.post(`${clausePath()}?/stance`, { revision, stance: 'support', reason: 'Changed my mind.', language: 'en' }, fr),
			newcomer.post(`${clausePath()}?/comment`, { revision, body: 'Too late?', language: 'en' }, fr)
		];
		for (const response of await Promise.all(posts)) {
			expect([403, 303]).toContain(response.status);
			expect(await answerTo(newcomer, response)).toContain('Les avis sur cette consultation ont été clos le 1 janvier 2020');
		}
		const after = (await clauses(3)).find((c) => c.key === key)!;
		expect(after.counts).toEqual(before.counts);
		// The page says so and offers no form.
		const page = await html(newcomer, clausePath());
		expect(page).toContain('Feedback closed on January 1, 2020 at 12:00 PM UTC');
		expect(page).not.toContain('action="?/stance"');
		expect(await html(visitor, C)).not.toContain('How to take part');
	});

	it('is set and removed by the consultation’s administrators only', async () => {
		const refused = await committee.post(`${C}/settings?/closing`, { closesAt: '2030-01-01T12:00' });
		expect(refused.status).toBe(403);
		const bad = await admin.post(`${C}/settings?/closing`, { closesAt: '2026-02-31T10:00' });
		expect(bad.status).toBe(400);
		const cleared = await admin.post(`${C}/settings?/closing`, { closesAt: '', clear: '1' });
		expect([200, 303]).toContain(cleared.status);
		expect(await html(newcomer, clausePath())).toContain('action="?/stance"');
	});
});
