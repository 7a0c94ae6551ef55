// Starting a session after a successful log-in or sign-up.
import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { setKnownDeviceCookie, setSessionCookie } from './cookies';
import { issueKnownDevice } from './known-device';
import { createSession, generateSessionToken } from './session';

/**
 * Ends the session this browser held (if any), starts a new one, and marks the browser as a known
 * device of the account (auth/known-device.ts), which spares it the account's log-in lock-out.
 */
export function startSession(event: RequestEvent, user: { id: number; username: string }): void {
	const db = getDb();
	const token = generateSessionToken();
	const now = Date.now();
	const userAgent = event.request.headers.get('user-agent') ?? '';
	const session = createSession(db, token, user.id, now, userAgent, event.locals.session?.id ?? null);
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	const device = issueKnownDevice(db, user.username, now);
	setKnownDeviceCookie(event.cookies, event.url, device.token, device.expiresAt);
}
