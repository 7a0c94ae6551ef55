import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { createTestDb, makeUser, type TestDb } from '../../../../tests/support/db';
import { sessions } from '../db/schema';
import {
	createSession,
	generateSessionToken,
	invalidateOtherSessions,
	invalidateSession,
	invalidateUserSession,
	invalidateUserSessions,
	LAST_SEEN_EVERY,
	listUserSessions,
	SESSION_LIFETIME,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;
const createdId = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('sessions', () => {
	it('makes long random tokens', () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(a).not.toBe(b);
	});

	it('stores only the SHA-256 of the token', () => {
		const user = makeUser(t.db);
		const token = generateSessionToken();
		createSession(t.db, token, user.id);
		const rows = t.db.select().from(sessions).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		expect(rows[0].id).not.toContain(token);
	});

	it('validates a token and returns its user', () => {
		const user = makeUser(t.db, { displayName: 'Amina' });
		const token = generateSessionToken();
		createSession(t.db, token, user.id);
		const result = validateSessionToken(t.db, token);
		expect(result.user?.id).toBe(user.id);
		expect(result.user?.displayName).toBe('Amina');
		expect(validateSessionToken(t.db, generateSessionToken()).session).toBeNull();
	});

	it('slides the expiry forward when used in the second half of its life', () => {
		const user = makeUser(t.db);
		const token = generateSessionToken();
		const start = 1_000_000_000_000;
		createSession(t.db, token, user.id, start);
		const early = validateSessionToken(t.db, token, start + 5 * DAY);
		expect(early.session?.expiresAt).toBe(start + SESSION_LIFETIME);
		expect(early.renewed).toBe(false);
		const late = validateSessionToken(t.db, token, start + 20 * DAY);
		expect(late.session?.expiresAt).toBe(start + 20 * DAY + SESSION_LIFETIME);
		expect(late.renewed).toBe(true);
		expect(t.db.select().from(sessions).get()?.expiresAt).toBe(start + 20 * DAY + SESSION_LIFETIME);
	});

	it('deletes an expired session when it is presented', () => {
		const user = makeUser(t.db);
		const token = generateSessionToken();
		const start = 1_000_000_000_000;
		createSession(t.db, token, user.id, start);
		expect(validateSessionToken(t.db, token, start + SESSION_LIFETIME).session).toBeNull();
		expect(t.db.select().from(sessions).all()).toHaveLength(0);
	});

	it('ends the session it replaces (logging in again), and only that one', () => {
		const user = makeUser(t.db);
		const other = makeUser(t.db);
		const before = createSession(t.db, generateSessionToken(), user.id);
		const elsewhere = createSession(t.db, generateSessionToken(), user.id);
		const token = generateSessionToken();
		createSession(t.db, token, other.id, Date.now(), '', before.id);
		expect(t.db.select().from(sessions).all().map((s) => s.id).sort()).toEqual(
			[elsewhere.id, createdId(token)].sort()
		);
	});

	it('invalidates one session, or all of a user', () => {
		const user = makeUser(t.db);
		const a = generateSessionToken();
		const b = generateSessionToken();
		const sa = createSession(t.db, a, user.id);
		createSession(t.db, b, user.id);
		invalidateSession(t.db, sa.id);
		expect(validateSessionToken(t.db, a).session).toBeNull();
		expect(validateSessionToken(t.db, b).session).not.toBeNull();
		invalidateUserSessions(t.db, user.id);
		expect(validateSessionToken(t.db, b).session).toBeNull();
	});

	it('records the browser, and when it was last seen at most once a minute', () => {
		const user = makeUser(t.db);
		const token = generateSessionToken();
		const start = 1_000_000_000_000;
		createSession(t.db, token, user.id, start, 'Mozilla/5.0 '.repeat(50));
		const row = () => t.db.select().from(sessions).get()!;
		expect(row().userAgent).toHaveLength(300);
		expect(row().lastSeenAt).toBe(start);
		validateSessionToken(t.db, token, start + LAST_SEEN_EVERY - 1);
		expect(row().lastSeenAt).toBe(start);
		validateSessionToken(t.db, token, start + LAST_SEEN_EVERY);
		expect(row().lastSeenAt).toBe(start + LAST_SEEN_EVERY);
		expect(row().expiresAt).toBe(start + SESSION_LIFETIME);
	});

	it('lists a person\'s sessions, ends one of theirs (not someone else\'s), or all but this one', () => {
		const user = makeUser(t.db);
		const other = makeUser(t.db);
		const start = 1_000_000_000_000;
		const mine = [0, 1, 2].map((i) => createSession(t.db, generateSessionToken(), user.id, start + i * 1000, `agent ${i}`));
		const theirs = createSession(t.db, generateSessionToken(), other.id, start);
		expect(listUserSessions(t.db, user.id, start + 5000).map((s) => s.userAgent)).toEqual(['agent 2', 'agent 1', 'agent 0']);
		expect(listUserSessions(t.db, user.id, start + 2000 + SESSION_LIFETIME)).toEqual([]);
		expect(invalidateUserSession(t.db, user.id, theirs.id)).toBe(false);
		expect(invalidateUserSession(t.db, user.id, mine[0].id)).toBe(true);
		expect(invalidateOtherSessions(t.db, user.id, mine[2].id)).toBe(1);
		expect(listUserSessions(t.db, user.id, start).map((s) => s.id)).toEqual([mine[2].id]);
		expect(listUserSessions(t.db, other.id, start)).toHaveLength(1);
	});
});
