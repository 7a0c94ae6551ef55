import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { serverSecrets } from '../db/schema';
import { issueKnownDevice, KNOWN_DEVICE_LIFETIME, knownDeviceFor } from './known-device';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());
const NOW = 1_800_000_000_000;

describe('known-device tokens', () => {
	it('name one account and open only it', () => {
		const { token, deviceId, expiresAt } = issueKnownDevice(t.db, 'amina.k', NOW);
		expect(expiresAt).toBe(NOW + KNOWN_DEVICE_LIFETIME);
		expect(knownDeviceFor(t.db, token, 'amina.k', NOW + 1000)).toBe(deviceId);
		expect(knownDeviceFor(t.db, token, 'lucia', NOW)).toBeNull();
		expect(knownDeviceFor(t.db, token.replace(/amina\.k$/, 'lucia'), 'lucia', NOW)).toBeNull();
		expect(issueKnownDevice(t.db, 'amina.k', NOW).deviceId).not.toBe(deviceId);
	});

	it('refuse any change, a forgery, an expired token and garbage', () => {
		const { token } = issueKnownDevice(t.db, 'amina', NOW);
		for (let i = 0; i < token.length; i++) {
			if (token[i] === '.') continue;
			const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
			expect(knownDeviceFor(t.db, altered, 'amina', NOW), altered).toBeNull();
		}
		const [v, id, at, , user] = token.split('.');
		expect(knownDeviceFor(t.db, [v, id, at, 'A'.repeat(43), user].join('.'), 'amina', NOW)).toBeNull();
		expect(knownDeviceFor(t.db, token, 'amina', NOW + KNOWN_DEVICE_LIFETIME)).toBeNull();
		expect(knownDeviceFor(t.db, token, 'amina', NOW - 1)).toBeNull();
		for (const junk of ['', 'amina', 'v1....amina', undefined, null, 'x'.repeat(1000)]) expect(knownDeviceFor(t.db, junk, 'amina', NOW)).toBeNull();
	});

	it('are signed with a random secret kept in the database: valid after a restart, not on another database', () => {
		const { token, deviceId } = issueKnownDevice(t.db, 'amina', NOW);
		expect(t.db.select().from(serverSecrets).all()).toHaveLength(1);
		const reopened = openDatabase(t.path);
		try {
			expect(knownDeviceFor(reopened, token, 'amina', NOW)).toBe(deviceId);
		} finally {
			reopened.$client.close();
		}
		const other = createTestDb();
		try {
			expect(knownDeviceFor(other.db, token, 'amina', NOW)).toBeNull();
		} finally {
			other.close();
		}
	});
});
