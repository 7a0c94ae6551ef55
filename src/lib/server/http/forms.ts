// Reading and validating form submissions; errors come back translated, per field.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrorKeys, type FieldErrors } from '../validation';
import { formatNumber } from '../../i18n/format';
import { bodyLimitFor, fieldLimitFor } from './limits';

/**
 * The posted form, read strictly: a body over the route's limit is refused with 413 even when sent
 * without a Content-Length (the hook checks the header); so is a form with more fields than the
 * route's kind of form can have (`fieldLimitFor`), so that no action ever walks a huge one; text
 * that is not valid UTF-8 — raw or percent-encoded — with 400 rather than silently turned into
 * U+FFFD; an unreadable form with 400.
 */
export async function readForm(event: RequestEvent): Promise<FormData> {
	const t = event.locals.t;
	const bytes = await readBody(event);
	const maxFields = fieldLimitFor(event.url.pathname);
	const tooMany = (): never => error(413, t('errors.tooManyFields', { max: formatNumber(event.locals.locale, maxFields) }));
	const contentType = event.request.headers.get('content-type') ?? '';
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') {
		const form = parseUrlEncoded(bytes, maxFields);
		if (form === TOO_MANY) return tooMany();
		if (!form) error(400, t('errors.badEncoding'));
		return form;
	}
	let form: FormData | null = null;
	if (type === 'multipart/form-data') {
		try {
			form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
		} catch {
			form = null;
		}
	}
	if (!form) error(400, t('errors.badForm'));
	if (Array.from(form.keys()).length > maxFields) tooMany();
	// The multipart parser decodes invalid UTF-8 as U+FFFD; an uploaded file may be checked on its own.
	const replaced = [...form.values()].some((v) => typeof v === 'string' && v.includes('\uFFFD'));
	if (replaced && decodeUtf8(bytes) === null) error(400, t('errors.badEncoding'));
	return form;
}

async function readBody(event: RequestEvent): Promise<Uint8Array<ArrayBuffer>> {
	const limit = bodyLimitFor(event.url.pathname);
	const reader = event.request.body?.getReader();
	if (!reader) return new Uint8Array(0);
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		// Past the limit the rest is read and dropped (adapter-node stops at BODY_SIZE_LIMIT): cancelling
		// would reset the connection before the client could read the 413.
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (e) {
			if (total > limit) break;
			throw e;
		}
		if (chunk.done) break;
		total += chunk.value.byteLength;
		if (total <= limit) chunks.push(chunk.value);
	}
	if (total > limit) error(413, event.locals.t('errors.bodyTooLarge', { max: Math.round(limit / 1024) }));
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

function decodeUtf8(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}

const encoder = new TextEncoder();

/** WHATWG percent-decoding (a stray "%" stays as it is), then strict UTF-8. */
function percentDecode(text: string): string | null {
	const input = encoder.encode(text.replaceAll('+', ' '));
	const out = new Uint8Array(input.length);
	let n = 0;
	const hex = (b: number) => (b >= 48 && b <= 57 ? b - 48 : b >= 65 && b <= 70 ? b - 55 : b >= 97 && b <= 102 ? b - 87 : -1);
	for (let i = 0; i < input.length; i++) {
		const high = input[i] === 37 && i + 2 < input.length ? hex(input[i + 1]) : -1;
		const low = high >= 0 ? hex(input[i + 2]) : -1;
		if (low >= 0) {
			out[n++] = high * 16 + low;
			i += 2;
		} else {
			out[n++] = input[i];
		}
	}
	return decodeUtf8(out.subarray(0, n));
}

const TOO_MANY = Symbol('too many fields');

/**
 * application/x-www-form-urlencoded → FormData; null when any name or value is not valid UTF-8,
 * TOO_MANY (before decoding the rest) past `maxFields` fields.
 */
function parseUrlEncoded(bytes: Uint8Array, maxFields: number): FormData | null | typeof TOO_MANY {
	const text = decodeUtf8(bytes);
	if (text === null) return null;
	const form = new FormData();
	let fields = 0;
	for (const pair of text.split('&')) {
		if (!pair) continue;
		if (++fields > maxFields) return TOO_MANY;
		const at = pair.indexOf('=');
		const name = percentDecode(at < 0 ? pair : pair.slice(0, at));
		const value = percentDecode(at < 0 ? '' : pair.slice(at + 1));
		if (name === null || value === null) return null;
		form.append(name, value);
	}
	return form;
}

/** The string values of a form; `lists` names fields that may repeat or hold comma-separated lists. */
export function formValues(form: FormData, lists: string[] = []): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		if (lists.includes(name)) {
			const items = value.split(/[\s,;]+/).filter(Boolean);
			out[name] = [...((out[name] as string[] | undefined) ?? []), ...items];
		} else {
			out[name] = value;
		}
	}
	for (const name of lists) out[name] ??= [];
	return out;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validate<S extends z.ZodType>(event: RequestEvent, schema: S, input: unknown): Validated<z.output<S>> {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const keys = fieldErrorKeys(result.error);
	const errors: FieldErrors = {};
	for (const [field, key] of Object.entries(keys)) errors[field] = event.locals.t(key);
	return { ok: false, errors };
}
