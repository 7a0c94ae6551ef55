// JSON responses for /api/v1: errors carry a message in the caller's language.
import { json, type RequestEvent } from '@sveltejs/kit';

export function apiError(event: RequestEvent, status: number, key: string, params?: Record<string, unknown>): Response {
	return json({ error: { status, message: event.locals.t(key, params) } }, { status });
}
