import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { authenticate, signUp } from './service';
import { changePassword } from './security';
import { passwordChangeInput } from './schemas';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('changePassword', () => {
	it('needs the current password, then ends every other session', async () => {
		const user = await signUp(t.db, {
			username: 'amina',
			displayName: 'Amina',
			password: 'first password',
			languages: ['ar'],
			affiliation: null
		});
		const [here, phone, laptop] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const session = createSession(t.db, here, user.id);
		createSession(t.db, phone, user.id);
		createSession(t.db, laptop, user.id);

		const refused = await changePassword(t.db, { userId: user.id, currentPassword: 'wrong password', newPassword: 'second password', keepSessionId: session.id });
		expect(refused).toEqual({ changed: false });
		expect(validateSessionToken(t.db, phone).session).not.toBeNull();
		expect(await authenticate(t.db, 'amina', 'first password')).not.toBeNull();

		const done = await changePassword(t.db, { userId: user.id, currentPassword: 'first password', newPassword: 'second password', keepSessionId: session.id });
		expect(done).toEqual({ changed: true, endedSessions: 2 });
		expect(validateSessionToken(t.db, here).session).not.toBeNull();
		expect(validateSessionToken(t.db, phone).session).toBeNull();
		expect(validateSessionToken(t.db, laptop).session).toBeNull();
		expect(await authenticate(t.db, 'amina', 'first password')).toBeNull();
		expect(await authenticate(t.db, 'amina', 'second password')).not.toBeNull();
	});

	it('checks the new password twice and by the sign-up rules', () => {
		expect(passwordChangeInput.safeParse({ currentPassword: 'x', newPassword: 'long enough', confirmPassword: 'long enough' }).success).toBe(true);
		const differ = passwordChangeInput.safeParse({ currentPassword: 'x', newPassword: 'long enough', confirmPassword: 'long enuogh' });
		expect(differ.error?.issues[0]).toMatchObject({ path: ['confirmPassword'], message: 'errors.passwordsDiffer' });
		const short = passwordChangeInput.safeParse({ currentPassword: 'x', newPassword: 'short', confirmPassword: 'short' });
		expect(short.error?.issues[0]).toMatchObject({ path: ['newPassword'], message: 'errors.passwordTooShort' });
	});
});
