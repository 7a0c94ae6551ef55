// The application's route tree as read from src/routes — every page, endpoint (with its methods) and
// form action — so that a test can fail when a route is added without being covered
// (tests/integration/authorization-matrix.test.ts). Reads the source only; imports nothing from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export interface RouteNode {
	/** SvelteKit's route id: the directory under src/routes, groups included (`/(public)/consultations/[slug=slug]`). */
	id: string;
	/** Has a `+page.svelte` (or `+page.ts` / `+page.server.ts`). */
	page: boolean;
	/** The keys of `export const actions` in `+page.server.ts` (`default` for a default action). */
	actions: string[];
	/** The methods a `+server.ts` exports (GET, HEAD, POST, …); empty for pages. */
	methods: string[];
}

const ROUTES = resolve(import.meta.dirname, '../../src/routes');
const PAGE_FILES = ['+page.svelte', '+page.ts', '+page.server.ts'];

export function readRouteTree(root = ROUTES): RouteNode[] {
	const nodes: RouteNode[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		const rel = relative(root, dir).split(sep).join('/');
		const id = rel === '' ? '/' : `/${rel}`;
		const page = PAGE_FILES.some((f) => files.has(f));
		const server = files.has('+server.ts') || files.has('+server.js');
		if (page || server) {
			const pageServer = files.has('+page.server.ts') ? readFileSync(join(dir, '+page.server.ts'), 'utf8') : '';
			const endpoint = server ? readFileSync(join(dir, files.has('+server.ts') ? '+server.ts' : '+server.js'), 'utf8') : '';
			nodes.push({ id, page, actions: actionNames(pageServer), methods: endpointMethods(endpoint) });
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(root);
	return nodes.sort((a, b) => a.id.localeCompare(b.id));
}

export function endpointMethods(source: string): string[] {
	const found = source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|fallback)\b/g);
	return [...new Set([...found].map((m) => m[1]))].sort();
}

/**
 * The property names of the object literal assigned to `export const actions` (directly or through
 * one wrapping call such as `postRedirectGet({ … })`): shorthand (`report,`),
 * `name: …`, and methods (`async name(…) {…}`). Strings, template literals and comments inside the
 * values are skipped, so only the top level counts. Throws on what it cannot read (a spread), so
 * that an action can never go unseen.
 */
export function actionNames(source: string): string[] {
	// The object literal itself, or the one passed to a wrapper (`postRedirectGet({ … })`).
	const start = /export\s+const\s+actions\b[^=]*=\s*(?:[A-Za-z_$][\w$]*\s*\(\s*)?\{/.exec(source);
	if (!start) return [];
	let i = start.index + start[0].length;
	const names: string[] = [];
	let depth = 1;
	let expectKey = true;
	while (i < source.length && depth > 0) {
		const c = source[i];
		const next = source[i + 1];
		if (c === '/' && next === '/') {
			i = source.indexOf('\n', i);
			if (i < 0) break;
			continue;
		}
		if (c === '/' && next === '*') {
			i = source.indexOf('*/', i) + 2;
			continue;
		}
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (depth === 1 && expectKey) {
			if (c === '}') break;
			const key = /^(?:async\s+)?(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)")\s*(?=[:,(}])/.exec(source.slice(i, i + 200));
			if (!key) throw new Error(`cannot read an action name at: ${source.slice(i, i + 60)}`);
			names.push(key[1] ?? key[2] ?? key[3]);
			i += key[0].length;
			expectKey = false;
			continue;
		}
		if (c === '"' || c === "'" || c === '`') {
			i = skipString(source, i);
			continue;
		}
		if (c === '{' || c === '(' || c === '[') depth++;
		else if (c === '}' || c === ')' || c === ']') depth--;
		else if (c === ',' && depth === 1) expectKey = true;
		i++;
	}
	return names;
}

/** The index just after the string or template literal that starts at `i` (`${…}` holes included). */
function skipString(source: string, i: number): number {
	const quote = source[i];
	i++;
	while (i < source.length) {
		const c = source[i];
		if (c === '\\') i += 2;
		else if (c === quote) return i + 1;
		else if (quote === '`' && c === '$' && source[i + 1] === '{') {
			let depth = 1;
			i += 2;
			while (i < source.length && depth > 0) {
				const d = source[i];
				if (d === '"' || d === "'" || d === '`') {
					i = skipString(source, i);
					continue;
				}
				if (d === '{') depth++;
				else if (d === '}') depth--;
				i++;
			}
		} else i++;
	}
	return i;
}
