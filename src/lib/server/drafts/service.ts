// Draft versions: importing a parsed document as a new version, publishing it, discarding it.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, draftVersions, type DraftVersion } from '../db/schema';
import type { ParsedClause } from './parse';
import { listVersionClauses } from '../clauses/service';

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

/** A clause as stored in a new version; `affectsTranslations: false` marks a typo-level edit. */
export type VersionClause = Pick<ParsedClause, 'key' | 'label' | 'heading' | 'body'> & { affectsTranslations?: boolean };

/**
 * Stores the clauses as the consultation's next version, in one transaction. A clause whose key
 * already exists in the consultation continues that clause's lineage; the translations of its
 * revision in the previous version are carried forward, marked outdated when its text changed
 * (unless the change was marked as not affecting translations).
 */
export function importVersion(
	db: Queryable,
	input: {
		consultationId: number;
		clauses: VersionClause[];
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
		const previous = tx
			.select()
			.from(draftVersions)
			.where(eq(draftVersions.consultationId, input.consultationId))
			.orderBy(desc(draftVersions.number))
			.limit(1)
			.get();
		const previousRevisions = new Map(
			previous
				? tx
						.select()
						.from(clauseRevisions)
						.where(eq(clauseRevisions.versionId, previous.id))
						.all()
						.map((r) => [r.clauseId, r])
				: []
		);
		const version = tx
			.insert(draftVersions)
			.values({
				consultationId: input.consultationId,
				number: (previous?.number ?? 0) + 1,
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
			const affectsTranslations = parsed.affectsTranslations ?? true;
			const revision = tx
				.insert(clauseRevisions)
				.values({
					clauseId: clause.id,
					versionId: version.id,
					position,
					label: parsed.label,
					heading: parsed.heading,
					body: parsed.body,
					affectsTranslations,
					createdAt: now
				})
				.returning({ id: clauseRevisions.id })
				.get();
			const before = previousRevisions.get(clause.id);
			if (before) {
				const changed = before.heading !== parsed.heading || before.body !== parsed.body;
				carryTranslationsForward(tx, before.id, revision.id, changed && affectsTranslations);
			}
		});
		return version;
	});
}

/** Copies a revision's translations to its successor; `stale` marks them as describing older text. */
function carryTranslationsForward(db: Queryable, fromRevisionId: number, toRevisionId: number, stale: boolean): void {
	db.run(sql`insert into clause_translations
			(revision_id, language, heading, body, translator_id, based_on_revision_id, outdated, created_at, updated_at)
		select ${toRevisionId}, language, heading, body, translator_id,
			coalesce(based_on_revision_id, revision_id), outdated or ${stale ? 1 : 0}, created_at, updated_at
		from clause_translations where revision_id = ${fromRevisionId}`);
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
		const duplicate = tx.get<{ label: string } | undefined>(
			sql`select label from clause_revisions where version_id = ${versionId} group by label having count(*) > 1 limit 1`
		);
		if (duplicate) throw new DraftError('errors.duplicateLabels');
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

/** The pending draft as the committee's pages show it: number, change note and clauses in order. */
export function pendingDraftView(db: Queryable, consultation: { id: number; sourceLanguage: string }) {
	const draft = pendingDraft(db, consultation.id);
	if (!draft) return null;
	return {
		number: draft.number,
		note: draft.note,
		clauses: listVersionClauses(db, draft.id, consultation.sourceLanguage, consultation.sourceLanguage).map((c) => ({
			key: c.key,
			label: c.label,
			heading: c.heading,
			body: c.body
		}))
	};
}
