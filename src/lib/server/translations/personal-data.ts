// A person's translations in their "download my data": of clauses, of reasons and liaison quotes
// (feedback_translations), and of the consultation's other texts (text_translations). Comments'
// translations are in comments/personal-data.ts.
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, clauseTranslations, consultations, feedbackTranslations, stances, textTranslations, users } from '../db/schema';
import { permissionsFor } from '../roles/service';
import { reasonIsPublic } from '../privacy/visibility';
import { iso, placeColumns, withPlace, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const clauseRows = withPlace(
		db
			.select({
				...placeColumns,
				language: clauseTranslations.language,
				heading: clauseTranslations.heading,
				body: clauseTranslations.body,
				createdAt: clauseTranslations.createdAt,
				updatedAt: clauseTranslations.updatedAt
			})
			.from(clauseTranslations)
			.$dynamic(),
		clauseTranslations.revisionId
	)
		.where(eq(clauseTranslations.translatorId, userId))
		.orderBy(asc(clauseTranslations.id))
		.all();
	return {
		clauseTranslations: clauseRows.map((r) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
		feedbackTranslations: feedbackTranslationsBy(db, userId),
		textTranslations: db
			.select({
				consultation: consultations.slug,
				kind: textTranslations.kind,
				subjectId: textTranslations.subjectId,
				part: textTranslations.part,
				language: textTranslations.language,
				text: textTranslations.text,
				createdAt: textTranslations.createdAt,
				updatedAt: textTranslations.updatedAt
			})
			.from(textTranslations)
			.innerJoin(consultations, eq(consultations.id, textTranslations.consultationId))
			.where(eq(textTranslations.translatorId, userId))
			.orderBy(asc(textTranslations.id))
			.all()
			.map((r) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) }))
	};
}

/**
 * Their translations of reasons and liaison quotes. One of someone else's committee-only reason
 * carries its words: its text is included only while they may still read that reason (their own,
 * or they are on the committee); a machine translation's text is the service's, never included.
 */
function feedbackTranslationsBy(db: Queryable, userId: number) {
	const rows = db
		.select({
			kind: feedbackTranslations.kind,
			stanceId: feedbackTranslations.stanceId,
			quoteId: feedbackTranslations.quoteId,
			language: feedbackTranslations.language,
			body: feedbackTranslations.body,
			machine: feedbackTranslations.machine,
			createdAt: feedbackTranslations.createdAt,
			updatedAt: feedbackTranslations.updatedAt,
			reasonPublic: reasonIsPublic(),
			reasonBy: stances.userId,
			consultationId: clauses.consultationId
		})
		.from(feedbackTranslations)
		.leftJoin(stances, eq(stances.id, feedbackTranslations.stanceId))
		.leftJoin(clauseRevisions, eq(clauseRevisions.id, stances.revisionId))
		.leftJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(feedbackTranslations.translatorId, userId))
		.orderBy(asc(feedbackTranslations.id))
		.all();
	const user = rows.length ? db.select({ id: users.id, isSiteAdmin: users.isSiteAdmin }).from(users).where(eq(users.id, userId)).get() : undefined;
	const readable = (r: (typeof rows)[number]) =>
		r.kind === 'quote' || Boolean(r.reasonPublic) || r.reasonBy === userId || (r.consultationId !== null && permissionsFor(db, user ?? null, r.consultationId).committee);
	return rows.map((r) => ({
		kind: r.kind,
		stanceId: r.stanceId,
		quoteId: r.quoteId,
		language: r.language,
		machine: r.machine,
		body: !r.machine && readable(r) ? r.body : null,
		createdAt: iso(r.createdAt),
		updatedAt: iso(r.updatedAt)
	}));
}

export const translationsData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [clauseTranslations.translatorId, feedbackTranslations.translatorId, textTranslations.translatorId],
	of: personalDataOf
};
