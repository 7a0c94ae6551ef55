// Request body limits (documented in README "Limits"). Oversized bodies get 413 in the user's language.
import type { RequestEvent } from '@sveltejs/kit';

/** Forms that carry a whole draft document. */
export const MAX_IMPORT_BODY_BYTES = 2 * 1024 * 1024;
/** Everything else: the largest ordinary form is a 10,000-character comment (≤ 40 kB in UTF-8). */
export const MAX_BODY_BYTES = 64 * 1024;
/** The liaison summary form: a narrative and its translation, channels, and every clause's entry and quotes. */
export const MAX_SUMMARY_BODY_BYTES = 1024 * 1024;

export function bodyLimitFor(pathname: string): number {
	if (/\/summaries\/\d+\/edit$/.test(pathname)) return MAX_SUMMARY_BODY_BYTES;
	return /\/import$|^\/consultations\/new$/.test(pathname) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

export function tooLargeResponse(event: RequestEvent): Response {
	const message = event.locals.t('errors.bodyTooLarge', { max: Math.round(bodyLimitFor(event.url.pathname) / 1024) });
	const accept = event.request.headers.get('accept') ?? '';
	if (accept.includes('application/json') || event.url.pathname.startsWith('/api/')) {
		return Response.json({ error: { status: 413, message } }, { status: 413, headers: { connection: 'close' } });
	}
	const html = `<!doctype html><html lang="${event.locals.locale}" dir="${event.locals.dir}"><meta charset="utf-8"><title>413</title><p>${escapeHtml(message)}</p></html>`;
	// The unread body stays on the socket: close it rather than let the client reuse it.
	return new Response(html, { status: 413, headers: { 'content-type': 'text/html; charset=utf-8', connection: 'close' } });
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
