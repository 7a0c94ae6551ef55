// Request body and form field limits (documented in README "Limits"). Oversized bodies, and forms
// with more fields than their kind can have, get 413 in the user's language.
import type { RequestEvent } from '@sveltejs/kit';
import { MAX_CLAUSES } from '../drafts/parse';
import { MAX_CONSULTATION_LANGUAGES } from '../consultations/schemas';
import { MAX_CHANNELS, MAX_ENTRIES, MAX_QUOTES_PER_ENTRY } from '../summaries/schemas';

/** Forms that carry a whole draft document. */
export const MAX_IMPORT_BODY_BYTES = 2 * 1024 * 1024;
/** Everything else: the largest ordinary form is a 10,000-character comment (≤ 40 kB in UTF-8). */
export const MAX_BODY_BYTES = 64 * 1024;
/** The liaison summary form: a narrative and its translation, channels, and every clause's entry and quotes. */
export const MAX_SUMMARY_BODY_BYTES = 1024 * 1024;

/** Every form but the two below: the largest (a new account, a profile, a draft clause) has about ten. */
export const MAX_FORM_FIELDS = 100;
/**
 * A draft import, or a new consultation with its draft: a few fields, the committee's matching review
 * (`match.N` and `minor.N` for each clause), and the consultation's languages if sent one per field.
 */
export const MAX_IMPORT_FORM_FIELDS = 20 + 2 * MAX_CLAUSES + MAX_CONSULTATION_LANGUAGES;
/**
 * The liaison summary form filled in completely: narrative and translation with their languages, every
 * channel row (5 fields), every clause's entry (asked, 3 counts, key points) and its quote rows (3
 * fields each), and room for the "add a row" buttons.
 */
export const MAX_SUMMARY_FORM_FIELDS = 4 + 5 * MAX_CHANNELS + MAX_ENTRIES * (5 + 3 * MAX_QUOTES_PER_ENTRY) + 16;

const isSummaryEdit = (pathname: string) => /\/summaries\/\d+\/edit$/.test(pathname);
const isImport = (pathname: string) => /\/import$|^\/consultations\/new$/.test(pathname);

/** How many fields a form posted to this path may have (readForm refuses more with 413). */
export function fieldLimitFor(pathname: string): number {
	if (isSummaryEdit(pathname)) return MAX_SUMMARY_FORM_FIELDS;
	return isImport(pathname) ? MAX_IMPORT_FORM_FIELDS : MAX_FORM_FIELDS;
}

export function bodyLimitFor(pathname: string): number {
	if (isSummaryEdit(pathname)) return MAX_SUMMARY_BODY_BYTES;
	return isImport(pathname) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
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
