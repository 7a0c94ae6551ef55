// The typed lint is part of `npm test`, and its three named rules catch what they are there for.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(ROOT, 'tests/fixtures/lint/promises.ts');

describe('typed lint', () => {
	it('runs in npm test, after the type check, with no warning allowed', () => {
		const scripts = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
		expect(scripts.lint).toBe('eslint . --max-warnings 0');
		expect(scripts.test).toMatch(/^npm run check && npm run lint && /);
	});

	it('reports a floating promise, a promise given as a void callback and a switch missing a case', async () => {
		// The project's own config (eslint.config.js), type information included; the fixture's folder
		// is ignored by `eslint .`, not here.
		const eslint = new ESLint({ cwd: ROOT, ignore: false });
		const [result] = await eslint.lintFiles([FIXTURE]);
		const found = result.messages.map((m) => `${m.line} ${m.ruleId ?? m.message}`);
		const line = (text: string) => readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
		expect(found).toEqual(
			expect.arrayContaining([
				`${line('switch (kind)')} @typescript-eslint/switch-exhaustiveness-check`,
				`${line('\tsave();')} @typescript-eslint/no-floating-promises`,
				`${line("addEventListener('click'")} @typescript-eslint/no-misused-promises`
			])
		);
		expect(found).toHaveLength(3);
	}, 120_000);
});
