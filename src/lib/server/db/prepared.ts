// Queries prepared once per connection. drizzle builds a query's SQL text each time it runs, by
// walking the query's tree; for the short indexed queries that every request and every write makes
// (the session, the consultation, the stance and its tallies) that walk costs more than SQLite's
// work. Those queries are written once with placeholders (sql.placeholder) and kept here.
import { sql, type Placeholder } from 'drizzle-orm';
import type { Queryable } from '.';

const byConnection = new WeakMap<object, Map<unknown, unknown>>();

/**
 * Wraps a function that builds a prepared query (`….prepare()`) so that it runs once per database
 * connection. A transaction shares its connection's session, so the query prepared for a database
 * also runs inside its transactions and savepoints.
 */
export function preparedQuery<Q>(build: (db: Queryable) => Q): (db: Queryable) => Q {
	return (db) => {
		const connection = (db as unknown as { session: object }).session;
		let kept = byConnection.get(connection);
		if (!kept) byConnection.set(connection, (kept = new Map()));
		let query = kept.get(build) as Q | undefined;
		if (query === undefined) {
			query = build(db);
			kept.set(build, query);
		}
		return query;
	};
}

/** Placeholders named as the columns they fill: `.values(placeholders('a', 'b'))`, then `.run({ a, b })`. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
	return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}

/**
 * Placeholders for an update's `.set(…)`. drizzle fills them through each column's encoder as it
 * does in `.values(…)` (mapUpdateSet wraps any value in a Param), but its types for `set` do not
 * admit placeholders, hence the cast.
 */
export function setPlaceholders<K extends string>(...names: K[]): Record<K, never> {
	return placeholders(...names) as unknown as Record<K, never>;
}
