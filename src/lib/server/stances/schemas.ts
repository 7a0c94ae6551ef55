// Input rules for stances and comments.
import { z } from 'zod';
import { STANCES } from '../db/schema';
import { languageTag, multiLine } from '../validation';

export const MAX_REASON_CHARS = 1_000;
export const MAX_COMMENT_CHARS = 10_000;

/** The "only the drafting committee can read this" checkbox: "on" when ticked, absent otherwise. */
const committeeOnly = z
	.union([z.boolean(), z.string(), z.null()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const id = z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' });

export const stanceInput = z.object({
	revision: id,
	stance: z.enum(STANCES, { error: 'errors.stanceRequired' }),
	reason: multiLine(MAX_REASON_CHARS, 'errors.reasonTooLong').optional().default(''),
	language: languageTag,
	committeeOnly
});

export const commentInput = z.object({
	revision: id,
	body: multiLine(MAX_COMMENT_CHARS, 'errors.commentTooLong').refine((s) => s.length > 0, {
		error: 'errors.commentEmpty'
	}),
	language: languageTag,
	parent: z
		.union([z.literal(''), id])
		.optional()
		.transform((v) => (v ? Number(v) : null)),
	committeeOnly
});

export const withdrawInput = z.object({ revision: id });
