// Translating what others said — comments, stance reasons, liaison quotes — by a participant who
// reads both languages, or by machine: the one way in for the pages, the API and scripts. They add no
// feedback, only make it readable, so a closing date does not stop them (a consultation marked closed
// does); people suspended in the consultation do not translate there. Every rule is checked here.
import type { DB, Queryable } from '../db';
import type { CommentTranslation, Consultation, FeedbackTranslation } from '../db/schema';
import * as commentTranslations from '../comments/translations';
import * as feedbackTranslations from '../translations/feedback';
import { waitingItemSource, type WaitingKind } from '../translations/waiting';
import { asRefusal, refuse } from './refusal';
import { permissionsHere, readerHere, requireNotSuspended, requireTranslationOpen, spendLimit, type ClausePlace, type Participant } from './rules';

function commentHere(db: Queryable, participant: Participant, place: ClausePlace, commentId: number) {
	const comment = commentTranslations.findCommentOnClause(db, commentId, place.consultation.id, place.clauseKey, readerHere(db, participant, place.consultation));
	if (!comment) refuse({ kind: 'notFound', code: 'errors.commentNotFound' });
	return comment;
}

function reasonHere(db: Queryable, participant: Participant, place: ClausePlace, stanceId: number): feedbackTranslations.Source {
	const source = feedbackTranslations.findReasonOnClause(db, stanceId, place.consultation.id, place.clauseKey, readerHere(db, participant, place.consultation));
	if (!source) refuse({ kind: 'notFound', code: 'errors.reasonNotFound' });
	return source;
}

/** The participant translates a comment on this clause into another of the consultation's languages (they read both). */
export function translateComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; language: string; body: string; now?: number }
): CommentTranslation {
	const now = input.now ?? Date.now();
	requireTranslationOpen(input.consultation);
	const comment = commentHere(db, participant, input, input.commentId);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	try {
		return commentTranslations.translateComment(db, {
			commentId: comment.id,
			language: input.language,
			body: input.body,
			translatorId: participant.id,
			consultationLanguages: input.consultation.languages,
			translatorLanguages: participant.languages,
			now
		});
	} catch (e) {
		asRefusal(e);
	}
}

/** A machine translation of a comment on this clause (the site's service, MT_URL): open or closed, it only helps reading. */
export async function machineTranslateComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; language: string; now?: number }
): Promise<CommentTranslation> {
	const comment = commentHere(db, participant, input, input.commentId);
	spendLimit('post', participant);
	return commentTranslations
		.machineTranslateComment(db, {
			commentId: comment.id,
			language: input.language,
			requesterId: participant.id,
			consultationLanguages: input.consultation.languages,
			now: input.now
		})
		.catch(asRefusal);
}

/** The participant translates a stance reason given on this clause (the rules of comments, its own table). */
export function translateReason(
	db: DB,
	participant: Participant,
	input: ClausePlace & { stanceId: number; language: string; body: string; now?: number }
): FeedbackTranslation {
	const now = input.now ?? Date.now();
	requireTranslationOpen(input.consultation);
	const source = reasonHere(db, participant, input, input.stanceId);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	try {
		return feedbackTranslations.translateFeedback(db, {
			source,
			language: input.language,
			body: input.body,
			translatorId: participant.id,
			consultationLanguages: input.consultation.languages,
			translatorLanguages: participant.languages,
			now
		});
	} catch (e) {
		asRefusal(e);
	}
}

/** A machine translation of a stance reason given on this clause; nothing is stored when the service fails. */
export async function machineTranslateReason(
	db: DB,
	participant: Participant,
	input: ClausePlace & { stanceId: number; language: string; now?: number }
): Promise<FeedbackTranslation> {
	const source = reasonHere(db, participant, input, input.stanceId);
	spendLimit('post', participant);
	return feedbackTranslations
		.machineTranslateFeedback(db, { source, language: input.language, requesterId: participant.id, consultationLanguages: input.consultation.languages, now: input.now })
		.catch(asRefusal);
}

/**
 * A translation into `language` of an item on the "waiting for translation" list (a comment, a
 * reason or a liaison quote of this consultation): committee-only items only by the committee.
 */
export function translateWaitingItem(
	db: DB,
	participant: Participant,
	input: { consultation: Consultation; kind: WaitingKind; id: number; language: string; body: string; now?: number }
): CommentTranslation | FeedbackTranslation {
	const now = input.now ?? Date.now();
	requireTranslationOpen(input.consultation);
	const committee = permissionsHere(db, participant, input.consultation).committee;
	const source = waitingItemSource(db, input.consultation.id, input.kind, input.id, committee);
	if (!source) refuse({ kind: 'notFound', code: 'errors.reasonNotFound' });
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	const common = {
		language: input.language,
		body: input.body,
		translatorId: participant.id,
		consultationLanguages: input.consultation.languages,
		translatorLanguages: participant.languages,
		now
	};
	try {
		if (source.kind === 'comment') return commentTranslations.translateComment(db, { ...common, commentId: source.id });
		return feedbackTranslations.translateFeedback(db, { ...common, source: { ...source, kind: source.kind } });
	} catch (e) {
		asRefusal(e);
	}
}
