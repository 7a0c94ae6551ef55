// Input rules for reporting, moderating, suspending and authors' edits.
import { z } from 'zod';
import { REPORT_REASONS } from '../db/schema';
import { MAX_COMMENT_CHARS } from '../stances/schemas';
import { languageTag, multiLine } from '../validation';
import { MAX_MODERATION_REASON_CHARS, MAX_REPORT_DETAILS_CHARS } from './service';
import { MAX_SUSPENSION_DAYS } from './suspensions';

const id = z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' });

export const reportInput = z
	.object({
		comment: id,
		reason: z.enum(REPORT_REASONS, { error: 'errors.reportReasonRequired' }),
		details: multiLine(MAX_REPORT_DETAILS_CHARS, 'errors.reportDetailsTooLong').optional().default('')
	})
	.refine((v) => v.reason !== 'other' || v.details.length > 0, { path: ['details'], error: 'errors.reportDetailsRequired' });

export const editCommentInput = z.object({
	comment: id,
	body: multiLine(MAX_COMMENT_CHARS, 'errors.commentTooLong').refine((s) => s.length > 0, { error: 'errors.commentEmpty' }),
	language: languageTag
});

export const deleteCommentInput = z.object({ comment: id });

const moderationReason = multiLine(MAX_MODERATION_REASON_CHARS, 'errors.moderationReasonTooLong');

/** Where to go back after a moderation action posted from another page (the clause page). */
const redirectTo = z.string().max(2000).optional();

export const hideInput = z.object({
	comment: id,
	reason: moderationReason.refine((s) => s.length > 0, { error: 'errors.moderationReasonRequired' }),
	redirectTo
});

export const restoreInput = z.object({ comment: id, reason: moderationReason.optional().default(''), redirectTo });
export const dismissInput = restoreInput;

export const suspendInput = z.object({
	user: id,
	days: z.coerce
		.number({ error: 'errors.suspensionDays' })
		.int({ error: 'errors.suspensionDays' })
		.min(1, { error: 'errors.suspensionDays' })
		.max(MAX_SUSPENSION_DAYS, { error: 'errors.suspensionDays' }),
	reason: moderationReason.refine((s) => s.length > 0, { error: 'errors.moderationReasonRequired' })
});

export const liftInput = z.object({ suspension: id, reason: moderationReason.optional().default('') });

export interface QueueQuery {
	view: 'open' | 'hidden';
	reason: (typeof REPORT_REASONS)[number] | null;
	language: string | null;
	page: number;
}

export function queueQuery(params: URLSearchParams): QueueQuery {
	const reason = params.get('reason');
	const language = params.get('clang');
	return {
		view: params.get('view') === 'hidden' ? 'hidden' : 'open',
		reason: REPORT_REASONS.find((r) => r === reason) ?? null,
		language: language && languageTag.safeParse(language).success ? languageTag.parse(language) : null,
		page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
	};
}
