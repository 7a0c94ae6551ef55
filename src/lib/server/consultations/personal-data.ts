// The consultations and draft versions a person created, in their "download my data".
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { consultations, draftVersions } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	return {
		consultationsCreated: db
			.select({ slug: consultations.slug, title: consultations.title, createdAt: consultations.createdAt })
			.from(consultations)
			.where(eq(consultations.createdBy, userId))
			.orderBy(asc(consultations.id))
			.all()
			.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
		versionsCreated: db
			.select({ consultation: consultations.slug, number: draftVersions.number, note: draftVersions.note, createdAt: draftVersions.createdAt })
			.from(draftVersions)
			.innerJoin(consultations, eq(consultations.id, draftVersions.consultationId))
			.where(eq(draftVersions.createdBy, userId))
			.orderBy(asc(draftVersions.id))
			.all()
			.map((v) => ({ ...v, createdAt: iso(v.createdAt) }))
	};
}

export const consultationsData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [consultations.createdBy, draftVersions.createdBy],
	of: personalDataOf
};
