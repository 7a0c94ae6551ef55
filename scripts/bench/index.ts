// `npm run bench`: loads a synthetic consultation of 100,000 participants into a temporary database,
// serves it with the built app and measures the clause page, the committee dashboard and stance
// writes with autocannon. Prints the figures and checks them against the budgets of issue 4; a
// missed budget is reported (FAIL), not an error: the exit code is non-zero only when the run broke.
// The parts: data.ts (the data set), measure.ts (the runs, raw SQL, consistency), exports.ts (issue
// 5's exports), report.ts (the tables and budgets), system.ts (CPU and memory from /proc); the
// server comes from ../lib/built-server.ts, as in the integration tests.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { paths } from '../../src/lib/paths';
import { ensureBuilt, startBuiltServer, type RunningServer } from '../lib/built-server';
import { buildDataset, sizesFor, SLUG, writersOf } from './data';
import { EXPORT_BUDGETS, EXPORT_FORMATS, exportBudgetRows, measureExports, type ExportFormat } from './exports';
import { consistency, drain, measure, probe, RAMP_UP, rawTallyTiming, scenarios, type Measurement, type Scenario } from './measure';
import { budgetRows, failures, fmt, formatCount, measurementTable, table } from './report';
import { cpuSnapshot, otherCpuShare, peakRss } from './system';

const USAGE = `npm run bench [-- options]
  (none)                    the full data set, 10 s per measurement, then the exports
  --scale=0.05              a small data set, for trying the script out
  --duration=5              seconds per measurement (default 10)
  --keep                    keeps the database (and its sessions, in sessions.json)
  --load-only               only loads the data set, and keeps it (for profiling)
  --json=results.json       also writes the figures as JSON
  --cpu-prof=DIR            the server writes a V8 CPU profile into DIR when it stops
  --mixed-writes=200        stances written per second while visitors read (the mixed run)
  --export-only             only the exports (issue 5), on a fresh data set or --database=…/bench.db
  --database=DIR/bench.db   with --export-only: reuse a data set kept with --keep or --load-only
  --formats=xlsx,csv        with --export-only: only these formats
  --help                    this text`;

const root = resolve(import.meta.dirname, '../..');
process.chdir(root);

// ---------------------------------------------------------------------------------------------
// Options

function option(name: string, fallback: number): number {
	const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
	const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

function text(name: string): string | undefined {
	return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const scale = option('scale', 1);
const duration = option('duration', 10);
const loadOnly = process.argv.includes('--load-only');
const keep = loadOnly || process.argv.includes('--keep');
const jsonPath = text('json');
const exportOnlyRun = process.argv.includes('--export-only');
/** --cpu-prof=DIR: the server writes a V8 CPU profile into DIR when it stops (for `node --cpu-prof`). */
const cpuProfDir = text('cpu-prof');
/** Stance writes per second while visitors read, in the mixed run (--mixed-writes=N). */
const MIXED_WRITES = option('mixed-writes', 200);
/** `--formats=xlsx,csv`: measure only these exports. */
const exportFormats = (text('formats')?.split(',') ?? [...EXPORT_FORMATS]).filter((f): f is ExportFormat =>
	(EXPORT_FORMATS as readonly string[]).includes(f)
);

const SIZES = sizesFor(scale);
const WRITERS = writersOf(SIZES);
const CONNECTIONS = 32;
const MIXED_READS_NAME = 'clause page, anonymous, during writes';

// ---------------------------------------------------------------------------------------------
// The runs

/** `--export-only`: the data set (loaded, or kept from an earlier run with --database=…), then the exports alone. */
async function exportOnly(): Promise<void> {
	const reuse = text('database');
	let databasePath: string;
	let committeeToken: string;
	let cleanup = () => {};
	if (reuse) {
		databasePath = resolve(reuse);
		const sessions = JSON.parse(readFileSync(join(dirname(databasePath), 'sessions.json'), 'utf8')) as { committee: string };
		committeeToken = sessions.committee;
		console.log(`\n1. Reusing ${databasePath}`);
	} else {
		const data = buildDataset(SIZES);
		databasePath = data.databasePath;
		committeeToken = data.committeeToken;
		if (keep) writeFileSync(join(data.dir, 'sessions.json'), JSON.stringify({ cookie: SESSION_COOKIE, committee: data.committeeToken }));
		cleanup = () => (keep ? console.log(`\nKept ${data.dir}`) : rmSync(data.dir, { recursive: true, force: true }));
	}
	try {
		ensureBuilt();
		const results = await measureExports(databasePath, committeeToken, exportFormats);
		console.log('\n' + table([['budget', 'measured', 'limit', 'result'], ...exportBudgetRows(results)]));
		if (jsonPath) writeFileSync(resolve(jsonPath), JSON.stringify({ exports: results, budgets: EXPORT_BUDGETS }, null, '\t'));
		const failed = failures(exportBudgetRows(results));
		if (failed > 0) console.log(`\n  !!! ${failed} export budget${failed === 1 ? '' : 's'} FAILED (see above) !!!`);
	} finally {
		cleanup();
	}
}

async function main(): Promise<void> {
	if (process.argv.includes('--help')) {
		console.log(USAGE);
		return;
	}
	const cpu = cpus();
	console.log(
		`Polyphony benchmark — ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, Node ${process.version}` +
			(scale !== 1 ? `, scale ${scale}` : '')
	);
	console.log(
		`  data: ${formatCount(SIZES.participants)} participants, ${SIZES.languages} languages, ${SIZES.clauses} clauses × ` +
			`${SIZES.versions} versions, ${formatCount(SIZES.stances)} stances, ${formatCount(SIZES.comments)} comments`
	);
	if (exportOnlyRun) return exportOnly();
	const data = buildDataset(SIZES);
	if (keep) {
		const sessions = { cookie: SESSION_COOKIE, committee: data.committeeToken, writers: data.writers, keys: data.keys, revisions: data.revisions };
		writeFileSync(join(data.dir, 'sessions.json'), JSON.stringify(sessions));
	}
	if (loadOnly) {
		console.log(`\nKept ${data.dir} (bench.db, sessions.json)`);
		return;
	}
	let server: RunningServer | undefined;
	try {
		console.log('\n2. Serving it with the built app');
		ensureBuilt();
		server = await startBuiltServer({
			demo: false,
			databasePath: data.databasePath,
			env: {
				// The app's own default unless set (the tests turn the visitors' lag off).
				PAGE_CACHE_VISITOR_LAG_SECONDS: process.env.PAGE_CACHE_VISITOR_LAG_SECONDS ?? '',
				...(cpuProfDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(cpuProfDir)}` } : {})
			}
		});
		console.log(`  ${server.url} (pid ${server.process.pid})`);
		const s = scenarios(data, server.url);

		// Probes: each kind of request once, so a broken set-up fails loudly before measuring.
		const clauseProbe = await probe(server.url, s.clauseAnonymous.next());
		if (clauseProbe.status !== 200) throw new Error(`clause page answered ${clauseProbe.status}`);
		const signedInProbe = await probe(server.url, s.clauseSignedIn.next());
		if (signedInProbe.status !== 200 || !signedInProbe.body.includes('Participant ')) {
			throw new Error(`signed-in clause page answered ${signedInProbe.status} without the participant's name`);
		}
		const writeProbe = await probe(server.url, s.stanceWrite.next());
		if (!s.stanceWrite.ok(writeProbe.status, writeProbe.body)) {
			throw new Error(`stance write answered ${writeProbe.status}: ${writeProbe.body.slice(0, 300)}`);
		}
		const dashboardProbe = await probe(server.url, s.dashboard.next());
		const dashboardAvailable = dashboardProbe.status === 200;
		if (!dashboardAvailable) {
			console.log(`  dashboard: not available (${dashboardProbe.status}) — not measured`);
			if (dashboardProbe.status !== 404) console.log(`  server output:\n${server.output().slice(-2_000)}`);
		}

		const reads = [s.clauseAnonymous, s.clauseFresh, s.clauseSignedIn, ...(dashboardAvailable ? [s.dashboard, s.dashboardFresh] : [])];
		console.log('  warming up…');
		const idle = { path: paths.consultation(SLUG), headers: { accept: 'text/html' } };
		const run = async (scenario: Scenario, connections: number, seconds: number) => {
			const m = await measure(server!.url, scenario, connections, seconds);
			await drain(server!.url, idle);
			return m;
		};
		for (const scenario of [...reads, s.stanceWrite]) await run(scenario, 8, Math.min(2, duration));

		// Other work on the machine skews every figure: say how much CPU it took meanwhile.
		const cpuBefore = cpuSnapshot(server.process.pid);
		const unloaded: Measurement[] = [];
		const loaded: Measurement[] = [];
		console.log(`  one connection, ${Math.ceil(duration / 2)} s each (what one request costs)…`);
		for (const scenario of [...reads, s.stanceWrite]) unloaded.push(await run(scenario, 1, Math.ceil(duration / 2)));
		console.log(`  ${CONNECTIONS} connections, ${duration} s each (after ${RAMP_UP} s of ramp-up)…`);
		for (const scenario of [...reads, s.stanceWrite]) {
			const m = await run(scenario, CONNECTIONS, duration);
			loaded.push(m);
			console.log(`    ${m.name}: ${fmt(m.perSecond, 0)}/s, p50 ${fmt(m.p50)} ms, p95 ${fmt(m.p95)} ms`);
		}
		// Visitors reading while others write: the cache is invalidated all the time, and visitors may
		// be served pages up to PAGE_CACHE_VISITOR_LAG_SECONDS old (signed-in people never).
		console.log(`  visitors' clause pages on ${CONNECTIONS} connections while ${MIXED_WRITES} stances/s are written…`);
		const during = await Promise.all([
			measure(server.url, { ...s.clauseAnonymous, name: MIXED_READS_NAME }, CONNECTIONS, duration),
			measure(server.url, { ...s.stanceWrite, name: `stance writes at ${MIXED_WRITES}/s, meanwhile` }, 4, duration, MIXED_WRITES)
		]);
		await drain(server.url, idle);
		loaded.push(...during);
		for (const m of during) console.log(`    ${m.name}: ${fmt(m.perSecond, 0)}/s, p50 ${fmt(m.p50)} ms, p95 ${fmt(m.p95)} ms`);
		const serverPeakRss = peakRss(server.process.pid);
		const othersCpu = otherCpuShare(cpuBefore, cpuSnapshot(server.process.pid));
		await server.stop();
		server = undefined;

		console.log('\n3. Raw SQL and consistency');
		const raw = rawTallyTiming(data.databasePath, data.revisions);
		console.log(
			`  tallies of one version (by revision × community, and by affiliation): median ${fmt(raw.median, 3)} ms over 200 runs ` +
				`(${raw.rows.join(' / ')} revision × community rows for versions ${data.revisions.map((_, v) => v + 1).join(' / ')})`
		);
		const check = consistency(data.databasePath);
		const consistent = check.stances === check.tallied && check.comments === check.talliedComments;
		console.log(
			`  after the run: ${formatCount(check.stances)} stances (${formatCount(check.tallied)} in the tallies), ` +
				`${formatCount(check.comments)} comments (${formatCount(check.talliedComments)} in the tallies) — ` +
				(consistent ? 'consistent' : 'INCONSISTENT')
		);

		const exports = await measureExports(data.databasePath, data.committeeToken, exportFormats);

		// The report.
		console.log(
			`\nResults (latencies in ms; server peak RSS ${fmt(serverPeakRss, 0)} MB; ` +
				`other processes used ${fmt(othersCpu, 0)}% of the machine's CPU while measuring)\n`
		);
		console.log(measurementTable([...unloaded, ...loaded]));
		const names = {
			clauseAnonymous: s.clauseAnonymous.name,
			mixedReads: MIXED_READS_NAME,
			clauseFresh: s.clauseFresh.name,
			clauseSignedIn: s.clauseSignedIn.name,
			dashboard: s.dashboard.name,
			dashboardFresh: s.dashboardFresh.name,
			stanceWrite: s.stanceWrite.name
		};
		const budgets = budgetRows(names, unloaded, loaded, raw.median, dashboardProbe.status, CONNECTIONS, consistent);
		budgets.push(...exportBudgetRows(exports));
		console.log('\n' + table(budgets));
		console.log(
			`\n  data: ${formatCount(SIZES.participants)} participants, ${formatCount(SIZES.stances)} stances, ` +
				`${formatCount(SIZES.comments)} comments loaded in ${fmt(data.loadSeconds)} s; rebuildTallies ${fmt(data.talliesSeconds, 2)} s`
		);
		if (jsonPath) {
			const report = {
				machine: { cpus: cpu.length, model: cpu[0]?.model.trim() ?? '', node: process.version, otherProcessesCpuPercent: othersCpu },
				sizes: { ...SIZES, writers: WRITERS, connections: CONNECTIONS, duration },
				load: { seconds: data.loadSeconds, rebuildTalliesSeconds: data.talliesSeconds },
				dashboard: dashboardAvailable ? 'measured' : `not available (${dashboardProbe.status})`,
				unloaded,
				loaded,
				rawSql: raw,
				consistency: { ...check, consistent },
				exports,
				budgets: budgets.slice(1).map(([name, measured, limit, result]) => ({ name, measured, limit, result: result.replace(/\s*<+$/, '') }))
			};
			writeFileSync(resolve(jsonPath), JSON.stringify(report, null, '\t'));
		}
		const failed = failures(budgets);
		if (failed > 0) console.log(`\n  !!! ${failed} budget${failed === 1 ? '' : 's'} FAILED (see above) !!!`);
	} finally {
		if (server) await server.stop();
		if (keep) console.log(`\nKept ${data.dir}`);
		else rmSync(data.dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
