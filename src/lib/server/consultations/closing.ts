// When a consultation takes feedback. Feedback here is what people add to the record of a clause:
// stances (and withdrawing one), comments and replies — and an author's edit of their comment,
// which changes what was said. A consultation marked closed takes none; one with a closing date
// takes none from that moment on. Everything else stays open after the date: reading, comment
// translations (they add no feedback, only make it readable), liaison summaries (accounts of
// off-platform feedback gathered before the date), the committee's responses, reports to moderators
// and an author deleting their own comment.
import type { Consultation } from '../db/schema';
import { formatClosingDate } from '../../i18n/format';

type Closing = Pick<Consultation, 'status' | 'closesAt'>;

/** Whether the consultation takes new feedback at `now` (ms since the epoch, UTC). */
export function acceptsFeedback(consultation: Closing, now: number = Date.now()): boolean {
	if (consultation.status !== 'open') return false;
	return consultation.closesAt === null || now < consultation.closesAt;
}

/**
 * What the pages say about closing: the date (if any), whether it has passed, and the time the
 * server read it with, so that "closes in 5 days" is computed once and the hydrated page agrees.
 */
export function closingInfo(consultation: Closing, now: number = Date.now()) {
	return {
		closesAt: consultation.closesAt,
		open: acceptsFeedback(consultation, now),
		now
	};
}

/**
 * Why feedback is refused, in the reader's language: past a closing date the message names it (in
 * UTC, the zone named, as every time on the site); a consultation marked closed says so.
 */
export function closedMessage(
	t: (key: string, options?: Record<string, unknown>) => string,
	locale: string,
	consultation: Closing,
	now: number = Date.now()
): string {
	if (consultation.status === 'open' && consultation.closesAt !== null && now >= consultation.closesAt) {
		return t('errors.feedbackClosedOn', { date: formatClosingDate(locale, consultation.closesAt) });
	}
	return t('errors.consultationClosed');
}
