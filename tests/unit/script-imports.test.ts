// Production code never depends on the tests: no script (scripts/) and no app file (src/, its unit
// tests aside) imports from tests/. What both need — starting the built server, say — lives in
// scripts/lib/ or src/lib/server/, and the tests import it from there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tests = join(root, 'tests');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

/** The relative module specifiers a file imports or re-exports, statically or dynamically. */
function relativeImports(source: string): string[] {
	const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]);
	return [...new Set(specifiers)];
}

describe('imports from tests/', () => {
	it('finds relative imports of every form', () => {
		const source = `import a from '../x';\nexport { b } from "./y";\nimport './z.css';\nconst c = await import('../../w');\nimport d from 'node:fs';`;
		expect(relativeImports(source)).toEqual(['../x', './y', './z.css', '../../w']);
	});

	it('are made by no script and no app file', () => {
		const files = [...sourceFiles(join(root, 'scripts')), ...sourceFiles(join(root, 'src'))];
		expect(files.length).toBeGreaterThan(100);
		const offending = files.flatMap((file) =>
			relativeImports(readFileSync(file, 'utf8'))
				.filter((specifier) => {
					const target = resolve(dirname(file), specifier);
					return target === tests || target.startsWith(tests + '/');
				})
				.map((specifier) => `${relative(root, file)} imports ${specifier}`)
		);
		expect(offending).toEqual([]);
	});
});
