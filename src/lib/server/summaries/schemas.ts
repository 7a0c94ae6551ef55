// Input rules for liaison summaries, shared by the edit form, scripts and tests. Counts are whole
// numbers of people: a typed percentage is refused, because percentages are computed from counts.
import { z } from 'zod';
import { SUMMARY_CHANNELS } from '../db/schema';
import { languageTag, multiLine } from '../validation';
import { hasEdgeDirectionMarks } from '../bidi';

export const MAX_CHANNELS = 20;
export const MAX_CHANNEL_DESCRIPTION_CHARS = 200;
export const MAX_NARRATIVE_CHARS = 20_000;
export const MAX_KEY_POINTS_CHARS = 5_000;
export const MAX_QUOTES_PER_ENTRY = 10;
export const MAX_QUOTE_CHARS = 2_000;
/** More than a version can have clauses (500), so every clause can have its entry. */
export const MAX_ENTRIES = 500;
/** A sanity bound on any one count: no channel gathers more people than this. */
export const MAX_COUNT = 10_000_000;

// Arabic-Indic and Persian digits are accepted: some keyboards type them into number fields.
const toLatinDigits = (s: string) =>
	s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
/** "%", the Arabic percent sign, and the full-width and small percent signs. */
const PERCENT = /[%\u066a\uff05\ufe6a]|\bper ?cent\b/i;

/**
 * A count of people, or null when left empty. Strings come from forms; numbers from scripts.
 * The refusals say what is wrong: a percentage, a fraction, a negative number.
 */
export const count = z.union([z.number(), z.string(), z.null()]).optional().transform((value, ctx): number | null => {
	if (value === null || value === undefined) return null;
	let n: number;
	if (typeof value === 'number') {
		n = value;
	} else {
		const s = toLatinDigits(value.trim());
		if (s === '') return null;
		if (PERCENT.test(s)) {
			ctx.addIssue({ code: 'custom', message: 'errors.countPercent' });
			return z.NEVER;
		}
		if (!/^[-+]?\d*(?:[.,]\d+)?$/.test(s) || !/\d/.test(s)) {
			ctx.addIssue({ code: 'custom', message: 'errors.countInvalid' });
			return z.NEVER;
		}
		n = Number(s.replace(',', '.'));
	}
	if (!Number.isFinite(n)) {
		ctx.addIssue({ code: 'custom', message: 'errors.countInvalid' });
		return z.NEVER;
	}
	if (n < 0) {
		ctx.addIssue({ code: 'custom', message: 'errors.countNegative' });
		return z.NEVER;
	}
	if (!Number.isInteger(n)) {
		ctx.addIssue({ code: 'custom', message: 'errors.countWhole' });
		return z.NEVER;
	}
	if (n > MAX_COUNT) {
		ctx.addIssue({ code: 'custom', message: 'errors.countTooLarge' });
		return z.NEVER;
	}
	return n;
});

/** An ISO calendar date (YYYY-MM-DD) that exists, or null when left empty. */
const isoDate = z.union([z.string(), z.null()]).optional().transform((value, ctx): string | null => {
	const s = (value ?? '').trim();
	if (s === '') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
	if (!date || date.toISOString().slice(0, 10) !== s) {
		ctx.addIssue({ code: 'custom', message: 'errors.dateInvalid' });
		return z.NEVER;
	}
	return s;
});

/** Optional multi-line text: absent or empty means ''. */
const optionalText = (max: number, tooLong: string) =>
	z
		.union([z.string(), z.null()])
		.optional()
		.transform((v) => v ?? '')
		.pipe(multiLine(max, tooLong));

/** A checkbox from a form ("on"), or a boolean from a script. */
const flag = z.union([z.boolean(), z.string(), z.null()]).optional().transform((v) => v === true || v === 'on' || v === 'true');

export const channelInput = z
	.object({
		kind: z.enum(SUMMARY_CHANNELS, { error: 'errors.channelKindRequired' }),
		description: z
			.union([z.string(), z.null()])
			.optional()
			.transform((v) => (v ?? '').trim())
			.refine((s) => s.length <= MAX_CHANNEL_DESCRIPTION_CHARS, { error: 'errors.channelDescriptionTooLong' })
			// eslint-disable-next-line no-control-regex -- control characters are what this rule refuses
			.refine((s) => !/[\r\n\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { error: 'errors.controlChars' })
			// Like a name, a channel description sits inside a sentence of the page: no direction controls.
			.refine((s) => !/[\u202A-\u202E\u2066-\u2069]/.test(s) && !hasEdgeDirectionMarks(s), { error: 'errors.bidiControls' }),
		participants: count,
		startedOn: isoDate,
		endedOn: isoDate
	})
	.superRefine((c, ctx) => {
		if (c.participants === null) ctx.addIssue({ code: 'custom', message: 'errors.participantsRequired', path: ['participants'] });
		if (c.startedOn === null) ctx.addIssue({ code: 'custom', message: 'errors.channelStartRequired', path: ['startedOn'] });
		if (c.startedOn && c.endedOn && c.endedOn < c.startedOn) {
			ctx.addIssue({ code: 'custom', message: 'errors.channelDatesOrder', path: ['endedOn'] });
		}
	})
	.transform((c) => ({ ...c, participants: c.participants ?? 0 }));

export const quoteInput = z.object({
	original: multiLine(MAX_QUOTE_CHARS, 'errors.quoteTooLong').refine((s) => s.length > 0, { error: 'errors.quoteEmpty' }),
	language: languageTag,
	translation: optionalText(MAX_QUOTE_CHARS, 'errors.quoteTooLong')
});

const STANCE_FIELDS = ['support', 'oppose', 'neutral'] as const;

export const entryInput = z
	.object({
		/** The clause's key: the entry is about that clause's revision in the summary's version. */
		clause: z.string({ error: 'errors.summaryClauseNotFound' }).regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
			error: 'errors.summaryClauseNotFound'
		}),
		asked: flag,
		support: count,
		oppose: count,
		neutral: count,
		keyPoints: optionalText(MAX_KEY_POINTS_CHARS, 'errors.keyPointsTooLong'),
		quotes: z
			.array(quoteInput, { error: 'errors.invalid' })
			.max(MAX_QUOTES_PER_ENTRY, { error: 'errors.tooManyQuotes' })
			.optional()
			.default([])
	})
	.superRefine((e, ctx) => {
		for (const field of STANCE_FIELDS) {
			if (e.asked && e[field] === null) ctx.addIssue({ code: 'custom', message: 'errors.countRequired', path: [field] });
			if (!e.asked && e[field] !== null) ctx.addIssue({ code: 'custom', message: 'errors.countNotAsked', path: [field] });
		}
	});

export const summaryContentInput = z
	.object({
		narrative: optionalText(MAX_NARRATIVE_CHARS, 'errors.narrativeTooLong'),
		/** Any language (BCP 47): liaisons write in the language they choose. */
		narrativeLanguage: languageTag,
		narrativeTranslation: optionalText(MAX_NARRATIVE_CHARS, 'errors.narrativeTooLong'),
		translationLanguage: z
			.union([z.literal(''), z.null(), languageTag])
			.optional()
			.transform((v) => v || null),
		channels: z.array(channelInput, { error: 'errors.invalid' }).max(MAX_CHANNELS, { error: 'errors.tooManyChannels' }),
		entries: z.array(entryInput, { error: 'errors.invalid' }).max(MAX_ENTRIES, { error: 'errors.invalid' })
	})
	.superRefine((s, ctx) => {
		if (s.narrativeTranslation && !s.translationLanguage) {
			ctx.addIssue({ code: 'custom', message: 'errors.translationLanguageRequired', path: ['translationLanguage'] });
		}
		if (s.narrativeTranslation && s.translationLanguage === s.narrativeLanguage) {
			ctx.addIssue({ code: 'custom', message: 'errors.summaryTranslationSameLanguage', path: ['translationLanguage'] });
		}
		const seen = new Set<string>();
		// Reported counts cannot exceed the people who took part across the summary's channels.
		const participants = s.channels.reduce((sum, c) => sum + c.participants, 0);
		s.entries.forEach((e, i) => {
			if (seen.has(e.clause)) ctx.addIssue({ code: 'custom', message: 'errors.summaryDuplicateEntry', path: ['entries', i, 'clause'] });
			seen.add(e.clause);
			const reported = (e.support ?? 0) + (e.oppose ?? 0) + (e.neutral ?? 0);
			if (e.asked && reported > participants) {
				ctx.addIssue({
					code: 'custom',
					message: 'errors.countsExceedParticipants',
					path: ['entries', i, 'counts'],
					params: { reported, participants }
				});
			}
		});
	})
	.transform((s) => ({
		...s,
		narrativeTranslation: s.narrativeTranslation || null,
		translationLanguage: s.narrativeTranslation ? s.translationLanguage : null
	}));

/** What the edit form, scripts and tests give the service: validated, normalised summary content. */
export type SummaryContent = z.output<typeof summaryContentInput>;
export type SummaryContentRaw = z.input<typeof summaryContentInput>;

/** One problem with summary content: where it is (a path into the input) and its message key. */
export interface SummaryIssue {
	path: (string | number)[];
	code: string;
	params?: Record<string, unknown>;
}

/** The issues of a failed parse, first per path, as message keys (anything else becomes errors.invalid). */
export function summaryIssues(error: z.ZodError): SummaryIssue[] {
	const seen = new Set<string>();
	const out: SummaryIssue[] = [];
	for (const issue of error.issues) {
		const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
		const id = path.join('.');
		if (seen.has(id)) continue;
		seen.add(id);
		const params = 'params' in issue ? (issue.params as Record<string, unknown> | undefined) : undefined;
		out.push({ path, code: issue.message.startsWith('errors.') ? issue.message : 'errors.invalid', params });
	}
	return out;
}

/** Starting a summary: which version (its number) and which language community. */
export const newSummaryInput = z.object({
	version: z.coerce.number({ error: 'errors.versionNotFound' }).int({ error: 'errors.versionNotFound' }).positive({
		error: 'errors.versionNotFound'
	}),
	language: languageTag
});
