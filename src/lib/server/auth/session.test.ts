import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { createTestDb, makeUser, type TestDb } from '../../../../tests/support/db';
import { sessions } from '../db/schema';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;
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
		const late = validateSessionToken(t.db, token, start + 20 * DAY);
		expect(late.session?.expiresAt).toBe(start + 20 * DAY + SESSION_LIFETIME);
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
});
