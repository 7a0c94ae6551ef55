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

/** What every human translation writes besides its item: the translator, what they read, the languages here. */
interface HumanTranslation {
	language: string;
	body: string;
	translatorId: number;
	consultationLanguages: readonly string[];
	translatorLanguages: readonly string[];
	now: number;
}

/**
 * The rules of a translation by a person, in the order their refusals must come: translation still
 * open here, the item there for this participant (before the suspension check, so a missing item is
 * a 404 to everyone), not suspended, within the rate limit; then `write`, its errors as refusals.
 */
function humanTranslation<S, T>(
	db: DB,
	participant: Participant,
	input: { consultation: Consultation; language: string; body: string; now?: number },
	find: () => S,
	write: (source: S, translation: HumanTranslation) => T
): T {
	const now = input.now ?? Date.now();
	requireTranslationOpen(input.consultation);
	const source = find();
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	try {
		return write(source, {
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

/** The rules of a machine translation: the item there for this participant, the rate limit; the service's failure as a refusal. */
async function machineTranslation<S, T>(participant: Participant, find: () => S, write: (source: S) => Promise<T>): Promise<T> {
	const source = find();
	spendLimit('post', participant);
	return write(source).catch(asRefusal);
}

/** The participant translates a comment on this clause into another of the consultation's languages (they read both). */
export function translateComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; language: string; body: string; now?: number }
): CommentTranslation {
	return humanTranslation(
		db,
		participant,
		input,
		() => commentHere(db, participant, input, input.commentId),
		(comment, translation) => commentTranslations.translateComment(db, { ...translation, commentId: comment.id })
	);
}

/** A machine translation of a comment on this clause (the site's service, MT_URL): open or closed, it only helps reading. */
export function machineTranslateComment(
	db: DB,
	participant: Participant,
	input: ClausePlace & { commentId: number; language: string; now?: number }
): Promise<CommentTranslation> {
	return machineTranslation(
		participant,
		() => commentHere(db, participant, input, input.commentId),
		(comment) =>
			commentTranslations.machineTranslateComment(db, {
				commentId: comment.id,
				language: input.language,
				requesterId: participant.id,
				consultationLanguages: input.consultation.languages,
				now: input.now
			})
	);
}

/** The participant translates a stance reason given on this clause (the rules of comments, its own table). */
export function translateReason(
	db: DB,
	participant: Participant,
	input: ClausePlace & { stanceId: number; language: string; body: string; now?: number }
): FeedbackTranslation {
	return humanTranslation(
		db,
		participant,
		input,
		() => reasonHere(db, participant, input, input.stanceId),
		(source, translation) => feedbackTranslations.translateFeedback(db, { ...translation, source })
	);
}

/** A machine translation of a stance reason given on this clause; nothing is stored when the service fails. */
export function machineTranslateReason(
	db: DB,
	participant: Participant,
	input: ClausePlace & { stanceId: number; language: string; now?: number }
): Promise<FeedbackTranslation> {
	return machineTranslation(
		participant,
		() => reasonHere(db, participant, input, input.stanceId),
		(source) =>
			feedbackTranslations.machineTranslateFeedback(db, {
				source,
				language: input.language,
				requesterId: participant.id,
				consultationLanguages: input.consultation.languages,
				now: input.now
			})
	);
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
	return humanTranslation(
		db,
		participant,
		input,
		() => {
			const committee = permissionsHere(db, participant, input.consultation).committee;
			const source = waitingItemSource(db, input.consultation.id, input.kind, input.id, committee);
			if (!source) refuse({ kind: 'notFound', code: 'errors.reasonNotFound' });
			return source;
		},
		(source, translation) =>
			source.kind === 'comment'
				? commentTranslations.translateComment(db, { ...translation, commentId: source.id })
				: feedbackTranslations.translateFeedback(db, { ...translation, source: { ...source, kind: source.kind } })
	);
}
