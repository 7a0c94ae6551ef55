// Input rules for assigning roles.
import { z } from 'zod';
import { LANGUAGE_ROLES, ROLES } from '../db/schema';
import { languageTag, username } from '../validation';

export const assignInput = z
	.object({
		username,
		role: z.enum(ROLES, { error: 'errors.invalid' }),
		language: z.union([z.literal(''), languageTag]).optional().default('')
	})
	.superRefine((v, ctx) => {
		if (LANGUAGE_ROLES.includes(v.role) && !v.language) {
			ctx.addIssue({ code: 'custom', path: ['language'], message: 'errors.roleNeedsLanguage' });
		}
	})
	.transform((v) => ({ ...v, language: LANGUAGE_ROLES.includes(v.role) ? v.language : '' }));

export const revokeInput = z.object({ id: z.coerce.number({ error: 'errors.invalid' }).int().positive() });
