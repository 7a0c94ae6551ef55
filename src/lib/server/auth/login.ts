// Starting a session after a successful log-in or sign-up.
import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { setSessionCookie } from './cookies';
import { createSession, generateSessionToken } from './session';

export function startSession(event: RequestEvent, userId: number): void {
	const token = generateSessionToken();
	const session = createSession(getDb(), token, userId, Date.now(), event.request.headers.get('user-agent') ?? '');
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
}
