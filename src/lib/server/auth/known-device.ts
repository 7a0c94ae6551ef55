// "Known device" tokens: a browser that logged in to an account successfully before carries a signed
// token naming that account (cookie `polyphony_device`, a year). Log-in attempts that bring a valid
// one are throttled per device instead of per account (ratelimit/index.ts loginAttempt), so that
// someone guessing passwords cannot lock the owner out of their own account; without it, the strict
// per-account limit and delay apply. The signature is an HMAC-SHA256 with a server secret kept in the
// database (auth/secrets.ts): a forged, altered, expired or other account's token is no token at all.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DB } from '../db';
import { serverSecret } from './secrets';

const DAY = 24 * 60 * 60 * 1000;
export const KNOWN_DEVICE_LIFETIME = 365 * DAY;
const VERSION = 'v1';
const SECRET = 'known-device';

export interface KnownDeviceToken {
	token: string;
	/** Random, per issued token: the key its log-in attempts are counted under. */
	deviceId: string;
	expiresAt: number;
}

function mac(db: DB, deviceId: string, issuedAt: string, username: string): Buffer {
	return createHmac('sha256', serverSecret(db, SECRET)).update(`${VERSION}\n${deviceId}\n${issuedAt}\n${username}`).digest();
}

/** A new token for `username` (the normalised one people log in with). */
export function issueKnownDevice(db: DB, username: string, now = Date.now()): KnownDeviceToken {
	const deviceId = randomBytes(16).toString('base64url');
	const issuedAt = now.toString(36);
	const signature = mac(db, deviceId, issuedAt, username).toString('base64url');
	// The username last: it may contain dots, the other parts never do.
	return { token: [VERSION, deviceId, issuedAt, signature, username].join('.'), deviceId, expiresAt: now + KNOWN_DEVICE_LIFETIME };
}

/** The device id when `token` is a valid, unexpired token for `username`; null otherwise. */
export function knownDeviceFor(db: DB, token: string | null | undefined, username: string, now = Date.now()): string | null {
	if (!token || token.length > 300) return null;
	const [version, deviceId, issuedAt, signature, ...rest] = token.split('.');
	if (version !== VERSION || !deviceId || !issuedAt || !signature || rest.join('.') !== username) return null;
	const issued = parseInt(issuedAt, 36);
	if (!/^[0-9a-z]+$/.test(issuedAt) || !(issued <= now) || now - issued >= KNOWN_DEVICE_LIFETIME) return null;
	const expected = mac(db, deviceId, issuedAt, username);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || given.toString('base64url') !== signature) return null;
	return timingSafeEqual(given, expected) ? deviceId : null;
}
