// Consultations and their draft versions.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedQuery } from '../db/prepared';
import { consultations, draftVersions, type Consultation, type DraftVersion } from '../db/schema';
import type { ConsultationInput } from './schemas';

export class SlugTakenError extends Error {
	constructor() {
		super('errors.slugTaken');
	}
}

export function createConsultation(db: Queryable, input: ConsultationInput, createdBy: number | null): Consultation {
	try {
		return db
			.insert(consultations)
			.values({ ...input, createdBy })
			.returning()
			.get();
	} catch (e) {
		if (e instanceof Error && /UNIQUE constraint failed: consultations\.slug/.test(e.message)) {
			throw new SlugTakenError();
		}
		throw e;
	}
}

const consultationBySlug = preparedQuery((db) =>
	db.select().from(consultations).where(eq(consultations.slug, sql.placeholder('slug'))).prepare()
);

export function getConsultation(db: Queryable, slug: string): Consultation | undefined {
	return consultationBySlug(db).get({ slug });
}

export interface ConsultationListItem extends Consultation {
	currentVersion: number | null;
}

/** All consultations, newest first, each with the number of its current (latest published) version. */
export function listConsultations(db: Queryable): ConsultationListItem[] {
	// Column names are written out: inside a subquery drizzle would leave them unqualified.
	const current = sql<number | null>`(select max(dv.number) from draft_versions dv
		where dv.consultation_id = consultations.id and dv.status = 'published')`;
	return db
		.select({ consultation: consultations, currentVersion: current })
		.from(consultations)
		.orderBy(desc(consultations.createdAt), desc(consultations.id))
		.all()
		.map((r) => ({ ...r.consultation, currentVersion: r.currentVersion }));
}

/** The current version: the published version with the highest number. */
export function currentVersion(db: Queryable, consultationId: number): DraftVersion | undefined {
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'published')))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
}

export function getVersion(db: Queryable, consultationId: number, number: number): DraftVersion | undefined {
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.number, number)))
		.get();
}

export function listVersions(db: Queryable, consultationId: number): DraftVersion[] {
	return db
		.select()
		.from(draftVersions)
		.where(eq(draftVersions.consultationId, consultationId))
		.orderBy(desc(draftVersions.number))
		.all();
}

/** Sets (or, with null, removes) the date feedback closes: see closing.ts for what it refuses. */
export function setClosingDate(db: Queryable, consultationId: number, closesAt: number | null): void {
	db.update(consultations).set({ closesAt }).where(eq(consultations.id, consultationId)).run();
}

export function acceptsLanguage(consultation: Pick<Consultation, 'languages'>, tag: string): boolean {
	return consultation.languages.includes(tag);
}
