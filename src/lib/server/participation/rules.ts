// The rules every participation write checks, each in one place. The entry points (stances.ts,
// comments.ts, translations.ts) apply them in the order the pages always have: feedback accepted →
// the form's revision still current → a language of the consultation → not suspended there → the
// abuse limit → the write. A refusal is a ParticipationRefusal (refusal.ts).
import type { DB, Queryable } from '../db';
import { batcherFor } from '../db/batch';
import type { Consultation } from '../db/schema';
import { acceptsFeedback } from '../consultations/closing';
import { acceptsLanguage } from '../consultations/service';
import { currentRevisionId } from '../clauses/service';
import { assertNotSuspended, SuspendedError } from '../moderation/suspensions';
import { checkLimit, type LimitKind } from '../ratelimit';
import { permissionsFor, type Permissions } from '../roles/service';
import { readerOf, type Reader } from '../privacy/visibility';
import { refuse } from './refusal';

/** Who takes part: a signed-in account (the session's user has these fields). */
export interface Participant {
	id: number;
	isSiteAdmin: boolean;
	/** The languages on their profile: who may translate what. */
	languages: readonly string[];
}

/** Where: a clause of a consultation, named by its key (the consultation as the route's guard loaded it). */
export interface ClausePlace {
	consultation: Consultation;
	clauseKey: string;
}

/**
 * Stances, withdrawals, comments and replies are feedback: refused once the consultation closed or
 * its closing date passed (consultations/closing.ts). The form names the revision it was written
 * against, so that a version published meanwhile cannot catch a stance: it must be the current one.
 */
export function feedbackTarget(db: Queryable, place: ClausePlace, revisionId: number, now: number): number {
	requireFeedbackOpen(place.consultation, now);
	const current = currentRevisionId(db, place.consultation.id, place.clauseKey);
	if (current === undefined) refuse({ kind: 'notFound', code: 'errors.clauseNotFound' });
	if (current !== revisionId) refuse({ kind: 'revisionNotCurrent' });
	return current;
}

export function requireFeedbackOpen(consultation: Consultation, now: number): void {
	if (!acceptsFeedback(consultation, now)) refuse({ kind: 'closed', consultation });
}

/** Translations add no feedback, only make it readable: refused once the consultation is marked closed, not at its closing date. */
export function requireTranslationOpen(consultation: Consultation): void {
	if (consultation.status !== 'open') refuse({ kind: 'notOpen' });
}

export function requireLanguage(consultation: Consultation, language: string): void {
	if (!acceptsLanguage(consultation, language)) refuse({ kind: 'language' });
}

/** Suspended accounts keep reading, withdrawing stances and deleting their own comments; they do not write here. */
export function requireNotSuspended(db: Queryable, participant: Participant, consultation: Consultation, now: number): void {
	try {
		assertNotSuspended(db, participant.id, consultation.id, now);
	} catch (e) {
		if (e instanceof SuspendedError) refuse({ kind: 'suspended', until: e.until });
		throw e;
	}
}

/** Spends one action of `kind` for the participant (ratelimit/: per process, in memory). */
export function spendLimit(kind: LimitKind, participant: Participant): void {
	const verdict = checkLimit(kind, participant.id);
	if (!verdict.ok) refuse({ kind: 'limited', retryAfterMs: verdict.retryAfterMs });
}

export function permissionsHere(db: Queryable, participant: Participant, consultation: Consultation): Permissions {
	return permissionsFor(db, participant, consultation.id);
}

/** Who reads, for finding a comment or reason: committee-only text is not there for others. */
export function readerHere(db: Queryable, participant: Participant, consultation: Consultation): Reader {
	return readerOf(participant, permissionsHere(db, participant, consultation));
}

/**
 * The write itself, in the connection's next group commit (db/batch.ts): acknowledged once durable,
 * with the writes of the many people who came with it.
 */
export function batched<T>(db: DB, work: (db: DB) => T): Promise<T> {
	return batcherFor(db.$client).run(() => work(db));
}
