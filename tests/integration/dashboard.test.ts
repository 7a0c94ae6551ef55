// The committee dashboard, the public results page and the tallies API over HTTP on the built
// server with the demo: who may see what, filters and settings as plain HTML forms (no JavaScript),
// and the same aggregate numbers on all three. The expected numbers here come from the stored
// tallies and the measures' own code, so this proves the pages agree; that the numbers are right
// is proved by hand-counted expectations in measures-by-hand.test.ts.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { clauseMeasures } from '../../src/lib/server/aggregation/measures';
import en from '../../messages/en.json';

let server: RunningServer;
let committee: Client;
let participant: Client;
const BASE = '/consultations/code-of-conduct';
const DASHBOARD = `${BASE}/dashboard`;
const RESULTS = `${BASE}/results`;
const API = '/api/v1/consultations/code-of-conduct/versions';

beforeAll(async () => {
	server = await startServer({ demo: true });
	committee = new Client(server.url);
	await committee.logIn('committee', 'polyphony-demo');
	participant = new Client(server.url);
	await participant.logIn('participant', 'polyphony-demo');
});
afterAll(async () => {
	await server?.stop();
});

interface Tally {
	support: number;
	oppose: number;
	neutral: number;
	comments: number;
	participants: number;
}
interface ApiClause {
	key: string;
	label: string;
	onPlatform: (Tally & { language: string })[];
	totals: Tally;
	liaisonReported: { language: string; support: number; oppose: number; neutral: number }[];
	measures: {
		pooledSupport: { support: number; votes: number; share: number | null };
		balancedSupport: number | null;
		consensus: number | null;
		divergence: number | null;
		mostSupportive: string | null;
		leastSupportive: string | null;
		weighed: { language: string }[];
		tooSmall: { language: string; participants: number; votes: number; reason: string }[];
		includesLiaisonReported: boolean;
	};
}
interface ApiTallies {
	consultation: string;
	version: number;
	minCommunitySize: number;
	measuresIncludeLiaisonCounts: boolean;
	communities: string[];
	clauses: ApiClause[];
	mostContested: string[];
	strongestConsensus: string[];
}

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The on-platform tallies of one clause of version 1, per community (for one affiliation when given), straight from SQLite. */
function storedTallies(key: string, affiliation?: string): Map<string, Tally> {
	const rows = query<Tally & { community: string }>(
		`select t.community, sum(t.support) as support, sum(t.oppose) as oppose, sum(t.neutral) as neutral,
			sum(t.comments) as comments, sum(t.participants) as participants
		from clause_tallies t
		join clause_revisions r on r.id = t.revision_id
		join clauses c on c.id = r.clause_id
		join draft_versions v on v.id = r.version_id
		where c.key = ? and v.number = 1 ${affiliation === undefined ? '' : 'and t.affiliation = ?'}
		group by t.community
		having sum(t.support + t.oppose + t.neutral + t.comments + t.participants) > 0`,
		...(affiliation === undefined ? [key] : [key, affiliation])
	);
	return new Map(rows.map(({ community, ...t }) => [community, t]));
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });
const languageOf = (name: string) => [...new Set(query<{ community: string }>('select distinct community from clause_tallies').map((r) => r.community))].find((tag) => names.of(tag) === name);

const text = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();

/** The HTML from `marker` to the next `until` (or the end). */
function slice(html: string, marker: string, until?: string): string {
	const start = html.indexOf(marker);
	expect(start, marker).toBeGreaterThan(-1);
	const end = until ? html.indexOf(until, start + marker.length) : -1;
	return html.slice(start, end === -1 ? undefined : end);
}

/** The body rows of the first table with this class in `html`: the row heading and the cells, as text. */
function rows(html: string, tableClass: string): { head: string; cells: string[] }[] {
	const table = slice(html, `class="data-table ${tableClass}"`, '</table>');
	const body = slice(table, '<tbody>', '</tbody>');
	return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => ({
		head: text(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row)![1]),
		cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell))
	}));
}

/** The counts a bars table shows per community: "7 (64%)" → 7. */
function barCounts(html: string): Map<string, { support: number; oppose: number; neutral: number; participants: number; comments: number }> {
	return new Map(
		rows(html, 'bars-table').map(({ head, cells }) => {
			const [support, oppose, neutral, , participants, comments] = cells.map((c) => Number.parseInt(c.replace(/,/g, ''), 10));
			return [languageOf(head)!, { support, oppose, neutral, participants, comments }];
		})
	);
}

async function tallies(client: Client, n: number): Promise<ApiTallies> {
	const response = await client.get(`${API}/${n}/tallies`, { accept: 'application/json' });
	expect(response.status).toBe(200);
	return (await response.json()) as ApiTallies;
}

async function page(client: Client, path: string): Promise<string> {
	const response = await client.get(path);
	expect(response.status, path).toBe(200);
	return response.text();
}

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const score = new Intl.NumberFormat('en', { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
const spread = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** What the measures table must show for a clause, computed from the API's numbers. */
function expectedRow(c: ApiClause): string[] {
	const m = c.measures;
	return [
		String(c.totals.participants),
		m.pooledSupport.share === null
			? '—'
			: en.results.measures.pooledValue
					.replace('{{percent}}', percent.format(m.pooledSupport.share))
					.replace('{{support}}', String(m.pooledSupport.support))
					.replace('{{votes}}', String(m.pooledSupport.votes)),
		m.balancedSupport === null ? '—' : percent.format(m.balancedSupport),
		m.consensus === null ? '—' : score.format(m.consensus),
		m.divergence === null ? '—' : spread.format(m.divergence),
		String(m.weighed.length)
	];
}

/** The measures in words of a page, per clause key: support on the platform, agreement, how far apart. */
function wordRows(html: string): Map<string, string[]> {
	const table = slice(html, 'class="data-table measures-words-table"', '</table>');
	const body = slice(table, '<tbody>', '</tbody>');
	return new Map(
		[...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [
			/\/clauses\/([a-z0-9-]+)\?version=/.exec(row)![1],
			[...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell))
		])
	);
}

/** The exact figures (the committee's, one click away), per clause key (its link), with the divergence cell cut to its number. */
function measuresRows(html: string): Map<string, string[]> {
	const table = slice(html, 'class="data-table measures-table"', '</table>');
	const body = slice(table, '<tbody>', '</tbody>');
	return new Map(
		[...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
			const key = /\/clauses\/([a-z0-9-]+)\?version=/.exec(row)![1];
			const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell));
			cells[4] = cells[4].split(' ')[0];
			return [key, cells];
		})
	);
}

describe('the committee dashboard', () => {
	it('is for the drafting committee: log-in for visitors, 403 for participants', async () => {
		const visitor = new Client(server.url);
		let response = await visitor.get(`${DASHBOARD}?version=1`);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`${DASHBOARD}?version=1`)}`);

		response = await participant.get(`${DASHBOARD}?version=1`);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain(en.errors.forbidden);

		response = await committee.get(`${DASHBOARD}?version=1`);
		expect(response.status).toBe(200);
		const admin = new Client(server.url);
		await admin.logIn('admin', 'polyphony-demo');
		expect((await admin.get(DASHBOARD)).status).toBe(200);

		expect((await committee.get(`${DASHBOARD}?version=99`)).status).toBe(404);
		expect((await committee.get(`${DASHBOARD}?version=1&affiliation=boss`)).status).toBe(400);
		expect((await committee.get(`${DASHBOARD}?version=1&lang=not_a_tag!`)).status).toBe(400);
	});

	it('works as plain HTML: GET filters, a POST settings form, no scripts', async () => {
		const html = await page(committee, `${DASHBOARD}?version=1`);
		expect(html).not.toContain('<script');
		const filters = slice(html, '<form method="GET" class="results-filters">', '</form>');
		for (const name of ['version', 'lang', 'affiliation', 'sort']) expect(filters).toContain(`name="${name}"`);
		expect(filters).toContain('type="submit"');
		expect(html).toMatch(/<form method="POST" action="\?version=1&amp;\/settings">/);
		expect(html).toContain('name="minCommunitySize"');
		expect(html).toContain('name="includeLiaisonCounts"');
		// Each clause has its community-voice panel, and its numbers in a table one click away.
		expect(html.match(/class="community-voice"/g)!.length).toBe(12);
		expect(html.match(/class="data-table bars-table"/g)!.length).toBe(12);
	});

	it('shows each community’s on-platform tallies as stored, and filters them by language and affiliation', async () => {
		const all = await page(committee, `${DASHBOARD}?version=1`);
		const offPlatform = slice(all, 'id="clause-off-platform"', '</article>');
		expect(barCounts(offPlatform)).toEqual(
			new Map([...storedTallies('off-platform')].map(([c, t]) => [c, { support: t.support, oppose: t.oppose, neutral: t.neutral, participants: t.participants, comments: t.comments }]))
		);

		// One language: that community's row only, in every clause.
		const arabic = await page(committee, `${DASHBOARD}?version=1&lang=ar`);
		const arabicRows = barCounts(slice(arabic, 'id="clause-off-platform"', '</article>'));
		expect([...arabicRows.keys()]).toEqual(['ar']);
		expect(arabicRows.get('ar')).toMatchObject({ support: storedTallies('off-platform').get('ar')!.support, oppose: storedTallies('off-platform').get('ar')!.oppose });
		expect(arabic.match(/class="data-table bars-table"/g)!.length).toBe(12);
		expect(arabic).toContain('<option value="ar" selected');
		// The cross-community measures still weigh every community.
		expect(measuresRows(arabic).get('off-platform')!.slice(1)).toEqual(measuresRows(all).get('off-platform')!.slice(1));

		// One affiliation: only the staff's stances count, measures included.
		const staff = await page(committee, `${DASHBOARD}?version=1&affiliation=staff`);
		const staffRows = barCounts(slice(staff, 'id="clause-off-platform"', '</article>'));
		const stored = storedTallies('off-platform', 'staff');
		expect([...staffRows.keys()].sort()).toEqual([...stored.keys()].sort());
		for (const [community, t] of stored) expect(staffRows.get(community)).toMatchObject({ support: t.support, oppose: t.oppose, neutral: t.neutral });
		const staffVotes = [...stored.values()].reduce((s, t) => s + t.support + t.oppose + t.neutral, 0);
		expect(measuresRows(staff).get('off-platform')![1]).toContain(`of ${staffVotes} votes`);
		expect(staffVotes).toBeLessThan([...storedTallies('off-platform').values()].reduce((s, t) => s + t.support + t.oppose + t.neutral, 0));

		const none = await page(committee, `${DASHBOARD}?version=1&affiliation=none`);
		expect(none).toContain('<option value="none" selected');
	});

	it('lists the published liaison summaries of the version with their channels and head counts', async () => {
		const html = await page(committee, `${DASHBOARD}?version=1`);
		const section = slice(html, 'id="liaison-heading"', 'id="settings"');
		const published = query<{ id: number; people: number }>(
			`select s.id, coalesce((select sum(participants) from summary_channels where summary_id = s.id), 0) as people
			from liaison_summaries s join draft_versions v on v.id = s.version_id
			where v.number = 1 and s.status = 'published'`
		);
		const drafts = query<{ id: number }>(`select id from liaison_summaries where status = 'draft'`);
		for (const s of published) expect(section).toContain(`href="${BASE}/summaries/${s.id}"`);
		for (const s of drafts) expect(section).not.toContain(`href="${BASE}/summaries/${s.id}"`);
		if (published.length === 0) expect(html).toContain(en.dashboard.noSummaries);
	});
});

describe('the results page and the tallies API', () => {
	it('show the same aggregate numbers as the dashboard', async () => {
		const api = await tallies(new Client(server.url), 1);
		expect(api).toMatchObject({ consultation: 'code-of-conduct', version: 1, minCommunitySize: 5, measuresIncludeLiaisonCounts: false });
		expect(api.clauses).toHaveLength(12);
		const dashboard = measuresRows(await page(committee, `${DASHBOARD}?version=1`));
		const resultsHtml = await page(new Client(server.url), `${RESULTS}?version=1`);
		// The public page shows no exact figures: words and counts.
		expect(resultsHtml).not.toContain('class="data-table measures-table"');
		const results = wordRows(resultsHtml);
		for (const clause of api.clauses) {
			// The API's on-platform counts are the stored tallies; its measures follow from them.
			const stored = storedTallies(clause.key);
			expect(new Map(clause.onPlatform.map(({ language, ...t }) => [language, t]))).toEqual(stored);
			const measures = clauseMeasures(
				clause.onPlatform.map((t) => ({ ...t, community: t.language })),
				clause.liaisonReported,
				{ minCommunitySize: 5, includeReported: false }
			);
			expect(clause.measures.balancedSupport).toBe(measures.balanced);
			expect(clause.measures.consensus).toBe(measures.consensus);
			expect(clause.measures.divergence).toBe(measures.divergence);

			expect(dashboard.get(clause.key), clause.key).toEqual(expectedRow(clause));
			const p = clause.measures.pooledSupport;
			expect(results.get(clause.key)![0], clause.key).toBe(
				p.share === null ? en.words.noVotes : `${p.support} of ${p.votes} support it (${percent.format(p.share)})`
			);
		}
		// Six communities or more are weighed on most of the demo's clauses.
		expect(api.clauses.filter((c) => c.measures.weighed.length >= 6).length).toBeGreaterThan(6);
		expect(api.mostContested.length).toBeGreaterThan(0);
	});

	it('show no committee-only content, and the composition in distinct people too', async () => {
		const html = await page(new Client(server.url), `${RESULTS}?version=1`);
		expect(html).not.toContain('<script');
		expect(html).not.toContain('/settings');
		expect(html).not.toContain('name="affiliation"');
		expect(html).not.toContain('id="liaison-heading"');
		const [{ people }] = query<{ people: number }>(
			`select count(distinct person) as people from (
				select coalesce('u' || s.user_id, 's' || s.id) as person from stances s join clause_revisions r on r.id = s.revision_id join draft_versions v on v.id = r.version_id where v.number = 1
				union select coalesce('u' || c.author_id, 'c' || c.id) from comments c join clause_revisions r on r.id = c.revision_id join draft_versions v on v.id = r.version_id where v.number = 1)`
		);
		const composition = slice(html, 'id="composition-heading"', '</section>');
		const total = slice(composition, '<tfoot>', '</tfoot>');
		expect(text(total)).toContain(`${en.results.table.total} ${people} `);
		expect(people).toBeGreaterThan(60);
	});

	it('show published versions only, except to the committee in the API', async () => {
		// The committee starts a draft of version 3.
		const start = await committee.post(`${BASE}/draft?/start`, {});
		expect([200, 303]).toContain(start.status);
		const [{ number }] = query<{ number: number }>(`select number from draft_versions where status = 'draft'`);
		const visitor = new Client(server.url);
		expect((await visitor.get(`${RESULTS}?version=${number}`)).status).toBe(404);
		expect((await committee.get(`${RESULTS}?version=${number}`)).status).toBe(404);
		expect((await visitor.get(`${API}/${number}/tallies`)).status).toBe(404);
		expect((await participant.get(`${API}/${number}/tallies`)).status).toBe(404);
		expect((await tallies(committee, number)).version).toBe(number);
		expect((await committee.get(`${DASHBOARD}?version=${number}`)).status).toBe(200);
		expect((await visitor.get(`${API}/99/tallies`)).status).toBe(404);
		expect((await visitor.get('/api/v1/consultations/nope/versions/1/tallies')).status).toBe(404);
	});
});

describe('the measure settings', () => {
	it('are the committee’s to change, with a form that works without JavaScript', async () => {
		expect((await participant.post(`${DASHBOARD}?/settings`, { minCommunitySize: '3' })).status).toBe(403);
		const visitor = new Client(server.url);
		expect((await visitor.post(`${DASHBOARD}?/settings`, { minCommunitySize: '3' })).status).toBe(303);

		let response = await committee.post(`${DASHBOARD}?/settings`, { minCommunitySize: '0' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(en.errors.minCommunitySize);
		response = await committee.post(`${DASHBOARD}?/settings`, { minCommunitySize: '2.5' });
		expect(response.status).toBe(400);
		expect((await tallies(committee, 1)).minCommunitySize).toBe(5);

		// A minimum no community reaches: every cross-community measure is "—".
		response = await committee.post(`${DASHBOARD}?version=1&/settings`, { minCommunitySize: '1000' });
		expect(response.status).toBe(200);
		const saved = await response.text();
		expect(saved).toContain(en.dashboard.settingsSaved);
		expect(measuresRows(saved).get('purpose')!.slice(2)).toEqual(['—', '—', '—', '0']);
		const strict = await tallies(committee, 1);
		expect(strict.minCommunitySize).toBe(1000);
		expect(strict.clauses.every((c) => c.measures.balancedSupport === null && c.measures.weighed.length === 0)).toBe(true);
		expect(strict.mostContested).toEqual([]);
		const results = wordRows(await page(new Client(server.url), `${RESULTS}?version=1`));
		expect(results.get('purpose')!.slice(1)).toEqual([en.words.agreement['too-few'], en.words.spread['too-few']]);

		// Liaison-reported counts enter the measures when the committee says so.
		response = await committee.post(`${DASHBOARD}?/settings`, { minCommunitySize: '5', includeLiaisonCounts: 'on' });
		expect(response.status).toBe(200);
		const withReports = await tallies(committee, 1);
		expect(withReports.measuresIncludeLiaisonCounts).toBe(true);
		const reported = withReports.clauses.filter((c) => c.liaisonReported.length > 0);
		for (const c of reported) {
			const reportedVotes = c.liaisonReported.reduce((s, r) => s + r.support + r.oppose + r.neutral, 0);
			const platformVotes = c.totals.support + c.totals.oppose + c.totals.neutral;
			expect(c.measures.pooledSupport.votes).toBe(platformVotes + reportedVotes);
			expect(c.measures.includesLiaisonReported).toBe(true);
		}
		const dashboard = await page(committee, `${DASHBOARD}?version=1`);
		expect(dashboard).toContain(en.results.reportedIncluded);
		expect(dashboard).toMatch(/<input type="checkbox" name="includeLiaisonCounts" checked/);

		// Back to the defaults.
		response = await committee.post(`${DASHBOARD}?/settings`, { minCommunitySize: '5' });
		expect(response.status).toBe(200);
		expect(await tallies(committee, 1)).toMatchObject({ minCommunitySize: 5, measuresIncludeLiaisonCounts: false });
	});
});
