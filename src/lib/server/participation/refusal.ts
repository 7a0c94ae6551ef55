// Why the participation service refused a write. Typed, so that each caller answers in its own way:
// the pages map it to a translated 4xx (http/participation.ts), a script prints it.
import type { Consultation } from '../db/schema';
import { CommentError } from '../comments/service';
import { TranslationError } from '../comments/translations';
import { ModerationError } from '../moderation/errors';
import { MachineTranslationError } from '../mt/libretranslate';

export type Refusal =
	/** 403: the consultation takes no feedback (closed, or past its closing date: consultations/closing.ts). */
	| { kind: 'closed'; consultation: Pick<Consultation, 'status' | 'closesAt'> }
	/** 403: translations are refused once the consultation is marked closed (they stay open past a closing date). */
	| { kind: 'notOpen' }
	/** 404: the clause, comment or reason is not there — for this participant (committee-only text is not, to others). */
	| { kind: 'notFound'; code: string }
	/** 409: the form names a revision that is no longer the clause's current one (a version was published meanwhile). */
	| { kind: 'revisionNotCurrent' }
	/** 400 on the language field: not a language the consultation runs in. */
	| { kind: 'language' }
	/** 403: suspended in this consultation until `until` (moderation/suspensions.ts). */
	| { kind: 'suspended'; until: number }
	/** 429: the abuse limit (ratelimit/), retry after `retryAfterMs`. */
	| { kind: 'limited'; retryAfterMs: number }
	/** What the underlying service refused (a reply too deep, an edit after the window…): its status, message key and field. */
	| { kind: 'invalid'; status: 400 | 403 | 404 | 409; code: string; field: string }
	/** 503: the machine translation service failed; nothing was stored. */
	| { kind: 'unavailable'; code: string; detail: string };

export class ParticipationRefusal extends Error {
	constructor(public readonly refusal: Refusal) {
		super(`participation refused: ${refusal.kind}`);
	}
}

export function refuse(refusal: Refusal): never {
	throw new ParticipationRefusal(refusal);
}

/** The refusals of the services a participation write calls, as one type; anything else is rethrown. */
export function asRefusal(e: unknown): never {
	if (e instanceof ParticipationRefusal) throw e;
	if (e instanceof CommentError) refuse({ kind: 'invalid', status: 400, code: e.code, field: 'form' });
	if (e instanceof TranslationError) refuse({ kind: 'invalid', status: 400, code: e.code, field: e.field });
	if (e instanceof ModerationError) refuse({ kind: 'invalid', status: e.status, code: e.code, field: e.field });
	if (e instanceof MachineTranslationError) refuse({ kind: 'unavailable', code: e.code, detail: e.message });
	throw e;
}
