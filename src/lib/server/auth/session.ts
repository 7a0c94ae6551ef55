// Sessions the Lucia way: a random token goes to the browser, only its SHA-256 is stored, and the
// expiry slides forward while the session is used. See the Lucia guide's "sessions" pages.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedQuery, setPlaceholders } from '../db/prepared';
import { sessions, users, type Session, type User } from '../db/schema';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its last 15 days is extended to a full lifetime again. */
const RENEW_WITHIN = 15 * DAY;
export const SESSION_COOKIE = 'polyphony_session';

export type SessionUser = Pick<
	User,
	'id' | 'username' | 'displayName' | 'languages' | 'affiliation' | 'locale' | 'isSiteAdmin' | 'isDemo'
>;
/** `renewed`: the expiry slid forward on this request, so the browser's cookie must be set again. */
export type SessionValidation =
	| { session: Session; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** How often a session's "last seen" time is written: at most once a minute, not on every request. */
export const LAST_SEEN_EVERY = 60 * 1000;
export const MAX_USER_AGENT_CHARS = 300;

/**
 * `replacing`: the session the browser held until now (logging in again, or as someone else), ended
 * in the same transaction, so that no session is left behind that nobody holds any more.
 */
export function createSession(
	db: Queryable,
	token: string,
	userId: number,
	now = Date.now(),
	userAgent = '',
	replacing: string | null = null
): Session {
	const session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: now + SESSION_LIFETIME,
		createdAt: now,
		userAgent: userAgent.slice(0, MAX_USER_AGENT_CHARS),
		lastSeenAt: now
	};
	if (!replacing) {
		db.insert(sessions).values(session).run();
		return session;
	}
	db.transaction((tx) => {
		tx.delete(sessions).where(eq(sessions.id, replacing)).run();
		tx.insert(sessions).values(session).run();
	});
	return session;
}

const sessionById = preparedQuery((db) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				languages: users.languages,
				affiliation: users.affiliation,
				locale: users.locale,
				isSiteAdmin: users.isSiteAdmin,
				isDemo: users.isDemo
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare()
);

const touchSession = preparedQuery((db) =>
	db
		.update(sessions)
		.set(setPlaceholders('expiresAt', 'lastSeenAt'))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare()
);

/**
 * `deferWrite` decides when the session's own bookkeeping (sliding expiry, last seen) is written:
 * at once by default; the server hands it to the next group commit (db/batch.ts) rather than pay
 * a commit of its own per request — losing it in a crash costs nothing but a slightly older date.
 */
export function validateSessionToken(
	db: Queryable,
	token: string,
	now = Date.now(),
	deferWrite: (write: () => void) => void = (write) => write()
): SessionValidation {
	const id = sessionIdOf(token);
	const row = sessionById(db).get({ id });
	if (!row) return { session: null, user: null, renewed: false };
	const { session, user } = row;
	if (now >= session.expiresAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return { session: null, user: null, renewed: false };
	}
	const renewed = now >= session.expiresAt - RENEW_WITHIN;
	const seen = session.lastSeenAt === null || now - session.lastSeenAt >= LAST_SEEN_EVERY;
	if (renewed || seen) {
		if (renewed) session.expiresAt = now + SESSION_LIFETIME;
		session.lastSeenAt = now;
		const expiresAt = session.expiresAt;
		deferWrite(() => touchSession(db).run({ id, expiresAt, lastSeenAt: now }));
	}
	return { session, user, renewed };
}

export type SessionListItem = Pick<Session, 'id' | 'createdAt' | 'lastSeenAt' | 'userAgent' | 'expiresAt'>;

/** A person's sessions that have not expired, most recently used first. */
export function listUserSessions(db: Queryable, userId: number, now = Date.now()): SessionListItem[] {
	return db
		.select({
			id: sessions.id,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt,
			userAgent: sessions.userAgent,
			expiresAt: sessions.expiresAt
		})
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
		.all()
		.filter((s) => s.expiresAt > now);
}

/** Ends one of this person's sessions; false when they have no such session. */
export function invalidateUserSession(db: Queryable, userId: number, sessionId: string): boolean {
	return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).run().changes > 0;
}

/** Ends every session of this person except `keepSessionId`; returns how many ended. */
export function invalidateOtherSessions(db: Queryable, userId: number, keepSessionId: string): number {
	return db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))).run().changes;
}

export function invalidateSession(db: Queryable, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Queryable, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
