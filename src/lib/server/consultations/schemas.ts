// Input rules for consultations.
import { z } from 'zod';
import { languageTag, multiLine, singleLine } from '../validation';

export const MAX_CONSULTATION_LANGUAGES = 300;

export const slug = z
	.string({ error: 'errors.required' })
	.trim()
	.toLowerCase()
	.min(2, { error: 'errors.slugFormat' })
	.max(60, { error: 'errors.slugFormat' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'errors.slugFormat' });

export const consultationInput = z
	.object({
		slug,
		title: singleLine(200),
		description: multiLine(20_000).default(''),
		sourceLanguage: languageTag,
		languages: z
			.array(languageTag)
			.max(MAX_CONSULTATION_LANGUAGES, { error: 'errors.tooManyLanguages' })
			.default([])
	})
	.transform((c) => ({
		...c,
		// The source language always belongs to the consultation's languages, and comes first.
		languages: [...new Set([c.sourceLanguage, ...c.languages])]
	}));

export type ConsultationInput = z.infer<typeof consultationInput>;

/**
 * The closing date form: a date and time in UTC as a `datetime-local` field sends it
 * ("2026-03-12T17:00"), or `clear` to remove the date. Becomes milliseconds since the epoch, or null.
 */
export const closingInput = z
	.object({
		closesAt: z.string().trim().default(''),
		clear: z.string().optional()
	})
	.transform((v, ctx) => {
		if (v.clear !== undefined) return { closesAt: null };
		const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(v.closesAt);
		const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) : NaN;
		// Date.UTC rolls 2026-02-31 over to March: a date that does not exist is refused instead.
		if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== +m[3] || new Date(ms).getUTCMonth() !== +m[2] - 1 || +m[4] > 23 || +m[5] > 59) {
			ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'errors.closingDateFormat' });
			return z.NEVER;
		}
		return { closesAt: ms };
	});
