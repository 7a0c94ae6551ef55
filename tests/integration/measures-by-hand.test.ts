// The dashboard, the results page, the clause page and the tallies API over the built server, on a
// consultation small enough to count by hand: every expected number below is written out, worked
// from docs/measures.md's formulas in the comment beside it, never computed by the code under test.
// (dashboard.test.ts, beside this file, checks on the demo that the pages agree with each other.)
//
// Two clauses, three language communities, 16 participants. A participant's community is the first
// language of their profile; the minimum community size is the default, 5.
//
//   purpose      support oppose neutral votes participants comments
//     es (6)        4      1      1      6        6          1     es1 also commented
//     ar (5)        1      3      0      4        5          1     ar5 only commented
//     en (3)        2      1      0      3        3          0     en3 supported, then changed to oppose
//
//   respect
//     es (6)        5      0      1      6        6          0
//     ar (5)        4      1      0      5        5          0
//     en (5)        3      1      1      5        5          0
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, type TestDb } from '../support/db';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { createUser } from '../../src/lib/server/accounts/service';
import { hashPassword } from '../../src/lib/server/auth/password';
import { currentRevisionId } from '../../src/lib/server/clauses/service';
import { addComment } from '../../src/lib/server/comments/service';
import { assignRole } from '../../src/lib/server/roles/service';
import { setStance } from '../../src/lib/server/stances/service';
import type { StanceValue } from '../../src/lib/server/db/schema';

const SLUG = 'hand-counted';
const BASE = `/consultations/${SLUG}`;
const DRAFT = `# A policy counted by hand

## 1 Purpose {#purpose}

Why this policy exists.

## 2 Respect {#respect}

Treat everyone with respect.
`;

let t: TestDb;
let server: RunningServer;
let committee: Client;

beforeAll(async () => {
	t = createTestDb();
	const { consultation } = makeConsultation(t.db, { slug: SLUG, draft: DRAFT, languages: ['es', 'ar'] });
	const purpose = currentRevisionId(t.db, consultation.id, 'purpose')!;
	const respect = currentRevisionId(t.db, consultation.id, 'respect')!;
	const person = (name: string, language: string) =>
		createUser(t.db, { username: name, displayName: name, languages: [language], affiliation: null, passwordHash: 'not-a-real-hash' });
	const people = new Map<string, number>();
	for (const [language, n] of [['es', 6], ['ar', 5], ['en', 5]] as const) {
		for (let i = 1; i <= n; i++) people.set(`${language}${i}`, person(`${language}${i}`, language).id);
	}
	const stance = (revisionId: number, who: string, value: StanceValue) =>
		setStance(t.db, { revisionId, userId: people.get(who)!, stance: value, reason: null, language: who.slice(0, 2) });
	const stances: Record<string, StanceValue> = {
		es1: 'support', es2: 'support', es3: 'support', es4: 'support', es5: 'oppose', es6: 'neutral',
		ar1: 'support', ar2: 'oppose', ar3: 'oppose', ar4: 'oppose',
		en1: 'support', en2: 'support', en3: 'support'
	};
	for (const [who, value] of Object.entries(stances)) stance(purpose, who, value);
	// A changed stance moves between support and oppose; it is still one vote and one participant.
	stance(purpose, 'en3', 'oppose');
	addComment(t.db, { revisionId: purpose, authorId: people.get('es1')!, language: 'es', body: 'Un comentario.' });
	addComment(t.db, { revisionId: purpose, authorId: people.get('ar5')!, language: 'ar', body: 'تعليق.' });
	for (const who of ['es1', 'es2', 'es3', 'es4', 'es5', 'ar1', 'ar2', 'ar3', 'ar4', 'en1', 'en2', 'en3']) stance(respect, who, 'support');
	for (const [who, value] of [['es6', 'neutral'], ['ar5', 'oppose'], ['en4', 'oppose'], ['en5', 'neutral']] as const) stance(respect, who, value);

	const member = createUser(t.db, {
		username: 'committee',
		displayName: 'Committee member',
		languages: ['en'],
		affiliation: null,
		passwordHash: await hashPassword('counted-by-hand')
	});
	assignRole(t.db, { consultationId: consultation.id, userId: member.id, role: 'committee' });

	server = await startServer({ demo: false, databasePath: t.path });
	committee = new Client(server.url);
	await committee.logIn('committee', 'counted-by-hand');
});
afterAll(async () => {
	await server?.stop();
	t?.close();
});

// ---------------------------------------------------------------------------------------------
// The expectations, by hand (docs/measures.md, "The measures" and "In words").

const PURPOSE = {
	onPlatform: {
		es: { support: 4, oppose: 1, neutral: 1, comments: 1, participants: 6 },
		ar: { support: 1, oppose: 3, neutral: 0, comments: 1, participants: 5 },
		en: { support: 2, oppose: 1, neutral: 0, comments: 0, participants: 3 }
	},
	// 6 + 5 + 3 people took part; en (3 < 5) is too small to weigh.
	participants: 14,
	// pooled = (4 + 1 + 2) / (6 + 4 + 3) = 7/13 ≈ 53.8% → "54%"
	pooled: { support: 7, votes: 13, share: 7 / 13 },
	// weighed: es, share 4/6; ar, share 1/4 — most supportive first
	weighed: ['es', 'ar'],
	// balanced = (4/6 + 1/4) / 2 = (8/12 + 3/12) / 2 = 11/24 ≈ 45.8% → "46%"
	balanced: 11 / 24,
	// consensus = (4 + 1)/(6 + 2) × (1 + 1)/(4 + 2) = 5/8 × 2/6 = 10/48 = 5/24 ≈ 0.2083 → "0.208"
	consensus: 5 / 24,
	// divergence = 4/6 − 1/4 = 8/12 − 3/12 = 5/12 ≈ 0.4167 → "0.42"
	divergence: 5 / 12,
	exact: ['14', '54% (7 of 13 votes)', '46%', '0.208', '0.42', '2'],
	words: [
		'7 of 13 support it (54%)',
		// es supports (4 of 6 > half), ar opposes (3 of 4 > half): S = 1 and O = 1 → divided
		'Communities divided',
		// 5/12 ≥ 0.4 → far apart; es 4/6 = 67%, ar 1/4 = 25%
		'Far apart (most supportive: Spanish, 4 of 6 (67%); least: Arabic, 1 of 4 (25%))'
	],
	// No leaning is shared by more than half of the 2 described communities → "do not agree", then each leaning.
	sentence: 'Communities do not agree; participants in Spanish support it; participants in Arabic oppose it.',
	panel: [
		{ name: 'All communities on the platform', counts: ['7 of 13 support it · 5 of 13 oppose it · 1 of 13 is neutral'] },
		{ name: 'Spanish', counts: ['On the platform: 4 of 6 support it · 1 of 6 opposes it · 1 of 6 is neutral'] },
		{ name: 'Arabic', counts: ['On the platform: 1 of 4 supports it · 3 of 4 oppose it'] },
		// en has 3 people, under the minimum of 5: folded.
		{ name: 'Smaller communities (3 people)', counts: ['2 of 3 support it · 1 of 3 opposes it'] }
	],
	// The longest bar: es's 6 votes.
	scale: 'All bars share one scale of people: the longest stands for 6 people.'
};

const RESPECT = {
	onPlatform: {
		es: { support: 5, oppose: 0, neutral: 1, comments: 0, participants: 6 },
		ar: { support: 4, oppose: 1, neutral: 0, comments: 0, participants: 5 },
		en: { support: 3, oppose: 1, neutral: 1, comments: 0, participants: 5 }
	},
	participants: 16,
	// pooled = (5 + 4 + 3) / (6 + 5 + 5) = 12/16 = 75%
	pooled: { support: 12, votes: 16, share: 12 / 16 },
	// shares: es 5/6, ar 4/5, en 3/5
	weighed: ['es', 'ar', 'en'],
	// balanced = (5/6 + 4/5 + 3/5) / 3 = (25/30 + 24/30 + 18/30) / 3 = 67/90 ≈ 74.4% → "74%"
	balanced: 67 / 90,
	// consensus = (5 + 1)/(6 + 2) × (4 + 1)/(5 + 2) × (3 + 1)/(5 + 2) = 6/8 × 5/7 × 4/7 = 120/392 = 15/49 ≈ 0.3061 → "0.306"
	consensus: 15 / 49,
	// divergence = 5/6 − 3/5 = 25/30 − 18/30 = 7/30 ≈ 0.2333 → "0.23"
	divergence: 7 / 30,
	exact: ['16', '75% (12 of 16 votes)', '74%', '0.306', '0.23', '3'],
	words: [
		'12 of 16 support it (75%)',
		// all 3 support, but en with 3/5 = 60% < 2/3 (not "strong"); S = 3 ≥ 2 × 3/3 and O = 0 → broad
		'Broad support across communities',
		// 0.2 ≤ 7/30 < 0.4 → somewhat apart; es 5/6 = 83%, en 3/5 = 60%
		'Somewhat apart (most supportive: Spanish, 5 of 6 (83%); least: English, 3 of 5 (60%))'
	],
	sentence: 'Every community supports it.',
	panel: [
		{ name: 'All communities on the platform', counts: ['12 of 16 support it · 2 of 16 oppose it · 2 of 16 are neutral'] },
		// Most participants first; ar and en both have 5 (then by tag).
		{ name: 'Spanish', counts: ['On the platform: 5 of 6 support it · 1 of 6 is neutral'] },
		{ name: 'Arabic', counts: ['On the platform: 4 of 5 support it · 1 of 5 opposes it'] },
		{ name: 'English', counts: ['On the platform: 3 of 5 support it · 1 of 5 opposes it · 1 of 5 is neutral'] }
	],
	scale: 'All bars share one scale of people: the longest stands for 6 people.'
};

const CLAUSES = { purpose: PURPOSE, respect: RESPECT };

// ---------------------------------------------------------------------------------------------
// Reading pages

const text = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/\s+/g, ' ')
		.replace(/\( /g, '(')
		.replace(/ \)/g, ')')
		.trim();

/** The HTML from `marker` to the next `until` (or the end). */
function slice(html: string, marker: string, until?: string): string {
	const start = html.indexOf(marker);
	expect(start, marker).toBeGreaterThan(-1);
	const end = until ? html.indexOf(until, start + marker.length) : -1;
	return html.slice(start, end === -1 ? undefined : end);
}

/** A table's body rows by the clause key of their link, as the text of their cells. */
function rowsByClause(html: string, tableClass: string): Map<string, string[]> {
	const body = slice(slice(html, `class="data-table ${tableClass}"`, '</table>'), '<tbody>', '</tbody>');
	return new Map(
		[...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [
			/\/clauses\/([a-z0-9-]+)\?version=/.exec(row)![1],
			[...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell))
		])
	);
}

/** A clause's numbers table (one click away under its panel): per community name, support / oppose / neutral / participants / comments. */
function barCounts(article: string): Record<string, number[]> {
	const body = slice(slice(article, 'class="data-table bars-table"', '</table>'), '<tbody>', '</tbody>');
	return Object.fromEntries(
		[...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
			const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => Number.parseInt(text(cell), 10));
			const [support, oppose, neutral, , participants, comments] = cells;
			return [text(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row)![1]), [support, oppose, neutral, participants, comments]];
		})
	);
}

/** A community-voice panel as read: its sentence, each row's name and counts, and the scale's note. */
function panel(html: string): { sentence: string; rows: { name: string; counts: string[] }[]; scale: string } {
	const voice = slice(html, 'class="community-voice"', 'class="measure-words"');
	const rows = slice(voice, 'class="voice-rows"', '</ul>');
	return {
		sentence: text(/<p class="voice-sentence">([\s\S]*?)<\/p>/.exec(voice)![1]),
		rows: [...rows.matchAll(/<li class="voice-row[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map(([, row]) => ({
			name: text(/<p class="voice-name">([\s\S]*?)<\/p>/.exec(row)![1]),
			counts: [...row.matchAll(/<p class="voice-counts[^"]*">([\s\S]*?)<\/p>/g)].map(([, p]) => text(p))
		})),
		scale: text([...voice.matchAll(/<p class="hint">([\s\S]*?)<\/p>/g)].at(-1)![1])
	};
}

async function page(client: Client, path: string): Promise<string> {
	const response = await client.get(path, { 'accept-language': 'en' });
	// The server's log says why, should a page fail.
	expect(response.status, `${path}\n${response.status === 200 ? '' : server.output().slice(-2_000)}`).toBe(200);
	return response.text();
}

const NAMES: Record<string, string> = { es: 'Spanish', ar: 'Arabic', en: 'English' };

// ---------------------------------------------------------------------------------------------

describe('measures counted by hand', () => {
	it('the tallies API gives the hand-counted tallies and measures', async () => {
		const response = await new Client(server.url).get(`/api/v1/consultations/${SLUG}/versions/1/tallies`, { accept: 'application/json' });
		expect(response.status).toBe(200);
		const api = (await response.json()) as {
			minCommunitySize: number;
			clauses: {
				key: string;
				onPlatform: { language: string; support: number; oppose: number; neutral: number; comments: number; participants: number }[];
				totals: { participants: number };
				measures: {
					pooledSupport: { support: number; votes: number; share: number };
					balancedSupport: number;
					consensus: number;
					divergence: number;
					mostSupportive: string;
					leastSupportive: string;
					weighed: { language: string }[];
					tooSmall: { language: string; participants: number; votes: number; reason: string }[];
				};
			}[];
			mostContested: string[];
			strongestConsensus: string[];
		};
		expect(api.minCommunitySize).toBe(5);
		expect(api.clauses.map((c) => c.key)).toEqual(['purpose', 'respect']);
		for (const c of api.clauses) {
			const expected = CLAUSES[c.key as keyof typeof CLAUSES];
			expect(Object.fromEntries(c.onPlatform.map(({ language, ...tally }) => [language, tally])), c.key).toEqual(expected.onPlatform);
			expect(c.totals.participants, c.key).toBe(expected.participants);
			const m = c.measures;
			expect(m.pooledSupport.support, c.key).toBe(expected.pooled.support);
			expect(m.pooledSupport.votes, c.key).toBe(expected.pooled.votes);
			expect(m.pooledSupport.share, c.key).toBeCloseTo(expected.pooled.share, 12);
			expect(m.balancedSupport, c.key).toBeCloseTo(expected.balanced, 12);
			expect(m.consensus, c.key).toBeCloseTo(expected.consensus, 12);
			expect(m.divergence, c.key).toBeCloseTo(expected.divergence, 12);
			expect(m.weighed.map((w) => w.language), c.key).toEqual(expected.weighed);
			expect([m.mostSupportive, m.leastSupportive], c.key).toEqual([expected.weighed[0], expected.weighed.at(-1)]);
		}
		expect(api.clauses[0].measures.tooSmall).toEqual([{ language: 'en', participants: 3, votes: 3, reason: 'too-few-participants' }]);
		expect(api.clauses[1].measures.tooSmall).toEqual([]);
		// Contested: purpose's 5/12 > respect's 7/30. Consensus: respect's 15/49 ≈ 0.306 > purpose's 5/24 ≈ 0.208.
		expect(api.mostContested).toEqual(['purpose', 'respect']);
		expect(api.strongestConsensus).toEqual(['respect', 'purpose']);
	});

	it('the committee dashboard shows the hand-counted counts, figures and words', async () => {
		const html = await page(committee, `${BASE}/dashboard?version=1`);
		const exact = rowsByClause(html, 'measures-table');
		const words = rowsByClause(html, 'measures-words-table');
		for (const [key, expected] of Object.entries(CLAUSES)) {
			const cells = exact.get(key)!;
			// The divergence cell carries the most and least supportive communities after its figure.
			expect([...cells.slice(0, 4), cells[4].split(' ')[0], cells[5]], key).toEqual(expected.exact);
			expect(words.get(key), key).toEqual(expected.words);
			const article = slice(html, `id="clause-${key}"`, '</article>');
			expect(barCounts(article), key).toEqual(
				Object.fromEntries(Object.entries(expected.onPlatform).map(([tag, c]) => [NAMES[tag], [c.support, c.oppose, c.neutral, c.participants, c.comments]]))
			);
			expect(panel(article), key).toEqual({ sentence: expected.sentence, rows: expected.panel, scale: expected.scale });
		}
	});

	it('the public results page shows the same in words and counts, without the exact figures', async () => {
		const html = await page(new Client(server.url), `${BASE}/results?version=1`);
		expect(html).not.toContain('class="data-table measures-table"');
		const words = rowsByClause(html, 'measures-words-table');
		for (const [key, expected] of Object.entries(CLAUSES)) {
			expect(words.get(key), key).toEqual(expected.words);
			const article = slice(html, `id="clause-${key}"`, '</article>');
			expect(panel(article), key).toEqual({ sentence: expected.sentence, rows: expected.panel, scale: expected.scale });
		}
		// The ranked lists, in the same order as the API's.
		const ranked = slice(html, 'id="ranked-heading"', '</section>');
		expect(text(ranked)).toMatch(/Far apart.*Somewhat apart/);
	});

	it('the clause page’s community-voice panel says the same', async () => {
		for (const [key, expected] of Object.entries(CLAUSES)) {
			const html = await page(new Client(server.url), `${BASE}/clauses/${key}?version=1`);
			const voice = slice(html, 'class="community-voice"');
			expect(text(/<p class="voice-sentence">([\s\S]*?)<\/p>/.exec(voice)![1]), key).toBe(expected.sentence);
			const rows = slice(voice, 'class="voice-rows"', '</ul>');
			const counts = [...rows.matchAll(/<p class="voice-counts[^"]*">([\s\S]*?)<\/p>/g)].map(([, p]) => text(p));
			expect(counts, key).toEqual(expected.panel.filter((r) => r.name !== 'All communities on the platform').flatMap((r) => r.counts));
		}
	});
});
