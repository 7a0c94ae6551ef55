// The flash store on a real SQLite file: read once, for its session and page only, gone once
// expired, bounded in size and in rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { flashMessages } from '../db/schema';
import { FLASH_LIFETIME_MS, MAX_FLASH_BYTES, MAX_FLASH_ROWS, putFlash, takeFlash } from './store';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const payload = { status: 400, data: { action: 'comment', values: { body: 'typed' }, errors: { body: 'Too long' } } };
const rows = () => t.db.select().from(flashMessages).all().length;

describe('flash store', () => {
	it('gives the payload once, then nothing; the token itself is not stored', () => {
		const token = putFlash(t.db, { sessionId: 's1', path: '/a', payload }, 1_000)!;
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(t.db.select().from(flashMessages).all()[0].id).not.toContain(token);
		expect(takeFlash(t.db, token, 's1', '/a', 2_000)).toEqual({ kind: 'found', payload });
		expect(takeFlash(t.db, token, 's1', '/a', 2_000)).toEqual({ kind: 'none' });
		expect(rows()).toBe(0);
	});

	it('another session, or a visitor, reads nothing and leaves it for its owner', () => {
		const token = putFlash(t.db, { sessionId: 's1', path: '/a', payload }, 1_000)!;
		expect(takeFlash(t.db, token, 's2', '/a', 2_000)).toEqual({ kind: 'none' });
		expect(takeFlash(t.db, token, null, '/a', 2_000)).toEqual({ kind: 'none' });
		expect(takeFlash(t.db, token, 's1', '/a', 2_000).kind).toBe('found');
	});

	it('waits on another page of the same session for the page it was made for', () => {
		const token = putFlash(t.db, { sessionId: null, path: '/a', payload }, 1_000)!;
		expect(takeFlash(t.db, token, null, '/b', 2_000)).toEqual({ kind: 'elsewhere' });
		expect(takeFlash(t.db, token, null, '/a', 2_000).kind).toBe('found');
	});

	it('expires after FLASH_LIFETIME_MS, and expired rows go on the next write', () => {
		const token = putFlash(t.db, { sessionId: 's1', path: '/a', payload }, 1_000)!;
		expect(takeFlash(t.db, token, 's1', '/a', 1_000 + FLASH_LIFETIME_MS)).toEqual({ kind: 'none' });
		putFlash(t.db, { sessionId: 's1', path: '/a', payload }, 2_000 + FLASH_LIFETIME_MS);
		expect(rows()).toBe(1);
	});

	it('refuses a payload over MAX_FLASH_BYTES (the page is then rendered in place)', () => {
		const big = { status: 200, data: { values: { document: 'é'.repeat(MAX_FLASH_BYTES / 2) } } };
		expect(putFlash(t.db, { sessionId: null, path: '/a', payload: big }, 1_000)).toBeNull();
		expect(rows()).toBe(0);
	});

	it('keeps at most MAX_FLASH_ROWS rows, dropping the oldest', () => {
		const first = putFlash(t.db, { sessionId: null, path: '/a', payload }, 1_000)!;
		t.db.$client.exec('BEGIN');
		for (let i = 1; i < MAX_FLASH_ROWS; i++) putFlash(t.db, { sessionId: null, path: '/a', payload }, 1_000 + i);
		t.db.$client.exec('COMMIT');
		expect(rows()).toBe(MAX_FLASH_ROWS);
		const last = putFlash(t.db, { sessionId: null, path: '/a', payload }, 1_000 + MAX_FLASH_ROWS)!;
		expect(rows()).toBe(MAX_FLASH_ROWS);
		expect(takeFlash(t.db, first, null, '/a', 1_000 + MAX_FLASH_ROWS).kind).toBe('none');
		expect(takeFlash(t.db, last, null, '/a', 1_000 + MAX_FLASH_ROWS).kind).toBe('found');
	});
});
