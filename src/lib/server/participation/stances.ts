// Taking a stance on a clause, and taking it back: the one way in for the pages, the API and scripts.
// Every rule is checked here (rules.ts), so that no caller can skip one.
import type { DB } from '../db';
import type { Stance, StanceValue } from '../db/schema';
import * as stances from '../stances/service';
import { batched, feedbackTarget, requireLanguage, requireNotSuspended, spendLimit, type ClausePlace, type Participant } from './rules';

export interface FeedbackWrite {
	/**
	 * The write only added to the public record (or moved a stance between counts): visitors may be
	 * shown a page a few seconds old (http/page-cache-hook.ts). False when it took public text away.
	 */
	addsFeedback: boolean;
}

/** Sets the participant's stance on the clause's current revision, replacing theirs. */
export async function takeStance(
	db: DB,
	participant: Participant,
	input: ClausePlace & {
		/** The revision the form was written against. */
		revisionId: number;
		stance: StanceValue;
		reason: string | null;
		language: string;
		/** The reason (and who gave it) for the drafting committee only; the stance counts as any other. */
		committeeOnly: boolean;
		now?: number;
	}
): Promise<FeedbackWrite & { stance: Stance }> {
	const now = input.now ?? Date.now();
	const revisionId = feedbackTarget(db, input, input.revisionId, now);
	requireLanguage(input.consultation, input.language);
	requireNotSuspended(db, participant, input.consultation, now);
	spendLimit('post', participant);
	const next = { reason: input.reason || null, committeeOnly: input.committeeOnly };
	const { before, stance } = await batched(db, (tx) => {
		const before = stances.getStance(tx, revisionId, participant.id);
		const stance = stances.setStance(tx, { revisionId, userId: participant.id, stance: input.stance, language: input.language, ...next, now });
		return { before, stance };
	});
	// A public reason changed, removed or made committee-only must leave visitors' cached pages at once.
	return { stance, addsFeedback: !stances.hidesPublicReason(before, next) };
}

/**
 * Takes the participant's stance (and its reason) back. Allowed while suspended — taking back is
 * not writing — but not once feedback is closed, nor on an earlier revision.
 */
export async function withdrawStance(
	db: DB,
	participant: Participant,
	input: ClausePlace & { revisionId: number; now?: number }
): Promise<FeedbackWrite> {
	const revisionId = feedbackTarget(db, input, input.revisionId, input.now ?? Date.now());
	spendLimit('post', participant);
	await batched(db, (tx) => stances.withdrawStance(tx, revisionId, participant.id));
	// A reason may go with it: visitors' pages are purged.
	return { addsFeedback: false };
}
