// Issue 12, items 1 and 2, over the built server with the demo: the community-voice panel shows
// every community's counts with their denominator ("8 of 10 support it") on the results page, the
// clause page and the dashboard, and no public page shows a measure as a bare decimal.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
const BASE = '/consultations/code-of-conduct';

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

const decode = (s: string) =>
	s
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&');

/** The text a reader can read: no head, scripts, styles, comments or attributes; tags become spaces. */
function visibleText(html: string): string {
	return decode(
		html
			.replace(/<head[\s\S]*?<\/head>/i, ' ')
			.replace(/<(script|style|svg)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<[^>]+>/g, ' ')
	)
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * A measure shown as a bare decimal: every measure is a number from 0 to 1, so as a decimal it
 * reads 0.148, .5, 0,61 (French), ٠٫١٥ (Arabic) or 1.00. Clause labels (1.3, 2.10), version and
 * section numbers (3.1.4, v1.2), dates, times, thousands (1,200) and percentages are not: a
 * decimal must not be part of a longer dotted number, must not follow a letter (v1.0) and must
 * not be a percentage.
 */
const BARE_DECIMAL = /(?<![\p{L}\p{N}.,٫])(?:[0٠]?[.,٫]\p{N}+|[1١][.,٫][0٠]+)(?![\p{N}]|[.,٫]\p{N}|\s?[%٪])/u;

describe('the bare-decimal check itself', () => {
	it('finds measures written as decimals, and nothing else', () => {
		for (const bad of ['Consensus 0.148', 'Divergence 0.61', 'a score of 0.0143.', 'score .5 here', 'divergence 1.00', 'consensus 0,148', 'التباعد ٠٫٦١'])
			expect(BARE_DECIMAL.test(bad), bad).toBe(true);
		for (const fine of ['1.3 Conduct outside project spaces', 'Clause 2.10', 'section 3.1.4', 'v1.0', 'version 2', '5 December 2025, 12:30 UTC', '1,200 people', '80% (43 of 54)', '0.5%', '8 of 10 support it'])
			expect(BARE_DECIMAL.test(fine), fine).toBe(false);
	});
});

async function page(path: string, client = new Client(server.url), locale = 'en'): Promise<string> {
	const response = await client.get(path, { 'accept-language': locale });
	expect(response.status, path).toBe(200);
	return response.text();
}

/** The panel's rows: community tag (or the folded row) and the text of each counts line. */
function voiceRows(html: string): { community: string | null; name: string; counts: string[] }[] {
	const start = html.indexOf('class="voice-rows"');
	expect(start, 'a community-voice panel').toBeGreaterThan(-1);
	const list = html.slice(start, html.indexOf('</ul>', start));
	return [...list.matchAll(/<li class="voice-row([^"]*)"(?: data-community="([^"]+)")?>([\s\S]*?)<\/li>/g)].map(([, , community, body]) => ({
		community: community ?? null,
		name: visibleText(/<p class="voice-name">([\s\S]*?)<\/p>/.exec(body)![1]),
		counts: [...body.matchAll(/<p class="voice-counts[^"]*">([\s\S]*?)<\/p>/g)].map(([, p]) => visibleText(p))
	}));
}

/** Every number in a counts line is "n of m": nothing is left once those are taken out. */
function expectDenominators(line: string) {
	expect(line).toMatch(/\d+ of \d+/);
	expect(line.replace(/\d[\d,]* of \d[\d,]*/g, ''), line).not.toMatch(/\p{N}/u);
}

interface Stored {
	community: string;
	support: number;
	oppose: number;
	neutral: number;
	participants: number;
}
function stored(key: string, version: number): Stored[] {
	return query<Stored>(
		`select t.community, sum(t.support) as support, sum(t.oppose) as oppose, sum(t.neutral) as neutral, sum(t.participants) as participants
		from clause_tallies t join clause_revisions r on r.id = t.revision_id join clauses c on c.id = r.clause_id
		join draft_versions v on v.id = r.version_id where c.key = ? and v.number = ? group by t.community`,
		key,
		version
	);
}

describe('the community-voice panel', () => {
	it('on the clause page: each community as "n of m", named in the reader’s language, the small ones folded', async () => {
		const [{ number }] = query<{ number: number }>(
			`select max(v.number) as number from draft_versions v join clause_revisions r on r.version_id = v.id join clause_tallies t on t.revision_id = r.id where v.status = 'published'`
		);
		const key = 'off-platform';
		const html = await page(`${BASE}/clauses/${key}?version=${number}`);
		const rows = voiceRows(html);
		const tallies = stored(key, number).filter((t) => t.support + t.oppose + t.neutral > 0);
		const names = new Intl.DisplayNames(['en'], { type: 'language' });
		const [{ min }] = query<{ min: number }>(`select min_community_size as min from consultations where slug = 'code-of-conduct'`);
		for (const t of tallies.filter((t) => t.participants >= min)) {
			const row = rows.find((r) => r.community === t.community);
			expect(row, t.community).toBeDefined();
			expect(row!.name).toBe(names.of(t.community));
			const votes = t.support + t.oppose + t.neutral;
			expect(row!.counts[0]).toContain(`${t.support} of ${votes} support`);
		}
		for (const row of rows) for (const line of row.counts) expectDenominators(line);
		// Counts of one ("1 of 5 opposes it"), never "1 oppose".
		expect(html).not.toMatch(/\b1 of \d+ (support|oppose) it/);
		// The sentence comes first.
		expect(html.indexOf('class="voice-sentence"')).toBeLessThan(html.indexOf('class="voice-rows"'));
		// In French, the same rows with the community named in French.
		const fr = voiceRows(await page(`${BASE}/clauses/${key}?version=${number}`, new Client(server.url), 'fr'));
		const frNames = new Intl.DisplayNames(['fr'], { type: 'language' });
		for (const row of fr.filter((r) => r.community)) expect(row.name).toBe(frNames.of(row.community!));
		for (const row of fr) for (const line of row.counts) expect(line.replace(/\d[\d\s\u202f]* sur \d[\d\s\u202f]*/g, ''), line).not.toMatch(/\p{N}/u);
	});

	it('on the results page: a panel per clause, every count with its denominator, bars on one scale of people', async () => {
		const html = await page(`${BASE}/results?version=1`);
		const articles = html.split('<article class="results-clause"').slice(1);
		expect(articles.length).toBe(12);
		let smallerRows = 0;
		for (const article of articles) {
			const rows = voiceRows(article);
			for (const row of rows) for (const line of row.counts) expectDenominators(line);
			if (rows.some((r) => r.community === null && r.name.startsWith('Smaller communities ('))) smallerRows++;
			// One scale: the widest bar is 100 %, and no community with no votes gets a bar.
			const widths = [...article.matchAll(/class="voice-bar[^"]*" style="inline-size: ([\d.]+)%/g)].map(([, w]) => Number(w));
			if (widths.length > 0) {
				expect(Math.max(...widths)).toBe(100);
				expect(widths.every((w) => w > 0)).toBe(true);
			}
		}
		// The demo has communities below the minimum size on some clauses.
		expect(smallerRows).toBeGreaterThan(0);
		// Liaison-reported counts: a second, outlined bar in their community's row, labelled as off-platform.
		expect(html).toContain('voice-bar voice-bar-reported');
		expect(html).toContain('Reported off the platform by liaisons');
	});
});

describe('measures in words', () => {
	it('no public page shows a measure as a bare decimal', async () => {
		const clauses = query<{ key: string; number: number }>(
			`select c.key, v.number from clauses c join clause_revisions r on r.clause_id = c.id join draft_versions v on v.id = r.version_id
			join consultations k on k.id = v.consultation_id where k.slug = 'code-of-conduct' and v.status = 'published'`
		);
		const versions = [...new Set(clauses.map((c) => c.number))];
		expect(versions.length).toBeGreaterThan(1);
		const paths = [
			`${BASE}`,
			`${BASE}/results`,
			...versions.flatMap((n) => [`${BASE}/results?version=${n}`, `${BASE}/versions/${n}/heard`]),
			...clauses.map((c) => `${BASE}/clauses/${c.key}?version=${c.number}`)
		];
		for (const locale of ['en', 'fr', 'ar']) {
			for (const path of paths) {
				const text = visibleText(await page(path, new Client(server.url), locale));
				const found = BARE_DECIMAL.exec(text);
				expect(found ? `${locale} ${path}: “…${text.slice(Math.max(0, found.index - 60), found.index + 20)}…”` : null).toBeNull();
			}
		}
	});

	it('the results page shows the words first and ranks in words and counts; the dashboard keeps the exact figures one click away', async () => {
		const html = await page(`${BASE}/results?version=1`);
		const text = visibleText(html);
		expect(text).toMatch(/Strong support in every community|Broad support across communities|Communities divided|Mixed views across communities/);
		const ranked = visibleText(html.slice(html.indexOf('id="consensus-heading"'), html.indexOf('id="measures-heading"')));
		expect(ranked).toMatch(/\d+ of \d+ support it, across \d+ communities/);
		expect(html).not.toContain('class="exact-figures"');

		const committee = new Client(server.url);
		await committee.logIn('committee', 'polyphony-demo');
		const dashboard = await page(`${BASE}/dashboard?version=1`, committee);
		expect(dashboard).toContain('<details class="exact-figures">');
		const exact = dashboard.slice(dashboard.indexOf('<details class="exact-figures">'));
		expect(visibleText(exact)).toMatch(/Consensus \S*\d\.\d+/);
		expect(dashboard.indexOf('class="data-table measures-words-table"')).toBeLessThan(dashboard.indexOf('class="exact-figures"'));
	});
});
