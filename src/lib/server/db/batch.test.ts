import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteBatcher } from './batch';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function database() {
	dir = mkdtempSync(join(tmpdir(), 'polyphony-batch-'));
	const sqlite = new Database(join(dir, 'batch.db'));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.exec('create table t (id integer primary key, v text not null unique)');
	return sqlite;
}

describe('WriteBatcher', () => {
	it('commits writes that arrive together in one transaction and settles each with its own result', async () => {
		const sqlite = database();
		const batcher = new WriteBatcher(sqlite);
		const insert = sqlite.prepare('insert into t (v) values (?) returning id');
		const results = await Promise.all(['a', 'b', 'c'].map((v) => batcher.run(() => (insert.get(v) as { id: number }).id)));
		expect(results).toEqual([1, 2, 3]);
		expect(batcher.batches).toBe(1);
		expect(batcher.writes).toBe(3);
		// Committed: another connection sees every row.
		const other = new Database(join(dir, 'batch.db'));
		expect(other.prepare('select count(*) from t').pluck().get()).toBe(3);
		other.close();
	});

	it('undoes only the write that failed, and reports its error to its caller alone', async () => {
		const sqlite = database();
		const batcher = new WriteBatcher(sqlite);
		const insert = sqlite.prepare('insert into t (v) values (?)');
		const outcomes = await Promise.allSettled([
			batcher.run(() => insert.run('x')),
			batcher.run(() => {
				insert.run('half'); // undone with the failing statement after it
				insert.run('x');
			}),
			batcher.run(() => insert.run('y'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
		expect(sqlite.prepare('select v from t order by id').pluck().all()).toEqual(['x', 'y']);
	});

	it('keeps accepting writes queued while a batch runs, in later batches', async () => {
		const sqlite = database();
		const batcher = new WriteBatcher(sqlite, 2);
		const insert = sqlite.prepare('insert into t (v) values (?)');
		await Promise.all(['1', '2', '3', '4', '5'].map((v) => batcher.run(() => insert.run(v))));
		expect(batcher.batches).toBe(3);
		expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(5);
	});

	it('lets nested transactions of the work (as drizzle makes) become savepoints', async () => {
		const sqlite = database();
		const batcher = new WriteBatcher(sqlite);
		const insert = sqlite.prepare('insert into t (v) values (?)');
		const twoRows = sqlite.transaction((a: string, b: string) => {
			insert.run(a);
			insert.run(b);
		});
		const outcomes = await Promise.allSettled([batcher.run(() => twoRows('p', 'q')), batcher.run(() => twoRows('r', 'p'))]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
		expect(sqlite.prepare('select v from t order by id').pluck().all()).toEqual(['p', 'q']);
	});
});
