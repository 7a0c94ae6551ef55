// Accounts: sign-up, log-in check and profile changes.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { users, type User } from '../db/schema';
import { decoyHash, hashPassword, verifyPassword } from '../auth/password';
import type { ProfileInput, SignUpInput } from './schemas';

export class UsernameTakenError extends Error {
	constructor() {
		super('errors.usernameTaken');
	}
}

export type NewUser = Omit<SignUpInput, 'password'> & {
	passwordHash: string;
	isSiteAdmin?: boolean;
	locale?: string | null;
	createdAt?: number;
};

export function createUser(db: Queryable, input: NewUser): User {
	try {
		return db
			.insert(users)
			.values({
				username: input.username,
				displayName: input.displayName,
				passwordHash: input.passwordHash,
				languages: input.languages,
				affiliation: input.affiliation,
				locale: input.locale ?? null,
				isSiteAdmin: input.isSiteAdmin ?? false,
				...(input.createdAt ? { createdAt: input.createdAt } : {})
			})
			.returning()
			.get();
	} catch (e) {
		if (e instanceof Error && /UNIQUE constraint failed: users\.username/.test(e.message)) {
			throw new UsernameTakenError();
		}
		throw e;
	}
}

export async function signUp(db: Queryable, input: SignUpInput, locale: string | null = null): Promise<User> {
	const { password, ...rest } = input;
	return createUser(db, { ...rest, passwordHash: await hashPassword(password), locale });
}

/** The user when the password is right; null otherwise, without telling which part was wrong. */
export async function authenticate(db: Queryable, username: string, password: string): Promise<User | null> {
	const user = db.select().from(users).where(eq(users.username, username)).get();
	if (!user) {
		await verifyPassword(await decoyHash(), password);
		return null;
	}
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export function updateProfile(db: Queryable, userId: number, input: ProfileInput): void {
	db.update(users)
		.set({
			displayName: input.displayName,
			languages: input.languages,
			affiliation: input.affiliation
		})
		.where(eq(users.id, userId))
		.run();
}

export function setUserLocale(db: Queryable, userId: number, locale: string | null): void {
	db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function findUserByUsername(db: Queryable, username: string): User | undefined {
	return db.select().from(users).where(eq(users.username, username)).get();
}
