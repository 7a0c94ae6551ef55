import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { authenticate, signUp, updateProfile, UsernameTakenError } from './service';
import { profileInput, signUpInput } from './schemas';
import { users } from '../db/schema';
import { eq } from 'drizzle-orm';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const input = signUpInput.parse({
	username: 'Amina',
	displayName: 'Amina Haddad',
	password: 'a long enough password',
	languages: ['ar', 'EN'],
	affiliation: 'volunteer'
});

describe('accounts', () => {
	it('signs up with an argon2id hash, a lower-case username and canonical languages', async () => {
		const user = await signUp(t.db, input);
		expect(user.username).toBe('amina');
		expect(user.languages).toEqual(['ar', 'en']);
		expect(user.passwordHash).toMatch(/^\$argon2id\$/);
		expect(user.passwordHash).not.toContain('a long enough password');
	});

	it('refuses a username that is taken', async () => {
		await signUp(t.db, input);
		await expect(signUp(t.db, input)).rejects.toBeInstanceOf(UsernameTakenError);
	});

	it('authenticates the right password only, and says nothing about unknown usernames', async () => {
		await signUp(t.db, input);
		expect((await authenticate(t.db, 'amina', 'a long enough password'))?.username).toBe('amina');
		expect(await authenticate(t.db, 'amina', 'the wrong password')).toBeNull();
		expect(await authenticate(t.db, 'nobody', 'a long enough password')).toBeNull();
	});

	it('updates the profile', async () => {
		const user = await signUp(t.db, input);
		updateProfile(t.db, user.id, profileInput.parse({ displayName: 'A. Haddad', languages: ['fr', 'ar'], affiliation: '' }));
		const row = t.db.select().from(users).where(eq(users.id, user.id)).get();
		expect(row).toMatchObject({ displayName: 'A. Haddad', languages: ['fr', 'ar'], affiliation: null });
	});
});

describe('account input rules', () => {
	const base = { username: 'sam', displayName: 'Sam', password: '0123456789', languages: ['en'] };

	it('needs a password of at least 10 characters', () => {
		const result = signUpInput.safeParse({ ...base, password: '123456789' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toBe('errors.passwordTooShort');
		expect(signUpInput.safeParse(base).success).toBe(true);
	});

	it('checks language tags as BCP 47 and canonicalises them', () => {
		expect(signUpInput.parse({ ...base, languages: ['PT-br', 'zh-hans', 'pt-BR'] }).languages).toEqual(['pt-BR', 'zh-Hans']);
		const bad = signUpInput.safeParse({ ...base, languages: ['not a tag'] });
		expect(bad.error?.issues[0].message).toBe('errors.languageInvalid');
		expect(signUpInput.safeParse({ ...base, languages: [] }).error?.issues[0].message).toBe('errors.languagesRequired');
	});

	it('refuses bidirectional override characters and control characters in display names', () => {
		expect(signUpInput.safeParse({ ...base, displayName: 'evil\u202Egnp.exe' }).error?.issues[0].message).toBe('errors.bidiControls');
		expect(signUpInput.safeParse({ ...base, displayName: 'a\u0007b' }).error?.issues[0].message).toBe('errors.controlChars');
		// Ordinary right-to-left names, with joiners, are fine.
		expect(signUpInput.safeParse({ ...base, displayName: 'شیرین\u200cجان' }).success).toBe(true);
	});

	it('accepts only the listed affiliations, and none', () => {
		expect(signUpInput.parse({ ...base, affiliation: '' }).affiliation).toBeNull();
		expect(signUpInput.parse({ ...base, affiliation: 'staff' }).affiliation).toBe('staff');
		expect(signUpInput.safeParse({ ...base, affiliation: 'boss' }).success).toBe(false);
	});

	it('restricts usernames to a simple ASCII form', () => {
		expect(signUpInput.safeParse({ ...base, username: 'ab' }).error?.issues[0].message).toBe('errors.usernameFormat');
		expect(signUpInput.safeParse({ ...base, username: 'a b c' }).error?.issues[0].message).toBe('errors.usernameFormat');
		expect(signUpInput.parse({ ...base, username: ' Sam_1 ' }).username).toBe('sam_1');
	});
});
