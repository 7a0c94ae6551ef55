// The pages' answer when the participation service (participation/) refuses a write: a form failure
// in the reader's language — 400, 403, 409, 429 with Retry-After, 503 — or a thrown 404 for a clause,
// comment or reason that is not there for them. The rules themselves live in the service.
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { ParticipationRefusal } from '../participation/refusal';
import { closedMessage } from '../consultations/closing';
import { refuse as limitFailure } from '../ratelimit/http';
import { formatDateTime } from '../../i18n/format';

/** "You are suspended until …", in the reader's language. */
export function suspendedMessage(event: RequestEvent, until: number): string {
	return event.locals.t('errors.suspended', { until: formatDateTime(event.locals.locale, until) });
}

export type ParticipationFailure<T> = ActionFailure<T & { errors: Record<string, string>; message?: string }>;

/**
 * The failure to return for `e` when it is a ParticipationRefusal (anything else is rethrown).
 * `extra` is what the page needs back (which form, the typed values); `fields` the form's fields, when
 * a refusal naming another field (the page's language, say) belongs in the form's error summary.
 */
export function participationFailure<T extends Record<string, unknown>>(
	event: RequestEvent,
	e: unknown,
	extra: T,
	fields?: readonly string[]
): ParticipationFailure<T> {
	if (!(e instanceof ParticipationRefusal)) throw e;
	const { t, locale } = event.locals;
	const on = (field: string) => (!fields || fields.includes(field) ? field : 'form');
	const answer = (status: number, field: string, message: string) => fail(status, { ...extra, errors: { [on(field)]: message } });
	const refusal = e.refusal;
	switch (refusal.kind) {
		case 'closed':
			return answer(403, 'form', closedMessage(t, locale, refusal.consultation));
		case 'notOpen':
			return answer(403, 'form', t('errors.consultationClosed'));
		case 'notFound':
			return error(404, t(refusal.code));
		case 'revisionNotCurrent':
			return answer(409, 'form', t('errors.revisionNotCurrent'));
		case 'language':
			return answer(400, 'language', t('errors.languageNotInConsultation'));
		case 'suspended':
			return answer(403, 'form', suspendedMessage(event, refusal.until));
		case 'limited':
			return limitFailure(event, { ok: false, retryAfterMs: refusal.retryAfterMs }, extra);
		case 'invalid':
			return answer(refusal.status, refusal.field, t(refusal.code));
		case 'unavailable':
			console.warn(refusal.detail);
			return answer(503, 'form', t(refusal.code));
	}
}
