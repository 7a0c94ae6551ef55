// docs/architecture.md is where a newcomer starts: it must stay true to the tree it describes. This
// reads the tree — the tables of db/schema.ts, the folders of src/lib/server, the route groups of
// src/routes — and the files the page names, and fails when the page forgets one or names a file
// that is gone (a renamed service, a moved component).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');

/** Every file name under the folders: a bare name in a row (`session.ts` in the auth row) is read in that row's folder. */
function fileNames(...dirs: string[]): Set<string> {
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [name]));
	return new Set(dirs.flatMap((d) => walk(join(root, d))));
}

const folders = (dir: string) => readdirSync(join(root, dir)).filter((name) => statSync(join(root, dir, name)).isDirectory());

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
	const start = doc.indexOf(`\n${heading}\n`);
	expect(start, `docs/architecture.md has a "${heading}" section`).toBeGreaterThan(-1);
	const level = heading.split(' ')[0];
	const rest = doc.slice(start + heading.length + 2);
	const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
	return end === -1 ? rest : rest.slice(0, end);
}

/** Where a path written in the page may be relative to: the page's habit is the shortest clear path. */
const BASES = ['', 'src', 'src/lib', 'src/lib/server', 'src/lib/components', 'src/routes', 'docs', 'scripts'];

describe('docs/architecture.md', () => {
	it('draws every table of the schema in its picture', () => {
		const schema = readFileSync(join(root, 'src/lib/server/db/schema.ts'), 'utf8');
		const tables = [...schema.matchAll(/sqliteTable\(\s*'([a-z_]+)'/g)].map((m) => m[1]);
		expect(tables.length).toBeGreaterThan(20);
		const picture = section('### Schema').match(/```\n([\s\S]*?)```/)?.[1] ?? '';
		expect(tables.filter((table) => !new RegExp(`\\b${table}\\b`).test(picture))).toEqual([]);
	});

	it('gives every folder of src/lib/server a row saying what it owns', () => {
		const rows = section('## Server code, folder by folder');
		expect(folders('src/lib/server').filter((folder) => !rows.includes(`| \`${folder}/\``))).toEqual([]);
	});

	it('names every route group of src/routes', () => {
		const routes = section('## Routes');
		expect(folders('src/routes').filter((group) => !routes.includes(`\`${group}/\``))).toEqual([]);
	});

	it('names only files that exist', () => {
		const named = [...doc.matchAll(/`([\w$[\]=().+/-]+\.(?:ts|js|svelte|json|md))`/g)].map((m) => m[1]);
		expect(named.length).toBeGreaterThan(100);
		const names = fileNames('src', 'scripts', 'docs', 'tests', 'messages');
		// build/ is made by `vite build`; a bare +page.server.ts names the kind of file, not one; /… is an address.
		const missing = [...new Set(named)].filter((path) => {
			if (path.startsWith('build/') || path.startsWith('+') || path.startsWith('/')) return false;
			if (!path.includes('/')) return !names.has(path) && !existsSync(join(root, path));
			return !BASES.some((base) => existsSync(join(root, base, path)));
		});
		expect(missing).toEqual([]);
	});

	it('follows a stance to the page through files that exist, hop by hop', () => {
		const hops = section('## How a stance becomes a tally');
		const files = [...hops.matchAll(/`([\w$[\]=().+/-]+\.(?:ts|svelte))`/g)].map((m) => m[1]);
		// The form, the action, the participation service, the storage, the tallies' writer and
		// reader, the aggregation and the page that shows it.
		for (const hop of ['StanceForm.svelte', 'participation/stances.ts', 'stances/service.ts', 'tallies/service.ts', 'tallies/read.ts', 'aggregation/service.ts']) {
			expect(files.some((f) => f.endsWith(hop)), hop).toBe(true);
		}
		expect(hops).toContain('clause_tallies');
	});
});
