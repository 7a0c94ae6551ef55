// A cache of prepared statements by SQL text. drizzle prepares every query it runs, and compiling
// the SQL is a good part of a short query's cost; the same few dozen queries run on every page.
import type Database from 'better-sqlite3';

export const STATEMENTS_KEPT = 500;

/**
 * Makes `sqlite.prepare` hand back an already compiled statement for SQL it has seen. A statement
 * comes back in its default modes (drizzle switches `raw()` on for some calls); one still busy
 * iterating is never shared: the caller gets a new one.
 */
export function cacheStatements(sqlite: Database.Database, capacity = STATEMENTS_KEPT): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const kept = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		const statement = kept.get(source);
		if (statement && !statement.busy) {
			if (statement.reader) statement.raw(false).pluck(false).expand(false);
			return statement;
		}
		const fresh = prepare(source);
		if (!statement) {
			if (kept.size >= capacity) kept.delete(kept.keys().next().value!);
			kept.set(source, fresh);
		}
		return fresh;
	}) as typeof sqlite.prepare;
}
