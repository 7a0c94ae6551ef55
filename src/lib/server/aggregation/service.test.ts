import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { recordSummaryResponse } from '../responses/summaries';
import { consultations, liaisonSummaries, summaryChannels, summaryEntries, type Affiliation, type Consultation, type DraftVersion, type StanceValue } from '../db/schema';
import { readClause } from '../clauses/service';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import { talliesByCommunity, versionTallies } from '../tallies/read';
import { liaisonSummariesByLanguage } from '../summaries/published';
import {
	cachedVersionPeople,
	gridPageSize,
	participationFingerprint,
	sortClauses,
	updateMeasureSettings,
	versionPeople,
	versionResults
} from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const S = 'support' as const;
const O = 'oppose' as const;

/**
 * Three clauses; 13 people in four communities:
 *   purpose:   es 4 support, 1 oppose (5 people); ar 5 support (5); fr 2 support (2), one of whom
 *              also comments; en 1 person who only comments.
 *   respect:   es 2 support, 3 oppose; ar 5 oppose.
 *   reporting: es 3 support (3 people): no community but es has feedback, and es is too small.
 * The Spanish community is 3 volunteers and 2 staff; everyone else is a volunteer.
 */
function scenario() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar', 'fr'] });
	const rev = (key: string) => readClause(t.db, version.id, key, 'en', 'en')!.revisionId;
	const purpose = rev('purpose');
	const respect = rev('respect');
	const reporting = rev('reporting');
	const people = (language: string, affiliations: (Affiliation | null)[]) =>
		affiliations.map((affiliation) => makeUser(t.db, { languages: [language], affiliation }));
	const es = people('es', ['volunteer', 'volunteer', 'volunteer', 'staff', 'staff']);
	const ar = people('ar', Array<'volunteer'>(5).fill('volunteer'));
	const fr = people('fr', ['volunteer', 'volunteer']);
	const [en] = people('en', ['volunteer']);
	let now = 1000;
	const vote = (revisionId: number, who: { id: number }[], values: StanceValue[]) =>
		values.forEach((stance, i) => setStance(t.db, { revisionId, userId: who[i].id, stance, reason: null, language: 'en', now: ++now }));
	vote(purpose, es, [S, S, S, S, O]);
	vote(purpose, ar, [S, S, S, S, S]);
	vote(purpose, fr, [S, S]);
	addComment(t.db, { revisionId: purpose, authorId: fr[0].id, language: 'fr', body: 'Bien.', now: ++now });
	addComment(t.db, { revisionId: purpose, authorId: en.id, language: 'en', body: 'A question.', now: ++now });
	vote(respect, es, [S, S, O, O, O]);
	vote(respect, ar, [O, O, O, O, O]);
	vote(reporting, es, [S, S, S]);
	return { consultation, version, purpose, respect, reporting, liaison: makeUser(t.db, { languages: ['fr'] }) };
}

function settings(c: Consultation): Consultation {
	return t.db.select().from(consultations).where(eq(consultations.id, c.id)).get()!;
}

/** A liaison summary written straight into its tables (the summaries service is not needed to read them). */
function summary(
	version: DraftVersion,
	authorId: number,
	input: {
		language: string;
		status: 'draft' | 'published';
		channels?: { kind: 'chat-group' | 'video-call' | 'survey'; participants: number; description?: string }[];
		entries: { revisionId: number; asked?: boolean; support?: number; oppose?: number; neutral?: number }[];
	}
) {
	const row = t.db
		.insert(liaisonSummaries)
		.values({
			consultationId: version.consultationId,
			versionId: version.id,
			language: input.language,
			authorId,
			status: input.status,
			narrativeLanguage: input.language,
			publishedAt: input.status === 'published' ? 5000 : null
		})
		.returning()
		.get();
	(input.channels ?? []).forEach((c, position) =>
		t.db.insert(summaryChannels).values({ summaryId: row.id, kind: c.kind, description: c.description ?? '', participants: c.participants, position }).run()
	);
	for (const e of input.entries) {
		t.db.insert(summaryEntries)
			.values({ summaryId: row.id, revisionId: e.revisionId, asked: e.asked ?? true, support: e.support ?? 0, oppose: e.oppose ?? 0, neutral: e.neutral ?? 0 })
			.run();
	}
	return row;
}

describe('version results', () => {
	it('give each clause its tallies per community, its measures and the ranked lists', () => {
		const { consultation, version, purpose } = scenario();
		const r = versionResults(t.db, consultation, version);
		expect(r.minCommunitySize).toBe(5);
		// Participations (a person once per clause): es 5 + 5 + 3 = 13, ar 5 + 5 = 10, fr 2, en 1.
		expect(r.communities).toEqual(['es', 'ar', 'fr', 'en']);
		expect(r.clauses.map((c) => c.key)).toEqual(['purpose', 'respect', 'reporting']);

		const [p, q, s] = r.clauses;
		expect(p.revisionId).toBe(purpose);
		expect(p.communities).toEqual([
			{ community: 'es', support: 4, oppose: 1, neutral: 0, comments: 0, participants: 5 },
			{ community: 'ar', support: 5, oppose: 0, neutral: 0, comments: 0, participants: 5 },
			{ community: 'fr', support: 2, oppose: 0, neutral: 0, comments: 1, participants: 2 },
			{ community: 'en', support: 0, oppose: 0, neutral: 0, comments: 1, participants: 1 }
		]);
		expect(p.totals).toEqual({ support: 11, oppose: 1, neutral: 0, comments: 2, participants: 13 });
		// Purpose: pooled 11/12; weighed es 4/5 = 0.8 and ar 5/5 = 1; balanced 0.9;
		// consensus (4 + 1)/(5 + 2) × (5 + 1)/(5 + 2) = 30/49; divergence 1 − 0.8 = 0.2.
		expect(p.measures.pooled).toEqual({ support: 11, votes: 12, share: 11 / 12 });
		expect(p.measures.balanced).toBeCloseTo(0.9, 12);
		expect(p.measures.consensus).toBeCloseTo(30 / 49, 12);
		expect(p.measures.divergence).toBeCloseTo(0.2, 12);
		expect(p.measures.tooSmall.map((c) => c.community)).toEqual(['fr', 'en']);
		// Respect: es 2/5 = 0.4, ar 0/5 = 0; balanced 0.2; consensus 3/7 × 1/7 = 3/49; divergence 0.4.
		expect(q.measures.balanced).toBeCloseTo(0.2, 12);
		expect(q.measures.consensus).toBeCloseTo(3 / 49, 12);
		expect(q.measures.divergence).toBeCloseTo(0.4, 12);
		// Reporting: one community of 3 people: no cross-community measures.
		expect(s.measures.pooled.share).toBe(1);
		expect([s.measures.balanced, s.measures.consensus, s.measures.divergence]).toEqual([null, null, null]);

		expect(r.contested.map((c) => c.key)).toEqual(['respect', 'purpose']);
		expect(r.consensus.map((c) => c.key)).toEqual(['purpose', 'respect']);
		expect(sortClauses(r.clauses, 'contested').map((c) => c.key)).toEqual(['respect', 'purpose', 'reporting']);
		expect(sortClauses(r.clauses, 'participants').map((c) => c.key)).toEqual(['purpose', 'respect', 'reporting']);
		expect(sortClauses(r.clauses, 'pooled').map((c) => c.key)).toEqual(['reporting', 'purpose', 'respect']);

		expect(r.composition.byCommunity).toEqual([
			{ group: 'es', support: 9, oppose: 4, neutral: 0, comments: 0, participants: 13, stances: 13 },
			{ group: 'ar', support: 5, oppose: 5, neutral: 0, comments: 0, participants: 10, stances: 10 },
			{ group: 'fr', support: 2, oppose: 0, neutral: 0, comments: 1, participants: 2, stances: 2 },
			{ group: 'en', support: 0, oppose: 0, neutral: 0, comments: 1, participants: 1, stances: 0 }
		]);
		// Staff: the two Spanish staff members, on three clauses each but reporting (3 volunteers voted there): 4 participations.
		expect(r.composition.byAffiliation.map((a) => [a.group, a.participants, a.stances])).toEqual([
			['volunteer', 22, 21],
			['staff', 4, 4]
		]);
		expect(r.composition.totals).toMatchObject({ participants: 26, stances: 25, comments: 2 });
	});

	it('filter by language (the grid shows one community; the measures still weigh them all) and by affiliation', () => {
		const { consultation, version } = scenario();
		const ar = versionResults(t.db, consultation, version, { community: 'ar' });
		const [p, q] = ar.clauses;
		expect(p.communities.map((c) => c.community)).toEqual(['ar']);
		expect(p.totals).toEqual({ support: 5, oppose: 0, neutral: 0, comments: 0, participants: 5 });
		expect(q.totals).toMatchObject({ support: 0, oppose: 5 });
		expect(p.measures.balanced).toBeCloseTo(0.9, 12);
		expect(ar.composition.byCommunity.map((c) => c.group)).toEqual(['ar']);
		expect(ar.composition.byAffiliation.map((a) => [a.group, a.participants])).toEqual([['volunteer', 10]]);

		const staff = versionResults(t.db, consultation, version, { affiliation: 'staff' });
		// The Spanish staff (the 4th and 5th Spanish people) on purpose: one support, one oppose.
		expect(staff.clauses[0].communities).toEqual([{ community: 'es', support: 1, oppose: 1, neutral: 0, comments: 0, participants: 2 }]);
		expect(staff.communities).toEqual(['es']);
		expect(staff.clauses[0].measures.pooled).toEqual({ support: 1, votes: 2, share: 0.5 });
		expect(staff.clauses[0].measures.weighed).toEqual([]);
		expect(staff.composition.byAffiliation).toEqual([{ group: 'staff', support: 1, oppose: 3, neutral: 0, comments: 0, participants: 4, stances: 4 }]);

		const none = versionResults(t.db, consultation, version, { affiliation: '' });
		expect(none.clauses.every((c) => c.communities.length === 0)).toBe(true);
	});

	it('show liaison-reported counts apart, and add them to the measures only when the committee says so', () => {
		const { consultation, version, purpose, respect, liaison } = scenario();
		const first = summary(version, liaison.id, {
			language: 'fr',
			status: 'published',
			channels: [
				{ kind: 'chat-group', participants: 12, description: 'Groupe Telegram' },
				{ kind: 'video-call', participants: 5 }
			],
			entries: [{ revisionId: purpose, support: 3 }, { revisionId: respect, asked: false }]
		});
		summary(version, liaison.id, { language: 'fr', status: 'published', channels: [{ kind: 'survey', participants: 8 }], entries: [{ revisionId: purpose, support: 1, oppose: 1 }] });
		summary(version, liaison.id, { language: 'fr', status: 'draft', entries: [{ revisionId: purpose, support: 100 }] });

		const off = versionResults(t.db, consultation, version);
		// Two published summaries: 3 + 1 support, 0 + 1 oppose; the draft and the "not asked" entry do not count.
		expect(off.clauses[0].reported).toEqual([{ language: 'fr', support: 4, oppose: 1, neutral: 0 }]);
		expect(off.clauses[1].reported).toEqual([]);
		expect(off.includeReported).toBe(false);
		expect(off.clauses[0].measures.pooled.share).toBeCloseTo(11 / 12, 12);
		// On-platform tallies never include them.
		expect(off.clauses[0].communities.find((c) => c.community === 'fr')).toMatchObject({ support: 2, oppose: 0 });

		updateMeasureSettings(t.db, consultation.id, { minCommunitySize: 5, includeLiaisonCounts: true });
		const on = versionResults(t.db, settings(consultation), version);
		const m = on.clauses[0].measures;
		expect(on.includeReported).toBe(true);
		// fr: 2 + 4 support, 0 + 1 oppose, 2 + 5 participants = 7 ≥ 5: weighed, share 6/7.
		expect(m.weighed.map((c) => [c.community, c.support, c.votes, c.participants])).toEqual([
			['ar', 5, 5, 5],
			['fr', 6, 7, 7],
			['es', 4, 5, 5]
		]);
		// Pooled (4 + 5 + 6)/(5 + 5 + 7) = 15/17; balanced (0.8 + 1 + 6/7)/3;
		// consensus 5/7 × 6/7 × 7/9 = 10/21; divergence 1 − 0.8 = 0.2.
		expect(m.pooled).toEqual({ support: 15, votes: 17, share: 15 / 17 });
		expect(m.balanced).toBeCloseTo((0.8 + 1 + 6 / 7) / 3, 12);
		expect(m.consensus).toBeCloseTo(10 / 21, 12);
		expect(m.divergence).toBeCloseTo(0.2, 12);

		// Reported counts carry no affiliation: under an affiliation filter they stay out of the measures.
		const staff = versionResults(t.db, settings(consultation), version, { affiliation: 'volunteer' });
		expect(staff.includeReportedSetting).toBe(true);
		expect(staff.includeReported).toBe(false);
		expect(staff.clauses[0].measures.includesReported).toBe(false);

		expect(liaisonSummariesByLanguage(t.db, version.id)).toEqual([
			{
				language: 'fr',
				headCount: 25,
				summaries: [
					{
						id: first.id,
						author: expect.objectContaining({ displayName: liaison.displayName, username: liaison.username }),
						publishedAt: 5000,
						headCount: 17,
						response: null,
						channels: [
							{ kind: 'chat-group', description: 'Groupe Telegram', participants: 12 },
							{ kind: 'video-call', description: '', participants: 5 }
						]
					},
					expect.objectContaining({ headCount: 8, channels: [{ kind: 'survey', description: '', participants: 8 }] })
				]
			}
		]);
		expect(liaisonSummariesByLanguage(t.db, version.id, 'ar')).toEqual([]);
		// The committee's answer shows with its summary, the summary's channels unchanged.
		recordSummaryResponse(t.db, { summaryId: first.id, consultationId: consultation.id, status: 'partly', explanation: 'Heard.', authorId: liaison.id });
		const [fr] = liaisonSummariesByLanguage(t.db, version.id);
		expect(fr.summaries.map((x) => [x.id, x.response, x.channels.length])).toEqual([
			[first.id, 'partly', 2],
			[fr.summaries[1].id, null, 1]
		]);
	});

	it('follow the minimum community size the committee sets', () => {
		const { consultation, version } = scenario();
		updateMeasureSettings(t.db, consultation.id, { minCommunitySize: 2, includeLiaisonCounts: false });
		const r = versionResults(t.db, settings(consultation), version);
		// fr (2 people, 2 support) now enters purpose: shares 1, 1, 0.8 → divergence 0.2; consensus × 3/4.
		expect(r.clauses[0].measures.weighed.map((c) => c.community)).toEqual(['ar', 'fr', 'es']);
		expect(r.clauses[0].measures.consensus).toBeCloseTo((30 / 49) * (3 / 4), 12);
		// en only commented: no votes, still not weighed.
		expect(r.clauses[0].measures.tooSmall).toEqual([{ community: 'en', votes: 0, participants: 1, reason: 'no-votes' }]);
		// Reporting: es alone (3 ≥ 2), still one community only.
		expect(r.clauses[2].measures.balanced).toBeNull();
	});

	it('count distinct people over a whole version, per community and affiliation', () => {
		const { version } = scenario();
		expect(versionPeople(t.db, version.id)).toEqual({
			total: 13,
			byCommunity: [
				{ group: 'ar', people: 5 },
				{ group: 'es', people: 5 },
				{ group: 'fr', people: 2 },
				{ group: 'en', people: 1 }
			],
			byAffiliation: [
				{ group: 'volunteer', people: 11 },
				{ group: 'staff', people: 2 }
			]
		});
	});

	it('read the same tallies as talliesByCommunity(), per affiliation too', () => {
		const { version, purpose, respect, reporting } = scenario();
		const ids = [purpose, respect, reporting];
		const sorted = (m: Map<number, { community: string }[]>) =>
			[...m].map(([id, list]) => [id, [...list].sort((a, b) => a.community.localeCompare(b.community))]);
		for (const affiliation of [null, 'staff', 'volunteer', '']) {
			expect(sorted(versionTallies(t.db, version.id, ids, affiliation))).toEqual(sorted(talliesByCommunity(t.db, ids, { affiliation })));
		}
	});

	it('count distinct people again only when the participations changed', () => {
		const { consultation, version, purpose } = scenario();
		const fingerprint = () => participationFingerprint(versionResults(t.db, consultation, version));
		const first = cachedVersionPeople(t.db, version.id, fingerprint(), 1000);
		expect(first).toMatchObject({ total: 13, countedAt: 1000, stale: false });
		expect(cachedVersionPeople(t.db, version.id, fingerprint(), 2000)).toMatchObject({ total: 13, countedAt: 1000, stale: false });

		const newcomer = makeUser(t.db, { languages: ['hi'], affiliation: 'staff' });
		setStance(t.db, { revisionId: purpose, userId: newcomer.id, stance: 'support', reason: null, language: 'hi', now: 9000 });
		const after = cachedVersionPeople(t.db, version.id, fingerprint(), 3000);
		expect(after).toMatchObject({ total: 14, countedAt: 3000, stale: false });
		expect(after.byCommunity).toContainEqual({ group: 'hi', people: 1 });
		expect(after.byAffiliation).toContainEqual({ group: 'staff', people: 3 });
	});

	it('page the grid by clause so that a page holds about a fixed number of bars', () => {
		expect(gridPageSize(8, 12)).toBe(12);
		expect(gridPageSize(150, 50)).toBe(1);
		expect(gridPageSize(60, 50)).toBe(2);
		expect(gridPageSize(1, 50)).toBe(25);
		expect(gridPageSize(0, 0)).toBe(1);
		expect(gridPageSize(40, 50, 400)).toBe(10);
	});
});
