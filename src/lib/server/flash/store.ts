// The flash store: what a form post sent without JavaScript answered (message, typed values,
// per-field errors), kept on the server for the one page load the browser is redirected to.
// A cookie holds only a random token; the row is keyed by its SHA-256, bound to the session that
// posted, read once (deleted as it is read) and gone after FLASH_LIFETIME_MS in any case.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { flashMessages } from '../db/schema';

/** Long enough for a slow phone to follow the redirect, short enough that nothing lingers. */
export const FLASH_LIFETIME_MS = 5 * 60 * 1000;
/**
 * The largest answer kept (its JSON, in UTF-8 bytes): a 10,000-character comment and its errors fit
 * many times over. A larger one (a whole draft's import preview) is answered in place, as before.
 */
export const MAX_FLASH_BYTES = 256 * 1024;
/** Rows kept at most, the oldest dropped first: posts without a session cannot fill the disk. */
export const MAX_FLASH_ROWS = 5_000;

export interface FlashPayload {
	/** The action's status: 200 for a success, the failure's (400, 409, 413, 429, …) otherwise. */
	status: number;
	/** The action's data: what the page receives as `form`. */
	data: Record<string, unknown> | null;
}

function idOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Keeps `payload` for `path`; the token for the cookie, or null when the payload is too large.
 * Expired rows go first, then the oldest beyond MAX_FLASH_ROWS.
 */
export function putFlash(
	db: Queryable,
	input: { sessionId: string | null; path: string; payload: FlashPayload },
	now = Date.now()
): string | null {
	const json = JSON.stringify(input.payload);
	if (Buffer.byteLength(json, 'utf8') > MAX_FLASH_BYTES) return null;
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	const token = encodeBase32LowerCaseNoPadding(bytes);
	db.delete(flashMessages).where(lte(flashMessages.expiresAt, now)).run();
	db.insert(flashMessages)
		.values({ id: idOf(token), sessionId: input.sessionId, path: input.path, payload: json, expiresAt: now + FLASH_LIFETIME_MS, createdAt: now })
		.run();
	const count = db.select({ n: sql<number>`count(*)` }).from(flashMessages).get()?.n ?? 0;
	if (count > MAX_FLASH_ROWS) {
		const oldest = db
			.select({ id: flashMessages.id })
			.from(flashMessages)
			.orderBy(asc(flashMessages.createdAt))
			.limit(count - MAX_FLASH_ROWS)
			.all();
		for (const row of oldest) db.delete(flashMessages).where(eq(flashMessages.id, row.id)).run();
	}
	return token;
}

export type FlashTake =
	/** The payload, now deleted. */
	| { kind: 'found'; payload: FlashPayload }
	/** Kept for another page of the same session (the browser went elsewhere first). */
	| { kind: 'elsewhere' }
	/** Unknown, expired, or another session's: the cookie can go. */
	| { kind: 'none' };

/**
 * Reads and deletes the flash named by `token`, if it belongs to this session (null: a visitor) and
 * to this page. Another session's flash is not read, and not deleted either.
 */
export function takeFlash(db: Queryable, token: string, sessionId: string | null, path: string, now = Date.now()): FlashTake {
	const id = idOf(token);
	const row = db.select().from(flashMessages).where(eq(flashMessages.id, id)).get();
	if (!row || row.expiresAt <= now || row.sessionId !== sessionId) return { kind: 'none' };
	if (row.path !== path) return { kind: 'elsewhere' };
	const deleted = db.delete(flashMessages).where(and(eq(flashMessages.id, id), eq(flashMessages.path, path))).run();
	// Two requests racing for the same flash: only the one whose delete removed it shows it.
	if (deleted.changes !== 1) return { kind: 'none' };
	return { kind: 'found', payload: JSON.parse(row.payload) as FlashPayload };
}
