import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statements';

function database(capacity?: number) {
	const sqlite = new Database(':memory:');
	cacheStatements(sqlite, capacity);
	sqlite.exec('create table t (a integer, b text)');
	sqlite.prepare('insert into t values (?, ?)').run(1, 'one');
	sqlite.prepare('insert into t values (?, ?)').run(2, 'two');
	return sqlite;
}

describe('cacheStatements', () => {
	it('hands back the compiled statement for SQL it has seen', () => {
		const sqlite = database();
		const first = sqlite.prepare('select a from t order by a');
		expect(sqlite.prepare('select a from t order by a')).toBe(first);
		expect(sqlite.prepare('select b from t order by a')).not.toBe(first);
	});

	it('resets the modes a previous caller switched on', () => {
		const sqlite = database();
		const sql = 'select a, b from t order by a';
		expect(sqlite.prepare(sql).raw().all()).toEqual([
			[1, 'one'],
			[2, 'two']
		]);
		expect(sqlite.prepare(sql).all()).toEqual([
			{ a: 1, b: 'one' },
			{ a: 2, b: 'two' }
		]);
		expect(sqlite.prepare(sql).pluck().get()).toBe(1);
		expect(sqlite.prepare(sql).get()).toEqual({ a: 1, b: 'one' });
	});

	it('never shares a statement that is still iterating', () => {
		const sqlite = database();
		const sql = 'select a from t order by a';
		const seen: number[] = [];
		for (const row of sqlite.prepare(sql).iterate() as Iterable<{ a: number }>) {
			seen.push(row.a, ...(sqlite.prepare(sql).all() as { a: number }[]).map((r) => r.a * 10));
		}
		expect(seen).toEqual([1, 10, 20, 2, 10, 20]);
	});

	it('keeps at most `capacity` statements, the oldest going first', () => {
		const sqlite = database(2);
		const a = sqlite.prepare('select 1');
		sqlite.prepare('select 2');
		sqlite.prepare('select 3');
		expect(sqlite.prepare('select 1')).not.toBe(a);
	});
});
