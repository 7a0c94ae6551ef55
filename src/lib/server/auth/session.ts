// Sessions the Lucia way: a random token goes to the browser, only its SHA-256 is stored, and the
// expiry slides forward while the session is used. See the Lucia guide's "sessions" pages.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its last 15 days is extended to a full lifetime again. */
const RENEW_WITHIN = 15 * DAY;
export const SESSION_COOKIE = 'polyphony_session';

export type SessionUser = Pick<
	User,
	'id' | 'username' | 'displayName' | 'languages' | 'affiliation' | 'locale' | 'isSiteAdmin'
>;
export type SessionValidation =
	| { session: Session; user: SessionUser }
	| { session: null; user: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(db: Queryable, token: string, userId: number, now = Date.now()): Session {
	const session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: now + SESSION_LIFETIME,
		createdAt: now
	};
	db.insert(sessions).values(session).run();
	return session;
}

export function validateSessionToken(db: Queryable, token: string, now = Date.now()): SessionValidation {
	const id = sessionIdOf(token);
	const row = db
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				languages: users.languages,
				affiliation: users.affiliation,
				locale: users.locale,
				isSiteAdmin: users.isSiteAdmin
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	if (now >= session.expiresAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return { session: null, user: null };
	}
	if (now >= session.expiresAt - RENEW_WITHIN) {
		session.expiresAt = now + SESSION_LIFETIME;
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
	}
	return { session, user };
}

export function invalidateSession(db: Queryable, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Queryable, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
