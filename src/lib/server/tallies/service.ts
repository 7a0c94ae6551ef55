// Tallies per clause revision × language community × affiliation, kept up to date in the same
// transaction as each stance and comment write, so that no page has to count a million rows.
//
// Rules (also in docs/measures.md):
// - a stance counts in the community and affiliation its author had when they first gave it;
//   changing it later moves it between support/oppose/neutral, never between communities;
// - a comment counts in its author's community and affiliation when it was written (the language
//   it is written in is kept on the comment as well);
// - `participants` counts each person once per revision, in the bucket of their first contribution
//   there (earliest of their stance and comments; on a tie, the stance).
// rebuildTallies() recomputes everything from the stances and comments by these rules; a test
// checks that it gives the same numbers as the incremental updates. Reading them: read.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { placeholders, preparedQuery } from '../db/prepared';
import { clauseTallies, comments, stances, users } from '../db/schema';

export interface Bucket {
	community: string;
	affiliation: string;
}

interface Deltas {
	support?: number;
	oppose?: number;
	neutral?: number;
	comments?: number;
	participants?: number;
}

/** The bucket a person's next contribution counts in: their home language community and affiliation now. */
export function bucketOf(db: Queryable, userId: number): Bucket {
	const user = userBucket(db).get({ userId });
	if (!user) throw new Error(`no user ${userId}`);
	return { community: user.languages[0] ?? 'und', affiliation: user.affiliation ?? '' };
}

const userBucket = preparedQuery((db) =>
	db
		.select({ languages: users.languages, affiliation: users.affiliation })
		.from(users)
		.where(eq(users.id, sql.placeholder('userId')))
		.prepare()
);

export function bump(db: Queryable, revisionId: number, bucket: Bucket, deltas: Deltas): void {
	bumpQuery(db).run({
		revisionId,
		community: bucket.community,
		affiliation: bucket.affiliation,
		support: deltas.support ?? 0,
		oppose: deltas.oppose ?? 0,
		neutral: deltas.neutral ?? 0,
		comments: deltas.comments ?? 0,
		participants: deltas.participants ?? 0
	});
}

const COUNTS = ['support', 'oppose', 'neutral', 'comments', 'participants'] as const;

/** Adds the deltas to a tally row, creating it when it is the bucket's first contribution. */
const bumpQuery = preparedQuery((db) => {
	return db
		.insert(clauseTallies)
		.values(placeholders('revisionId', 'community', 'affiliation', ...COUNTS))
		.onConflictDoUpdate({
			target: [clauseTallies.revisionId, clauseTallies.community, clauseTallies.affiliation],
			set: Object.fromEntries(COUNTS.map((c) => [c, sql`${clauseTallies[c]} + ${sql.placeholder(c)}`]))
		})
		.prepare();
});

/** The bucket and time of a person's earliest comment on a revision, if any. */
export function firstComment(db: Queryable, revisionId: number, userId: number): (Bucket & { createdAt: number }) | undefined {
	return firstCommentQuery(db).get({ revisionId, userId });
}

const firstCommentQuery = preparedQuery((db) =>
	db
		.select({ community: comments.community, affiliation: comments.affiliation, createdAt: comments.createdAt })
		.from(comments)
		.where(and(eq(comments.revisionId, sql.placeholder('revisionId')), eq(comments.authorId, sql.placeholder('userId'))))
		.orderBy(asc(comments.createdAt), asc(comments.id))
		.limit(1)
		.prepare()
);

export function hasStance(db: Queryable, revisionId: number, userId: number): boolean {
	return (
		db
			.select({ id: stances.id })
			.from(stances)
			.where(and(eq(stances.revisionId, revisionId), eq(stances.userId, userId)))
			.get() !== undefined
	);
}

/** Recomputes every tally from the stances and comments, in one transaction. */
export function rebuildTallies(db: Queryable): void {
	db.transaction((tx) => {
		tx.delete(clauseTallies).run();
		tx.run(sql`insert into clause_tallies (revision_id, community, affiliation, support, oppose, neutral, comments, participants)
			select revision_id, community, affiliation,
				sum(support), sum(oppose), sum(neutral), sum(comments), sum(participants)
			from (
				select revision_id, community, affiliation,
					stance = 'support' as support, stance = 'oppose' as oppose, stance = 'neutral' as neutral,
					0 as comments, 0 as participants
				from stances
				union all
				select revision_id, community, affiliation, 0, 0, 0, 1, 0 from comments
				union all
				-- Each person once per revision, in the bucket of their first contribution (a stance wins a tie).
				select revision_id, community, affiliation, 0, 0, 0, 0, 1 from (
					select revision_id, community, affiliation,
						row_number() over (partition by revision_id, person order by created_at, kind, id) as n
					from (
						-- A deleted account's contributions share a random former_participant key: still one person.
						select revision_id, coalesce(cast(user_id as text), former_participant, 's' || id) as person, community, affiliation, created_at, 0 as kind, id
						from stances
						union all
						select revision_id, coalesce(cast(author_id as text), former_participant, 'c' || id), community, affiliation, created_at, 1, id
						from comments
					)
				) where n = 1
			)
			group by revision_id, community, affiliation`);
	});
}

