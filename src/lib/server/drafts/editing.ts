// Editing an unpublished version clause by clause: start it from the current version, then edit,
// add, remove and reorder clauses. Published versions never change: every function here refuses
// anything but a draft. Each change is one transaction.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTranslations, clauses, draftVersions, type DraftVersion } from '../db/schema';
import { currentVersion } from '../consultations/service';
import { listVersionClauses } from '../clauses/service';
import { slugify } from './parse';
import { DraftError, importVersion } from './service';

export interface ClauseFields {
	label: string;
	heading: string;
	body: string;
}

function draftOf(db: Queryable, versionId: number): DraftVersion {
	const version = db.select().from(draftVersions).where(eq(draftVersions.id, versionId)).get();
	if (!version) throw new DraftError('errors.versionNotFound');
	if (version.status !== 'draft') throw new DraftError('errors.versionPublished');
	return version;
}

function revisionOf(db: Queryable, versionId: number, key: string) {
	const row = db
		.select({ revision: clauseRevisions })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(and(eq(clauseRevisions.versionId, versionId), eq(clauses.key, key)))
		.get();
	if (!row) throw new DraftError('errors.clauseNotFound');
	return row.revision;
}

/** A new draft that starts as a copy of the current version (its translations carried forward as they are). */
export function startDraft(db: Queryable, consultationId: number, sourceLanguage: string, createdBy: number | null): DraftVersion {
	const current = currentVersion(db, consultationId);
	if (!current) throw new DraftError('errors.versionNotFound');
	const copied = listVersionClauses(db, current.id, sourceLanguage, sourceLanguage).map((c) => ({
		key: c.key,
		label: c.label,
		heading: c.heading,
		body: c.body
	}));
	return importVersion(db, { consultationId, clauses: copied, note: '', publish: false, createdBy });
}

/**
 * Changes a clause's text in a draft. Unless the change is marked as not affecting translations,
 * the revision's translations now describe an earlier wording.
 */
export function editDraftClause(
	db: Queryable,
	versionId: number,
	key: string,
	fields: ClauseFields & { affectsTranslations: boolean }
): void {
	db.transaction((tx) => {
		draftOf(tx, versionId);
		const revision = revisionOf(tx, versionId, key);
		const changed = revision.heading !== fields.heading || revision.body !== fields.body;
		tx.update(clauseRevisions)
			.set({ label: fields.label, heading: fields.heading, body: fields.body, affectsTranslations: fields.affectsTranslations })
			.where(eq(clauseRevisions.id, revision.id))
			.run();
		if (changed && fields.affectsTranslations) {
			tx.update(clauseTranslations).set({ outdated: true }).where(eq(clauseTranslations.revisionId, revision.id)).run();
		}
	});
}

/** Adds a new clause after `afterKey` (or first when null); its key comes from `key` or the heading. */
export function addDraftClause(
	db: Queryable,
	versionId: number,
	fields: ClauseFields & { key?: string | null; afterKey: string | null }
): string {
	return db.transaction((tx) => {
		const version = draftOf(tx, versionId);
		const position = fields.afterKey === null ? 0 : revisionOf(tx, versionId, fields.afterKey).position + 1;
		const taken = new Set(
			tx.select({ key: clauses.key }).from(clauses).where(eq(clauses.consultationId, version.consultationId)).all().map((c) => c.key)
		);
		if (fields.key && taken.has(fields.key)) throw new DraftError('errors.keyTaken');
		const base = fields.key || slugify(fields.heading) || 'clause';
		let key = base;
		for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
		const clause = tx.insert(clauses).values({ consultationId: version.consultationId, key }).returning().get();
		tx.update(clauseRevisions)
			.set({ position: sql`${clauseRevisions.position} + 1` })
			.where(and(eq(clauseRevisions.versionId, versionId), gt(clauseRevisions.position, position - 1)))
			.run();
		tx.insert(clauseRevisions)
			.values({ clauseId: clause.id, versionId, position, label: fields.label, heading: fields.heading, body: fields.body })
			.run();
		return key;
	});
}

/** Removes a clause from the draft (earlier versions keep it); a clause that only the draft had is gone. */
export function removeDraftClause(db: Queryable, versionId: number, key: string): void {
	db.transaction((tx) => {
		const version = draftOf(tx, versionId);
		const revision = revisionOf(tx, versionId, key);
		tx.delete(clauseRevisions).where(eq(clauseRevisions.id, revision.id)).run();
		renumber(tx, versionId);
		tx.run(sql`delete from clauses where consultation_id = ${version.consultationId} and id = ${revision.clauseId}
			and not exists (select 1 from clause_revisions r where r.clause_id = clauses.id)`);
	});
}

/** Moves a clause one place up (-1) or down (+1). */
export function moveDraftClause(db: Queryable, versionId: number, key: string, by: -1 | 1): void {
	db.transaction((tx) => {
		draftOf(tx, versionId);
		const revision = revisionOf(tx, versionId, key);
		const other = tx
			.select()
			.from(clauseRevisions)
			.where(and(eq(clauseRevisions.versionId, versionId), eq(clauseRevisions.position, revision.position + by)))
			.get();
		if (!other) return;
		tx.update(clauseRevisions).set({ position: other.position }).where(eq(clauseRevisions.id, revision.id)).run();
		tx.update(clauseRevisions).set({ position: revision.position }).where(eq(clauseRevisions.id, other.id)).run();
	});
}

export function setDraftNote(db: Queryable, versionId: number, note: string): void {
	db.transaction((tx) => {
		draftOf(tx, versionId);
		tx.update(draftVersions).set({ note }).where(eq(draftVersions.id, versionId)).run();
	});
}

function renumber(db: Queryable, versionId: number): void {
	const rows = db
		.select({ id: clauseRevisions.id })
		.from(clauseRevisions)
		.where(eq(clauseRevisions.versionId, versionId))
		.orderBy(asc(clauseRevisions.position))
		.all();
	rows.forEach((row, position) => db.update(clauseRevisions).set({ position }).where(eq(clauseRevisions.id, row.id)).run());
}
