// One owner per table (issue 14, item 3): clause_tallies is read and written only in tallies/, and
// the aggregation computes from what tallies/ and summaries/ return rather than reading their tables.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = join(__dirname, '..');

/** Every non-test TypeScript file under src/lib/server, with its code (comment lines left out). */
function serverFiles(): { path: string; code: string }[] {
	const out: { path: string; code: string }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
				const code = readFileSync(full, 'utf8')
					.split('\n')
					.filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
					.join('\n');
				out.push({ path: relative(SERVER, full), code });
			}
		}
	};
	walk(SERVER);
	return out;
}

describe('who reads the tallies and the summaries', () => {
	it('reads clause_tallies only in tallies/', () => {
		const files = serverFiles();
		expect(files.some((f) => f.path === 'tallies/read.ts')).toBe(true);
		const outside = files.filter((f) => !f.path.startsWith('tallies/') && f.path !== 'db/schema.ts' && /\bclauseTallies\b|\bclause_tallies\b/.test(f.code));
		expect(outside.map((f) => f.path)).toEqual([]);
	});

	it('leaves the aggregation to compute: no summary or tally table read in aggregation/', () => {
		const tables = /\b(clauseTallies|liaisonSummaries|summaryEntries|summaryChannels|summaryResponses|summaryQuotes|clause_tallies|liaison_summaries|summary_entries)\b/;
		const reading = serverFiles().filter((f) => f.path.startsWith('aggregation/') && tables.test(f.code));
		expect(reading.map((f) => f.path)).toEqual([]);
	});
});
