// What authors may do to their own comments after posting: edit within a window (each edit keeps
// the body it replaced), and delete (the body is emptied, replies stay).
//
// Tallies: a deleted, hidden or pending comment still counts in clause_tallies (comments and
// participants): the count records that feedback was given, and the thread still shows its place
// ("deleted by its author"). So neither editing nor deleting changes a tally, and rebuildTallies()
// needs no special case.
//
// Translations: an edit deletes the comment's machine translations (a reader can ask for a new one)
// and keeps the human ones, which the page then marks as made from an earlier wording (their
// `updatedAt` is before the comment's `editedAt`) until a translator updates them. A deletion removes
// every translation and every earlier body: nothing of the text remains.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { commentRevisions, comments, commentTranslations, type Comment } from '../db/schema';
import { ModerationError } from '../moderation/errors';
import { commentEditWindowMs } from './service';

function ownComment(db: Queryable, commentId: number, authorId: number): Comment {
	const comment = db.select().from(comments).where(eq(comments.id, commentId)).get();
	if (!comment || comment.deletedAt !== null) throw new ModerationError('errors.commentNotFound', 404);
	if (comment.authorId !== authorId) throw new ModerationError('errors.notYourComment', 403);
	return comment;
}

/**
 * The author changes the body (and the stated language) of their comment, within
 * COMMENT_EDIT_WINDOW_MINUTES of posting it, while it is visible. The replaced body is kept in
 * comment_revisions. An edit that changes nothing is not recorded.
 */
export function editComment(
	db: Queryable,
	input: { commentId: number; authorId: number; body: string; language: string; now?: number }
): Comment {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const comment = ownComment(tx, input.commentId, input.authorId);
		if (comment.moderation !== 'visible') throw new ModerationError('errors.commentNotEditable', 409);
		if (now - comment.createdAt > commentEditWindowMs()) throw new ModerationError('errors.editWindowOver', 403);
		if (comment.body === input.body && comment.language === input.language) return comment;
		tx.insert(commentRevisions).values({ commentId: comment.id, body: comment.body, language: comment.language, replacedAt: now }).run();
		tx.delete(commentTranslations).where(and(eq(commentTranslations.commentId, comment.id), eq(commentTranslations.machine, true))).run();
		return tx
			.update(comments)
			.set({ body: input.body, language: input.language, editedAt: now, updatedAt: now })
			.where(eq(comments.id, comment.id))
			.returning()
			.get();
	});
}

/** The author deletes their comment: the body, its earlier bodies and its translations go; replies stay. */
export function deleteComment(db: Queryable, input: { commentId: number; authorId: number; now?: number }): Comment {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const comment = ownComment(tx, input.commentId, input.authorId);
		tx.delete(commentRevisions).where(eq(commentRevisions.commentId, comment.id)).run();
		tx.delete(commentTranslations).where(eq(commentTranslations.commentId, comment.id)).run();
		return tx.update(comments).set({ body: '', deletedAt: now, updatedAt: now }).where(eq(comments.id, comment.id)).returning().get();
	});
}
