// How the server code's folders depend on one another, read from the imports themselves:
// - no loop between concern folders (src/lib/server/<concern>/): when audit/ imports roles/ and
//   roles/ imports audit/, neither can be read, tested or moved without the other, and a loop is
//   how a rule ends up with two owners;
// - the services do not import SvelteKit: they run the same in pages, the API and command-line
//   scripts (tsx, outside Vite). Only the route glue named below may, and it says why;
// - server code does not import components' code (src/lib/components/): what both need — formatting
//   numbers, shares, dates and lists — lives in src/lib/i18n/format.ts, one module for both.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const server = join(root, 'src/lib/server');

/** Files that read the request or answer it, and so import @sveltejs/kit: route glue, not services. */
const ROUTE_GLUE = new Set([
	'auth/guards.ts', // requireUser & co.: redirect to log-in, 401/403/404
	'auth/reading.ts', // consultationContext: the consultation, version and language a request asks for
	'auth/login.ts', // starts a session on the request's cookies
	'auth/cookies.ts', // the session and known-device cookies
	'auth/welcome.ts', // the one-time note's cookie
	'ratelimit/http.ts' // 429 answers with Retry-After
]);
/** A folder of route glue only: every file in it may import SvelteKit. */
const GLUE_FOLDER = 'http';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
	});
}

/** The module specifiers a file imports or re-exports, statically or dynamically (type-only imports too). */
function importsOf(source: string): string[] {
	const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g)].map((m) => m[2]);
	return [...new Set(specifiers)];
}

/** The folder a server file belongs to ("moderation"), or null for a file directly in src/lib/server/. */
function folderOf(file: string): string | null {
	const parts = relative(server, file).split(sep);
	return parts.length > 1 ? parts[0] : null;
}

/** Folder → folders it imports, with the file-level imports that make each edge. */
type FolderGraph = Map<string, Map<string, string[]>>;

function folderGraph(files: string[], read: (file: string) => string): FolderGraph {
	const graph: FolderGraph = new Map();
	for (const file of files) {
		const from = folderOf(file);
		if (!from) continue;
		for (const specifier of importsOf(read(file))) {
			if (!specifier.startsWith('.')) continue;
			const target = resolve(dirname(file), specifier);
			if (!target.startsWith(server + sep)) continue;
			const to = folderOf(target + '.ts');
			if (!to || to === from) continue;
			const edges = graph.get(from) ?? new Map<string, string[]>();
			graph.set(from, edges);
			edges.set(to, [...(edges.get(to) ?? []), `${relative(server, file)} → ${specifier}`]);
		}
	}
	return graph;
}

/** The loops of a graph: its strongly connected components of more than one folder (Tarjan). */
function loops(graph: FolderGraph): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, index.size);
		low.set(v, index.get(v)!);
		stack.push(v);
		for (const w of graph.get(v)?.keys() ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (stack.includes(w)) {
				low.set(v, Math.min(low.get(v)!, index.get(w)!));
			}
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				component.push(w);
			} while (w !== v);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

/** A loop with the imports that close it, so that a failure says which lines to change. */
function describeLoop(graph: FolderGraph, folders: string[]): string {
	const edges = folders.flatMap((from) =>
		[...(graph.get(from) ?? new Map<string, string[]>())].filter(([to]) => folders.includes(to)).flatMap(([, imports]) => imports)
	);
	return `${folders.join(' ↔ ')}: ${edges.join('; ')}`;
}

describe('the concern folders of src/lib/server', () => {
	it('finds a loop between folders, and the imports that make it', () => {
		const files = ['roles/service.ts', 'moderation/audit.ts', 'moderation/service.ts', 'db/index.ts'].map((f) => join(server, f));
		const sources: Record<string, string> = {
			'roles/service.ts': `import { recordAudit } from '../moderation/audit';\nimport type { Queryable } from '../db';`,
			'moderation/audit.ts': `import { personOf } from '../roles/badges';`,
			'moderation/service.ts': `import { recordAudit } from './audit';`,
			'db/index.ts': `import Database from 'better-sqlite3';`
		};
		const graph = folderGraph(files, (file) => sources[relative(server, file)]);
		expect(loops(graph).map((l) => describeLoop(graph, l))).toEqual([
			'moderation ↔ roles: moderation/audit.ts → ../roles/badges; roles/service.ts → ../moderation/audit'
		]);
		// The same folders without the back edge: no loop.
		sources['moderation/audit.ts'] = `import { personOf } from '../people/badges';`;
		expect(loops(folderGraph(files, (file) => sources[relative(server, file)]))).toEqual([]);
	});

	it('import one another without a loop', () => {
		const files = sourceFiles(server);
		expect(files.length).toBeGreaterThan(100);
		const graph = folderGraph(files, (file) => readFileSync(file, 'utf8'));
		expect(loops(graph).map((l) => describeLoop(graph, l))).toEqual([]);
		// The scan sees the folders' real edges.
		expect([...(graph.get('roles')?.keys() ?? [])]).toContain('audit');
		expect([...(graph.get('moderation')?.keys() ?? [])]).toContain('audit');
	});
});

describe('SvelteKit in src/lib/server', () => {
	it('is imported only by the route glue', () => {
		const files = sourceFiles(server);
		const importers = files
			.filter((file) => importsOf(readFileSync(file, 'utf8')).some((s) => s === '@sveltejs/kit' || s.startsWith('@sveltejs/kit/') || s.startsWith('$app/')))
			.map((file) => relative(server, file).split(sep).join('/'));
		const services = importers.filter((file) => !ROUTE_GLUE.has(file) && folderOf(join(server, file)) !== GLUE_FOLDER);
		expect(services).toEqual([]);
		// The scan sees the glue importing it.
		expect(importers).toContain('auth/guards.ts');
		expect(importers).toContain('auth/reading.ts');
	});

	it('names only route glue that exists (the list above is kept true)', () => {
		for (const file of ROUTE_GLUE) expect(statSync(join(server, file), { throwIfNoEntry: false })?.isFile(), file).toBe(true);
	});
});

describe('src/lib/components', () => {
	it('is not imported by server code (formatting is shared through src/lib/i18n/format.ts)', () => {
		const components = join(root, 'src/lib/components');
		const offending = sourceFiles(server).flatMap((file) =>
			importsOf(readFileSync(file, 'utf8'))
				.filter((s) => s.startsWith('$lib/components') || (s.startsWith('.') && resolve(dirname(file), s).startsWith(components + sep)))
				.map((s) => `${relative(server, file)} imports ${s}`)
		);
		expect(offending).toEqual([]);
	});
});
