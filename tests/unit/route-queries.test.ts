// Routes stay thin: they read the form, call a service and answer. No route file builds a query:
// none imports drizzle-orm or a table of the schema (its types and constant lists are fine).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROUTES = resolve(import.meta.dirname, '../../src/routes');

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|js|svelte)$/.test(e.name) ? [join(dir, e.name)] : []
	);
}

/** What a file imports from drizzle-orm or the schema, other than types and the schema's constant lists (ALL_CAPS). */
export function queryImports(source: string): string[] {
	const found: string[] = [];
	for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
		const [, typeOnly, names, from] = m;
		if (typeOnly) continue;
		const values = names
			.split(',')
			.map((n) => n.trim())
			.filter((n) => n && !n.startsWith('type '));
		if (from === 'drizzle-orm') found.push(...values.map((n) => `drizzle-orm: ${n}`));
		if (/db\/schema$/.test(from)) found.push(...values.filter((n) => !/^[A-Z][A-Z0-9_]*$/.test(n)).map((n) => `schema: ${n}`));
	}
	return found;
}

describe('route files', () => {
	it('recognise a query being built, and not a type or a constant list', () => {
		expect(queryImports("import { sql } from 'drizzle-orm';\nimport { comments, AFFILIATIONS, type Comment } from '$lib/server/db/schema';")).toEqual([
			'drizzle-orm: sql',
			'schema: comments'
		]);
		expect(queryImports("import type { Consultation } from '$lib/server/db/schema';\nimport { TEXT_KINDS } from '$lib/server/db/schema';")).toEqual([]);
	});

	it('build no query: they import neither drizzle-orm nor the schema’s tables', () => {
		const offenders = files(ROUTES).flatMap((f) => queryImports(readFileSync(f, 'utf8')).map((i) => `${relative(ROUTES, f)} — ${i}`));
		expect(offenders).toEqual([]);
	});
});
