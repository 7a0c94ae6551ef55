// Names from the glossary (../shared/PRODUCT.md, STYLE.md "Names say what things are"), kept by
// reading the code itself:
// - the reader of a page has one name: `Reader`, `PUBLIC_READER`, `readerOf` (privacy/visibility.ts).
//   Viewer, CommentViewer, viewerOf, ANONYMOUS_VIEWER and PUBLIC_VIEWER once named the same person
//   twice, with two defaults;
// - a "report" is what someone files against a comment (moderation/). What a liaison sends is a
//   summary, and its numbers are the reported counts (`summaryCountsFor`, `reportedCountsBeside`,
//   `ReportedCountsBeside.svelte`): "liaison report" named both. The export's Markdown and wikitext
//   "report" is a format's name and stays; so do the API's field names (`liaisonReported`, see
//   docs/api.md: renaming them would break integrations).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Every TypeScript, JavaScript and Svelte file under the folders, tests next to the code included. */
function files(...dirs: string[]): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) return walk(path);
			return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
		});
	return dirs.flatMap((d) => walk(join(root, d)));
}

/** `file:line: text` for every line of the files that matches. */
function uses(pattern: RegExp, paths: string[]): string[] {
	return paths.flatMap((path) =>
		readFileSync(path, 'utf8')
			.split('\n')
			.flatMap((line, i) => (pattern.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : []))
	);
}

// This file names the old words to forbid them.
const code = files('src', 'scripts', 'tests').filter((path) => path !== import.meta.filename);

describe('names from the glossary', () => {
	it('one name for the reader of a page: Reader, PUBLIC_READER, readerOf', () => {
		expect(uses(/\b(Viewer|CommentViewer|viewerOf|viewerIn|PUBLIC_VIEWER|ANONYMOUS_VIEWER)\b|\bviewers?\b/i, code)).toEqual([]);
		// Defined once, where the rules of what a reader may read are.
		const definitions = uses(/export (interface|type) Reader\b|export const PUBLIC_READER\b|export function readerOf\b/, code);
		expect(definitions.map((d) => d.split(':')[0])).toEqual(Array(3).fill('src/lib/server/privacy/visibility.ts'));
	});

	it('liaison material is a summary and its reported counts, never a "report"', () => {
		expect(uses(/\b(LiaisonReports?|liaisonReports?|reportsBeside|ReportsBeside)\b|liaison-reports/, code)).toEqual([]);
		expect(code.filter((path) => /LiaisonReport/.test(path)).map((path) => relative(root, path))).toEqual([]);
	});
});
