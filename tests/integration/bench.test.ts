// `npm run bench` on a tiny data set: the script loads, serves and measures without error, every
// request it makes is answered as intended (clause pages 200, stance writes saved), and the tallies
// still add up after the concurrent writes. The figures themselves are not checked here.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measurement {
	name: string;
	connections: number;
	ok: number;
	responses: number;
	failures: Record<string, number>;
	errors: number;
}

it('runs the benchmark end to end on a small data set', { timeout: 180_000 }, async () => {
	const json = join(dir, 'results.json');
	const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const child = spawn(process.execPath, [tsx, 'scripts/bench/index.ts', '--scale=0.01', '--duration=1', `--json=${json}`], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const code = await new Promise<number | null>((done) => child.on('exit', done));
	expect(code, output).toBe(0);

	const report = JSON.parse(readFileSync(json, 'utf8')) as {
		sizes: { participants: number; stances: number; comments: number };
		unloaded: Measurement[];
		loaded: Measurement[];
		consistency: { consistent: boolean; stances: number };
		budgets: { name: string; result: string }[];
	};
	expect(report.sizes).toMatchObject({ participants: 1_000, stances: 10_000, comments: 2_000 });
	const names = report.loaded.map((m) => m.name);
	expect(names).toEqual(expect.arrayContaining(['clause page, anonymous', 'clause page, signed in', 'stance write']));
	for (const m of [...report.unloaded, ...report.loaded]) {
		expect(m.failures, `${m.name} at ${m.connections}`).toEqual({});
		expect(m.errors, `${m.name} at ${m.connections}`).toBe(0);
	}
	// A one-second window on 32 connections may end before a slow page comes back; on one, it may not.
	for (const m of report.unloaded) expect(m.ok, m.name).toBeGreaterThan(0);
	// Every write was a new or a changed stance, and the tallies kept up with them.
	expect(report.consistency.consistent).toBe(true);
	expect(report.consistency.stances).toBeGreaterThan(10_000);
	expect(report.budgets.map((b) => b.result)).not.toContain('');
	expect(output).toContain('Results');
});
