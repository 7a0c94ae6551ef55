// Input rules for accounts, shared by the sign-up and profile forms, the API and the scripts.
import { z } from 'zod';
import { AFFILIATIONS } from '../db/schema';
import { languageTag, username } from '../validation';
import { displayNameSchema } from './display-name';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const MAX_USER_LANGUAGES = 10;

export const password = z
	.string({ error: 'errors.required' })
	.min(PASSWORD_MIN, { error: 'errors.passwordTooShort' })
	.max(PASSWORD_MAX, { error: 'errors.tooLong' });

/** The languages a person reads and writes, in order; the first is their home language. */
export const userLanguages = z
	.array(languageTag, { error: 'errors.languagesRequired' })
	.min(1, { error: 'errors.languagesRequired' })
	.max(MAX_USER_LANGUAGES, { error: 'errors.tooManyLanguages' })
	.transform((tags) => [...new Set(tags)]);

export const affiliation = z
	.union([z.enum(AFFILIATIONS, { error: 'errors.invalid' }), z.literal('')])
	.optional()
	.transform((v) => (v ? v : null));

export const profileInput = z.object({
	displayName: displayNameSchema(80),
	languages: userLanguages,
	affiliation
});

export const signUpInput = profileInput.extend({ username, password });

export const logInInput = z.object({
	username: z.string().trim().toLowerCase().min(1, { error: 'errors.required' }).max(64),
	password: z.string().min(1, { error: 'errors.required' }).max(PASSWORD_MAX)
});

/** Changing one's password: the current one, and the new one typed twice. */
export const passwordChangeInput = z
	.object({
		currentPassword: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(PASSWORD_MAX, { error: 'errors.tooLong' }),
		newPassword: password,
		confirmPassword: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' })
	})
	.refine((v) => v.newPassword === v.confirmPassword, { error: 'errors.passwordsDiffer', path: ['confirmPassword'] });

export type SignUpInput = z.infer<typeof signUpInput>;
export type ProfileInput = z.infer<typeof profileInput>;
