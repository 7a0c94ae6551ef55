// The export (issue 5): the whole synthetic consultation (every version, the committee's view) in
// every format, each downloaded from its own freshly started server — the production path, through
// the streaming response — with its time to first byte, total time, server CPU and peak memory.
import { get as httpGet } from 'node:http';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { paths } from '../../src/lib/paths';
import { startBuiltServer } from '../lib/built-server';
import { SLUG } from './data';
import { fmt, formatCount, verdict } from './report';
import { currentRss, peakRss, processCpuSeconds } from './system';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'markdown', 'wikitext'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Issue 5: CSV and JSON within 10 s; every format within 256 MB of peak resident memory. */
export const EXPORT_BUDGETS = { seconds: 10, timed: ['csv', 'json'] as readonly string[], peakRssMb: 256 };

export interface ExportMeasurement {
	format: ExportFormat;
	status: number;
	filename: string;
	firstByteMs: number;
	seconds: number;
	megabytes: number;
	/** CPU time the server spent on the request (user + system). */
	serverCpuSeconds: number;
	/** The server's resident memory before the request, and its peak (VmHWM) by the end. */
	startRssMb: number;
	peakRssMb: number;
	/** For JSON: the item counts the file ends with. */
	items: number | null;
}

export async function measureExports(
	databasePath: string,
	committeeToken: string,
	formats: readonly ExportFormat[]
): Promise<ExportMeasurement[]> {
	console.log('\n4. Export: every version, committee view, one fresh server per format (GET /consultations/bench/export?format=…&version=all)');
	const results: ExportMeasurement[] = [];
	for (const format of formats) {
		const server = await startBuiltServer({ demo: false, databasePath });
		try {
			const pid = server.process.pid;
			// Let start-up settle, so that the peak below is the export's.
			await new Promise((r) => setTimeout(r, 500));
			const startRssMb = currentRss(pid);
			const cpuBefore = processCpuSeconds(pid);
			const started = performance.now();
			// node:http rather than fetch: the client shares the machine with the server, and should cost it little.
			const { status, disposition, bytes, firstByteMs, tail } = await new Promise<{
				status: number;
				disposition: string;
				bytes: number;
				firstByteMs: number;
				tail: string;
			}>((done, fail) => {
				const request = httpGet(
					server.url + paths.export(SLUG, { format, version: 'all' }),
					{ headers: { cookie: `${SESSION_COOKIE}=${committeeToken}`, 'accept-language': 'en' } },
					(response) => {
						let bytes = 0;
						let firstByteMs = NaN;
						// The end of a JSON export holds its item counts: the last chunks are kept, nothing is decoded on the way.
						let last: Buffer[] = [];
						response.on('data', (chunk: Buffer) => {
							if (bytes === 0) firstByteMs = performance.now() - started;
							bytes += chunk.byteLength;
							last = [...last.slice(-1), chunk];
						});
						response.on('end', () =>
							done({
								status: response.statusCode ?? 0,
								disposition: String(response.headers['content-disposition'] ?? ''),
								bytes,
								firstByteMs,
								tail: Buffer.concat(last).toString('utf8').slice(-2_000)
							})
						);
						response.on('error', fail);
					}
				);
				request.on('error', fail);
			});
			const seconds = (performance.now() - started) / 1000;
			const counts = /"counts":(\{[^}]*\})\}\s*$/.exec(tail);
			const m: ExportMeasurement = {
				format,
				status,
				filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? '',
				firstByteMs,
				seconds,
				megabytes: bytes / 1024 / 1024,
				serverCpuSeconds: processCpuSeconds(pid) - cpuBefore,
				startRssMb,
				peakRssMb: peakRss(pid),
				items: counts ? (JSON.parse(counts[1]) as { total: number }).total : null
			};
			results.push(m);
			console.log(
				`  ${format}: ${m.status}, ${fmt(m.megabytes)} MB in ${fmt(m.seconds)} s (first byte after ${fmt(m.firstByteMs, 0)} ms, ` +
					`server CPU ${fmt(m.serverCpuSeconds)} s), server RSS ${fmt(m.startRssMb, 0)} → peak ${fmt(m.peakRssMb, 0)} MB` +
					(m.items === null ? '' : `, ${formatCount(m.items)} items`)
			);
		} finally {
			await server.stop();
		}
	}
	return results;
}

/** The export rows of the budget table. */
export function exportBudgetRows(results: ExportMeasurement[]): string[][] {
	const rows: string[][] = [];
	for (const m of results) {
		if (m.status !== 200) {
			rows.push([`export ${m.format}`, `HTTP ${m.status}`, '200', verdict(false)]);
			continue;
		}
		if (EXPORT_BUDGETS.timed.includes(m.format)) {
			rows.push([`export ${m.format} time`, `${fmt(m.seconds)} s`, `≤ ${EXPORT_BUDGETS.seconds} s`, verdict(m.seconds <= EXPORT_BUDGETS.seconds)]);
		} else {
			rows.push([`export ${m.format} time`, `${fmt(m.seconds)} s`, '', 'info']);
		}
		rows.push([`export ${m.format} peak RSS`, `${fmt(m.peakRssMb, 0)} MB`, `≤ ${EXPORT_BUDGETS.peakRssMb} MB`, verdict(m.peakRssMb <= EXPORT_BUDGETS.peakRssMb)]);
	}
	return rows;
}
