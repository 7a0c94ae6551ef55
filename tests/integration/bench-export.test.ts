// `npm run bench -- --export-only` on a tiny data set: every format downloads from a fresh built
// server, as the committee, and the JSON holds every stance and comment of the synthetic
// consultation. The figures themselves are not checked here.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-export-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('measures the export of every format end to end on a small data set', { timeout: 180_000 }, async () => {
	const json = join(dir, 'results.json');
	const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const child = spawn(process.execPath, [tsx, 'scripts/bench/index.ts', '--export-only', '--scale=0.01', `--json=${json}`], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const code = await new Promise<number | null>((done) => child.on('exit', done));
	expect(code, output).toBe(0);

	const report = JSON.parse(readFileSync(json, 'utf8')) as {
		exports: { format: string; status: number; filename: string; seconds: number; megabytes: number; peakRssMb: number; items: number | null }[];
	};
	expect(report.exports.map((e) => e.format)).toEqual(['csv', 'json', 'xlsx', 'markdown', 'wikitext']);
	for (const e of report.exports) {
		expect(e.status, e.format).toBe(200);
		expect(e.filename, e.format).toMatch(/^polyphony-bench-all-\d{4}-\d{2}-\d{2}\.(csv|json|xlsx|md|wiki)$/);
		expect(e.megabytes, e.format).toBeGreaterThan(0);
		expect(e.seconds, e.format).toBeGreaterThan(0);
	}
	// 10,000 stances and 2,000 comments (a quarter of them replies) at a hundredth of the size.
	expect(report.exports.find((e) => e.format === 'json')!.items).toBe(12_000);
	expect(output).toMatch(/export csv time\s+[\d.]+ s\s+≤ 10 s/);
});
