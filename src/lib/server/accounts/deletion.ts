// Deleting an account (see docs/privacy.md). The person chooses whether what they wrote stays in the
// consultation's record under "former participant" (the default) or is deleted too. Either way:
// - their stances keep counting, anonymously: stances.user_id becomes null (ON DELETE SET NULL);
// - every tally stays as it was, and a recount gives the same numbers: their stances and comments
//   get one random `former_participant` key, so a recount still counts them as one person;
// - deleted comments take the form an author's own deletion gives them ("deleted by its author":
//   body, earlier bodies and translations gone, the row and its replies kept, still counted);
// - sessions, role assignments and suspensions go with the user row (ON DELETE CASCADE); every
//   other reference to the user becomes null (ON DELETE SET NULL), e.g. "translated by a former
//   participant". Role assignments removed this way are written to the audit log as revocations.
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db';
import { nameWithUsername } from '../people/badges';
import { comments, roleAssignments, stances, users } from '../db/schema';
import { deleteComment } from '../comments/authoring';
import { recordAudit } from '../audit/service';
import { PASSWORD_MAX } from './schemas';

export const COMMENT_CHOICES = ['keep', 'delete'] as const;
export type CommentChoice = (typeof COMMENT_CHOICES)[number];

export interface DeletionResult {
	stancesKept: number;
	commentsKept: number;
	commentsDeleted: number;
	reasonsDeleted: number;
}

/** The site's only administrator may not delete their account: nobody could then appoint another. */
export class LastAdminError extends Error {
	readonly code = 'errors.lastSiteAdmin';
	constructor() {
		super('errors.lastSiteAdmin');
	}
}

/** Deletes the account in one transaction; false when there is no such user. Throws LastAdminError. */
export function deleteAccount(
	db: Queryable,
	input: { userId: number; comments: CommentChoice; now?: number }
): DeletionResult | false {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, input.userId)).get();
		if (!user) return false;
		if (user.isSiteAdmin) {
			const others = tx.select({ id: users.id }).from(users).where(and(eq(users.isSiteAdmin, true), ne(users.id, user.id))).limit(1).get();
			if (!others) throw new LastAdminError();
		}
		const formerParticipant = `former-${randomBytes(12).toString('hex')}`;

		const stancesKept = tx.update(stances).set({ formerParticipant }).where(eq(stances.userId, user.id)).run().changes;
		const own = tx.select({ id: comments.id }).from(comments).where(and(eq(comments.authorId, user.id), isNull(comments.deletedAt))).all();
		tx.update(comments).set({ formerParticipant }).where(eq(comments.authorId, user.id)).run();

		let reasonsDeleted = 0;
		if (input.comments === 'delete') {
			for (const c of own) deleteComment(tx, { commentId: c.id, authorId: user.id, now });
			// A stance's reason is words they wrote too; the stance itself keeps counting.
			reasonsDeleted = tx
				.update(stances)
				.set({ reason: null })
				.where(and(eq(stances.userId, user.id), isNotNull(stances.reason)))
				.run().changes;
		}

		// Role assignments go with the account: the audit log records each as a revocation.
		for (const role of tx.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id)).all()) {
			recordAudit(tx, {
				actorId: user.id,
				action: 'role.revoke',
				consultationId: role.consultationId,
				targetType: 'role',
				targetId: role.id,
				subject: `${nameWithUsername(user)}: ${role.role}${role.language ? ` [${role.language}]` : ''}`,
				details: { userId: user.id, role: role.role, language: role.language, accountDeleted: true },
				now
			});
		}

		tx.delete(users).where(eq(users.id, user.id)).run();
		return {
			stancesKept,
			commentsKept: input.comments === 'keep' ? own.length : 0,
			commentsDeleted: input.comments === 'delete' ? own.length : 0,
			reasonsDeleted
		};
	});
}

/** The deletion form: the password, the choice about comments, and the box that confirms it. */
export const deleteAccountInput = z.object({
	password: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(PASSWORD_MAX, { error: 'errors.tooLong' }),
	comments: z.enum(COMMENT_CHOICES, { error: 'errors.invalid' }).optional().default('keep'),
	confirm: z.literal('on', { error: 'errors.confirmDeletion' })
});
