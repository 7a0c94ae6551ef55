// A person's comments and replies (with the wording they replaced) and their translations of
// comments, in their "download my data". Not the replies others wrote to them.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, commentRevisions, comments, commentTranslations, users } from '../db/schema';
import { permissionsFor } from '../roles/service';
import { canReadComment } from '../privacy/visibility';
import { iso, placeColumns, withPlace, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const rows = withPlace(
		db
			.select({
				id: comments.id,
				...placeColumns,
				parentId: comments.parentId,
				language: comments.language,
				body: comments.body,
				committeeOnly: comments.committeeOnly,
				moderation: comments.moderation,
				moderationReason: comments.moderationReason,
				createdAt: comments.createdAt,
				editedAt: comments.editedAt,
				deletedAt: comments.deletedAt
			})
			.from(comments)
			.$dynamic(),
		comments.revisionId
	)
		.where(eq(comments.authorId, userId))
		.orderBy(asc(comments.createdAt), asc(comments.id))
		.all();
	const earlierBodies = new Map<number, { body: string; language: string; replacedAt: string | null }[]>();
	if (rows.length > 0) {
		for (const r of db
			.select()
			.from(commentRevisions)
			.where(inArray(commentRevisions.commentId, rows.map((c) => c.id)))
			.orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id))
			.all()) {
			const list = earlierBodies.get(r.commentId) ?? [];
			list.push({ body: r.body, language: r.language, replacedAt: iso(r.replacedAt) });
			earlierBodies.set(r.commentId, list);
		}
	}
	return {
		comments: rows.map((c) => ({
			...c,
			createdAt: iso(c.createdAt),
			editedAt: iso(c.editedAt),
			deletedAt: iso(c.deletedAt),
			earlierBodies: earlierBodies.get(c.id) ?? []
		})),
		commentTranslations: translationsBy(db, userId)
	};
}

/**
 * Their translations of comments. One of someone else's committee-only comment carries its words:
 * its text is included only while they may still read that comment (e.g. still on the committee).
 */
function translationsBy(db: Queryable, userId: number) {
	const rows = db
		.select({
			id: commentTranslations.id,
			commentId: commentTranslations.commentId,
			language: commentTranslations.language,
			body: commentTranslations.body,
			machine: commentTranslations.machine,
			createdAt: commentTranslations.createdAt,
			updatedAt: commentTranslations.updatedAt,
			consultationId: clauses.consultationId,
			committeeOnly: comments.committeeOnly,
			authorId: comments.authorId,
			parentId: comments.parentId
		})
		.from(commentTranslations)
		.innerJoin(comments, eq(comments.id, commentTranslations.commentId))
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(commentTranslations.translatorId, userId))
		.orderBy(asc(commentTranslations.id))
		.all();
	const user = rows.length ? db.select({ id: users.id, isSiteAdmin: users.isSiteAdmin }).from(users).where(eq(users.id, userId)).get() : undefined;
	const committeeIn = new Map<number, boolean>();
	const readable = (row: (typeof rows)[number]) => {
		if (!row.committeeOnly) return true;
		if (!committeeIn.has(row.consultationId)) committeeIn.set(row.consultationId, permissionsFor(db, user ?? null, row.consultationId).committee);
		const parent = row.parentId === null ? null : db.select().from(comments).where(eq(comments.id, row.parentId)).get();
		return canReadComment(row, parent, { userId, committee: committeeIn.get(row.consultationId)! });
	};
	return rows.map((r) => ({
		commentId: r.commentId,
		language: r.language,
		machine: r.machine,
		// A machine translation was asked for, not written: its text is the service's.
		body: !r.machine && readable(r) ? r.body : null,
		createdAt: iso(r.createdAt),
		updatedAt: iso(r.updatedAt)
	}));
}

export const commentsData: PersonalDataPart<ReturnType<typeof personalDataOf>> = {
	columns: [comments.authorId, commentTranslations.translatorId],
	of: personalDataOf
};
