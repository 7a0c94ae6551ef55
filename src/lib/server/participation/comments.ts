// Comments and replies, their authors' edits and deletions, and reports to moderators: the one way
// in for the pages, the API and scripts. Every rule is checked here (rules.ts), so that no caller can
// skip one.
import type { DB, Queryable } from '../db';
import type { Comment, ReportReason } from '../db/schema';
import * as comments from '../comments/service';
import * as authoring from '../comments/authoring';
import { findCommentOnClause } from '../comments/translations';
import * as moderation from '../moderation/service';
import { asRefusal, refuse } from './refusal';
import {
	batched,
	feedbackTarget,
	permissionsHere,
	readerHere,
	requireFeedbackOpen,
	requireLanguage,
	requireNotSuspended,
	spendLimit,
	type ClausePlace,
	type Participant
} from './rules';
import type { FeedbackWrite } from './stances';

/** The comment named by a form, on this clause and readable by the participant; refused as not found otherwise. */
function commentHere(db: Queryable, participant: Participant, place: ClausePlace, commentId: number): Comment {
	const comment = findCommentOnClause(db, commentId, place.consultation.id, place.clauseKey, readerHere(db, participant, place.consultation));
	if (!comment) refuse({ kind: 'notFound', code: 'errors.commentNotFound' });
	return comment;
}

/** A comment on the clause's current revision, or a reply to one (one level; the rules of comments/service.ts). */
export async function postComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & {
		revisionId: number;
		language: string;
		body: string;
		parentId: number | null;
		committeeOnly: boolean;
		now?: number;
	}
): Promise<FeedbackWrite & { comment: Comment }> {
	const now = input.now ?? Date.now();
	const revisionId = feedbackTarget(db, input, input.revisionId, now);
	requireLanguage(input.consultation, input.language);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	// The committee may reply to committee-only comments.
	const committee = permissionsHere(db, participant, input.consultation).committee;
	const comment = await batched(db, (tx) =>
		comments.addComment(tx, {
			revisionId,
			authorId: participant.id,
			language: input.language,
			body: input.body,
			parentId: input.parentId,
			committeeOnly: input.committeeOnly,
			committee,
			now
		})
	).catch(asRefusal);
	return { comment, addsFeedback: true };
}

/** The author edits their comment within the edit window, while the consultation takes feedback (an edit changes what was said). */
export function editComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; body: string; language: string; now?: number }
): Comment {
	const now = input.now ?? Date.now();
	const comment = commentHere(db, participant, input, input.commentId);
	requireFeedbackOpen(input.consultation, now);
	requireLanguage(input.consultation, input.language);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	try {
		return authoring.editComment(db, { commentId: comment.id, authorId: participant.id, body: input.body, language: input.language, now });
	} catch (e) {
		asRefusal(e);
	}
}

/** The author deletes their comment: always allowed, suspended or not, open or closed. */
export function deleteComment(db: DB, participant: Participant, input: ClausePlace & { commentId: number; now?: number }): Comment {
	const comment = commentHere(db, participant, input, input.commentId);
	try {
		return authoring.deleteComment(db, { commentId: comment.id, authorId: participant.id, now: input.now });
	} catch (e) {
		asRefusal(e);
	}
}

/** Anyone signed in reports a comment to the moderators, open or closed consultation alike — not while suspended there. */
export function reportComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; reason: ReportReason; details: string; now?: number }
): moderation.ReportOutcome {
	const now = input.now ?? Date.now();
	const comment = commentHere(db, participant, input, input.commentId);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('report', participant);
	try {
		return moderation.reportComment(db, {
			commentId: comment.id,
			consultationId: input.consultation.id,
			reporterId: participant.id,
			reason: input.reason,
			details: input.details,
			now: input.now
		});
	} catch (e) {
		asRefusal(e);
	}
}
