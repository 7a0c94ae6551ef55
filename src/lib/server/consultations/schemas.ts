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
