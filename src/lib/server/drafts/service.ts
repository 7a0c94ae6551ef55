// Draft versions: importing a parsed document as a new version, publishing it, discarding it.
import { and, eq, max, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, draftVersions, type DraftVersion } from '../db/schema';
import type { ParsedClause } from './parse';

export class DraftError extends Error {
	constructor(public readonly code: string) {
		super(code);
	}
}

/** The one unpublished version of a consultation, if there is one. */
export function pendingDraft(db: Queryable, consultationId: number): DraftVersion | undefined {
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'draft')))
		.get();
}

/**
 * Stores the clauses as the consultation's next version, in one transaction. A clause whose key
 * (written as `{#key}`) already exists in the consultation continues that clause's lineage.
 */
export function importVersion(
	db: Queryable,
	input: {
		consultationId: number;
		clauses: ParsedClause[];
		note: string;
		publish: boolean;
		createdBy: number | null;
		now?: number;
	}
): DraftVersion {
	if (input.clauses.length === 0) throw new DraftError('errors.versionEmpty');
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		if (pendingDraft(tx, input.consultationId)) {
			throw new DraftError('errors.draftPending');
		}
		const last = tx
			.select({ n: max(draftVersions.number) })
			.from(draftVersions)
			.where(eq(draftVersions.consultationId, input.consultationId))
			.get();
		const version = tx
			.insert(draftVersions)
			.values({
				consultationId: input.consultationId,
				number: (last?.n ?? 0) + 1,
				status: input.publish ? 'published' : 'draft',
				publishedAt: input.publish ? now : null,
				note: input.note,
				createdBy: input.createdBy,
				createdAt: now
			})
			.returning()
			.get();
		input.clauses.forEach((parsed, position) => {
			const clause =
				tx
					.insert(clauses)
					.values({ consultationId: input.consultationId, key: parsed.key, createdAt: now })
					.onConflictDoNothing()
					.returning()
					.get() ??
				tx
					.select()
					.from(clauses)
					.where(and(eq(clauses.consultationId, input.consultationId), eq(clauses.key, parsed.key)))
					.get();
			if (!clause) throw new Error(`clause ${parsed.key} could not be stored`);
			tx.insert(clauseRevisions)
				.values({
					clauseId: clause.id,
					versionId: version.id,
					position,
					label: parsed.label,
					heading: parsed.heading,
					body: parsed.body,
					createdAt: now
				})
				.run();
		});
		return version;
	});
}

export function publishVersion(db: Queryable, versionId: number, now = Date.now()): void {
	db.transaction((tx) => {
		const version = tx.select().from(draftVersions).where(eq(draftVersions.id, versionId)).get();
		if (!version) throw new DraftError('errors.notFound');
		if (version.status === 'published') throw new DraftError('errors.versionPublished');
		const count = tx
			.select({ n: sql<number>`count(*)` })
			.from(clauseRevisions)
			.where(eq(clauseRevisions.versionId, versionId))
			.get();
		if (!count || count.n === 0) throw new DraftError('errors.versionEmpty');
		tx.update(draftVersions)
			.set({ status: 'published', publishedAt: now })
			.where(eq(draftVersions.id, versionId))
			.run();
	});
}

/** Deletes an unpublished version and its revisions (clauses that only it used go too). */
export function discardDraft(db: Queryable, versionId: number): void {
	db.transaction((tx) => {
		const version = tx.select().from(draftVersions).where(eq(draftVersions.id, versionId)).get();
		if (!version) throw new DraftError('errors.notFound');
		if (version.status !== 'draft') throw new DraftError('errors.versionPublished');
		tx.delete(draftVersions).where(eq(draftVersions.id, versionId)).run();
		tx.run(sql`delete from clauses where consultation_id = ${version.consultationId}
			and not exists (select 1 from clause_revisions r where r.clause_id = clauses.id)`);
	});
}
