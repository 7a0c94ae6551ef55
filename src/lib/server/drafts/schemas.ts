// Input rules for editing a draft version clause by clause.
import { z } from 'zod';
import { multiLine, singleLine } from '../validation';
import { MAX_BODY_CHARS, MAX_HEADING_CHARS, MAX_LABEL_CHARS } from './parse';
import { MAX_NOTE_CHARS } from './submission';

const key = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { error: 'errors.keyFormat' });

export const clauseFields = z.object({
	label: singleLine(MAX_LABEL_CHARS),
	heading: singleLine(MAX_HEADING_CHARS, 'errors.tooLong', { directionControls: 'balance' }),
	body: multiLine(MAX_BODY_CHARS).refine((s) => s.length > 0, { error: 'errors.required' })
});

export const editClauseInput = clauseFields.extend({
	key,
	minor: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export const addClauseInput = clauseFields.extend({
	key: z.union([z.literal(''), key]).optional().transform((v) => v || null),
	afterKey: z.union([z.literal(''), key]).optional().transform((v) => v || null)
});

export const moveInput = z.object({ key, by: z.enum(['-1', '1']).transform((v) => Number(v) as -1 | 1) });
export const removeInput = z.object({ key });
export const noteInput = z.object({ note: multiLine(MAX_NOTE_CHARS).optional().default('') });
