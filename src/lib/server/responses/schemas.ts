// Input rules for committee responses, shared by the clause page's form and any script or API.
import { z } from 'zod';
import { RESPONSE_STATUSES } from '../db/schema';
import { multiLine } from '../validation';

export const MAX_EXPLANATION_CHARS = 10_000;

const id = z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' });

/** An optional number from a form: '' or absent mean "none". */
function optional<T extends z.ZodType<number>>(schema: T, message: string) {
	return z
		.union([z.literal(''), schema], { error: message })
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : Number(v)));
}

export const explanation = multiLine(MAX_EXPLANATION_CHARS, 'errors.explanationTooLong').refine((s) => s.length > 0, {
	error: 'errors.explanationEmpty'
});

/** What every response says: its status, explanation and the version the committee acted in. */
const answer = {
	status: z.enum(RESPONSE_STATUSES, { error: 'errors.responseStatusRequired' }),
	explanation,
	/** The number of the version in which the committee acted on the feedback. */
	actedInVersion: optional(z.coerce.number().int().positive(), 'errors.versionNotFound')
};

export const responseInput = z.object({
	/** The clause revision whose feedback is answered. */
	revision: id,
	/** Set when answering one comment on that revision. */
	comment: optional(id, 'errors.invalid'),
	...answer
});

/** The committee's response to a liaison summary (the summary is the page's). */
export const summaryResponseInput = z.object(answer);

export type ResponseInput = z.output<typeof responseInput>;
