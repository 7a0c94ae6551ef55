import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, tallyRows, type TestDb } from '../../../../tests/support/db';
import { STANCES, users } from '../db/schema';
import { readClause } from '../clauses/service';
import { setStance, withdrawStance } from '../stances/service';
import { addComment } from '../comments/service';
import { rebuildTallies } from './service';
import { talliesByCommunity } from './read';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function snapshot() {
	return tallyRows(t.db);
}

describe('tallies', () => {
	it('count stances, comments and participants per community and affiliation as they are written', () => {
		const { version } = makeConsultation(t.db);
		const rev = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
		const amina = makeUser(t.db, { languages: ['ar', 'en'], affiliation: 'volunteer' });
		const lucia = makeUser(t.db, { languages: ['es'], affiliation: 'staff' });
		setStance(t.db, { revisionId: rev, userId: amina.id, stance: 'support', reason: null, language: 'ar', now: 1 });
		setStance(t.db, { revisionId: rev, userId: lucia.id, stance: 'oppose', reason: null, language: 'es', now: 2 });
		setStance(t.db, { revisionId: rev, userId: amina.id, stance: 'neutral', reason: 'x', language: 'ar', now: 3 });
		addComment(t.db, { revisionId: rev, authorId: amina.id, language: 'en', body: 'In English, from the Arabic community.', now: 4 });
		addComment(t.db, { revisionId: rev, authorId: lucia.id, language: 'es', body: 'Hola', now: 5 });

		const tallies = talliesByCommunity(t.db, [rev]).get(rev)!;
		expect(tallies.sort((a, b) => a.community.localeCompare(b.community))).toEqual([
			{ community: 'ar', support: 0, oppose: 0, neutral: 1, comments: 1, participants: 1 },
			{ community: 'es', support: 0, oppose: 1, neutral: 0, comments: 1, participants: 1 }
		]);
		expect(talliesByCommunity(t.db, [rev], { affiliation: 'staff' }).get(rev)).toEqual([
			{ community: 'es', support: 0, oppose: 1, neutral: 0, comments: 1, participants: 1 }
		]);
	});

	it('after thousands of random stance changes, withdrawals and comments, equal a full recount', () => {
		const { version } = makeConsultation(t.db, { languages: ['es', 'ar', 'fr', 'hi'] });
		const revisions = ['purpose', 'respect', 'reporting'].map((k) => readClause(t.db, version.id, k, 'en', 'en')!.revisionId);
		const communities = ['en', 'es', 'ar', 'fr', 'hi'];
		const affiliations = ['volunteer', 'staff', 'affiliate', null] as const;
		const people = Array.from({ length: 60 }, (_, i) =>
			makeUser(t.db, { languages: [communities[i % communities.length]], affiliation: affiliations[i % affiliations.length] })
		);
		// A small deterministic generator, so that a failure can be replayed.
		let seed = 20261121;
		const random = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		let now = 1000;
		for (let i = 0; i < 3000; i++) {
			now += 1 + random(3);
			const revisionId = revisions[random(revisions.length)];
			const person = people[random(people.length)];
			const action = random(10);
			if (action < 6) setStance(t.db, { revisionId, userId: person.id, stance: STANCES[random(3)], reason: null, language: 'en', now });
			else if (action < 8) withdrawStance(t.db, revisionId, person.id);
			else addComment(t.db, { revisionId, authorId: person.id, language: 'en', body: `c${i}`, now });
			// People sometimes change their home community or affiliation between contributions.
			if (random(50) === 0) {
				t.db.update(users).set({ languages: [communities[random(communities.length)]] }).where(eq(users.id, person.id)).run();
			}
		}
		const incremental = snapshot();
		expect(incremental.length).toBeGreaterThan(10);
		rebuildTallies(t.db);
		expect(snapshot()).toEqual(incremental);
		// Three thousand durable commits: give a loaded machine time.
	}, 60_000);
});
