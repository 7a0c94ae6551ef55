// The abuse limits at the edge: a 429 with a translated "try again in …" message and a Retry-After
// header, as a form-action failure (shown on the page, with or without JavaScript) or as API JSON.
import { fail, json, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { checkLimit, type LimitKind, type Verdict } from './index';

/**
 * The client's address as adapter-node sees it: the socket's peer, or — behind a proxy — the header
 * named by ADDRESS_HEADER (with XFF_DEPTH for X-Forwarded-For). See README "Settings".
 */
export function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** "in 40 seconds", "in 3 minutes", "in 2 hours", in the request's language. */
export function retryWhen(locale: string, retryAfterMs: number): string {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
	if (seconds < 60) return format.format(seconds, 'second');
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 90) return format.format(minutes, 'minute');
	return format.format(Math.ceil(minutes / 60), 'hour');
}

export function retryAfterSeconds(retryAfterMs: number): number {
	return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

export function limitMessage(event: RequestEvent, retryAfterMs: number, key = 'errors.rateLimited'): string {
	return event.locals.t(key, { when: retryWhen(event.locals.locale, retryAfterMs) });
}

function setRetryAfter(event: RequestEvent, retryAfterMs: number): void {
	try {
		event.setHeaders({ 'retry-after': String(retryAfterSeconds(retryAfterMs)) });
	} catch {
		// Already set by an earlier refusal in this request.
	}
}

export type LimitFailure<T> = ActionFailure<T & { message: string; errors: { form: string } }>;

/**
 * The form-action answer to a refused verdict: fail(429) whose `message` (and `errors.form`, which
 * the forms show) says when to retry; `extra` carries what the page needs (which form, the values).
 */
export function refuse<T extends Record<string, unknown>>(
	event: RequestEvent,
	verdict: Verdict & { ok: false },
	extra: T = {} as T,
	messageKey?: string
): LimitFailure<T> {
	const message = limitMessage(event, verdict.retryAfterMs, messageKey);
	setRetryAfter(event, verdict.retryAfterMs);
	return fail(429, { ...extra, message, errors: { form: message } });
}

/**
 * Spends one action of `kind` for `key`; null when allowed, else the 429 failure to return:
 *   const limited = limitOr429(event, 'post', user.id, { action: formId }); if (limited) return limited;
 */
export function limitOr429<T extends Record<string, unknown>>(
	event: RequestEvent,
	kind: LimitKind,
	key: string | number,
	extra: T = {} as T
): LimitFailure<T> | null {
	const verdict = checkLimit(kind, key);
	return verdict.ok ? null : refuse(event, verdict, extra);
}

/** The JSON API's 429: `{ error: { status, message } }` like its other errors, with Retry-After. */
export function apiLimitOr429(event: RequestEvent, kind: LimitKind, key: string | number): Response | null {
	const verdict = checkLimit(kind, key);
	if (verdict.ok) return null;
	return json(
		{ error: { status: 429, message: limitMessage(event, verdict.retryAfterMs) } },
		{ status: 429, headers: { 'retry-after': String(retryAfterSeconds(verdict.retryAfterMs)) } }
	);
}
