// What each concern gives to a person's "download my data" (accounts/personal-data.ts assembles the
// parts): the shape of a part, and the helpers the parts share. Each concern's personal-data.ts
// reads its own tables and names the columns holding a user id that it answers for, so that
// personal-data.test.ts fails when a table holding a user id is answered for by no concern.
import { eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteSelect } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, consultations, draftVersions } from '../db/schema';

/** One concern's part of the download. */
export interface PersonalDataPart<T extends Record<string, unknown>> {
	/** The columns referencing users.id whose rows this part gives (or, for actions, gives as recorded). */
	columns: readonly SQLiteColumn[];
	/** The part's sections of the document, for one person. */
	of: (db: Queryable, userId: number) => T;
}

export const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Joins a clause revision, named by `revisionId` in `query`, to its clause, version and consultation: what `placeColumns` reads. */
export function withPlace<T extends SQLiteSelect>(query: T, revisionId: SQLiteColumn) {
	return query
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.innerJoin(consultations, eq(consultations.id, clauses.consultationId));
}

/** Where a contribution sits: consultation, version and clause of a clause revision. */
export const placeColumns = {
	consultation: consultations.slug,
	version: draftVersions.number,
	clause: clauses.key,
	label: clauseRevisions.label
};
