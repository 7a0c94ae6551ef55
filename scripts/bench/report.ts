// The report: figures formatted for the terminal, the table of every measurement, and the budgets
// (issue 4's for pages and writes, issue 5's for the exports) with PASS/FAIL. A missed budget is
// reported, not an error: the exit code is non-zero only when the run itself broke.
import type { Measurement } from './measure';

/** Issue 4: p95 of the clause page and the dashboard at 32 connections, stance writes a second, the fresh dashboard ÷ raw SQL. */
export const BUDGETS = { clauseP95: 30, dashboardP95: 50, writesPerSecond: 1_000, dashboardToSql: 3 };

export function ms(since: number): string {
	return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

export function fmt(n: number, digits = 1): string {
	return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

export function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export function verdict(pass: boolean): string {
	return pass ? 'PASS' : 'FAIL  <<<';
}

/** One row per measurement: throughput, latencies, size, answers that were right or not, and how many came from the page cache. */
export function measurementTable(measurements: Measurement[]): string {
	const rows = [['measurement', 'conns', 'req/s', 'p50', 'p95', 'p99', 'max', 'kB', 'ok', 'not ok', 'errors', 'cached']];
	for (const m of measurements) {
		const notOk = Object.entries(m.failures)
			.map(([k, v]) => `${v}×${k}`)
			.join(' ');
		rows.push([
			m.name,
			String(m.connections),
			fmt(m.perSecond, 0),
			fmt(m.p50),
			fmt(m.p95),
			fmt(m.p99),
			fmt(m.max),
			fmt(m.kilobytes, 0),
			formatCount(m.ok),
			notOk || '0',
			String(m.errors),
			m.responses ? `${fmt((100 * m.cacheHits) / m.responses, 0)}%` : '-'
		]);
	}
	return table(rows);
}

/** The names of the measurements the budgets are about. */
export interface BudgetNames {
	clauseAnonymous: string;
	mixedReads: string;
	clauseFresh: string;
	clauseSignedIn: string;
	dashboard: string;
	dashboardFresh: string;
	stanceWrite: string;
}

/**
 * The page and write budgets as rows [budget, measured, limit, result], headed by the column names.
 * `dashboardStatus` is what the dashboard answered when it could not be measured.
 */
export function budgetRows(
	names: BudgetNames,
	unloaded: Measurement[],
	loaded: Measurement[],
	rawMedian: number,
	dashboardStatus: number,
	connections: number,
	consistent: boolean
): string[][] {
	const find = (list: Measurement[], name: string) => list.find((m) => m.name === name);
	const budgets = [['budget', 'measured', 'limit', 'result']];
	// The budget is for pages as served (the page cache included), also while stances are being
	// written; what a page costs when it is rendered afresh (a cache miss) is shown beside, as information.
	for (const name of [names.clauseAnonymous, names.mixedReads]) {
		const m = find(loaded, name)!;
		budgets.push([`${name} p95`, `${fmt(m.p95)} ms`, `≤ ${BUDGETS.clauseP95} ms`, verdict(m.p95 <= BUDGETS.clauseP95)]);
	}
	for (const name of [names.clauseFresh, names.clauseSignedIn]) {
		const m = find(loaded, name)!;
		const one = find(unloaded, name)!;
		budgets.push([`${name} p95 (rendered every time)`, `${fmt(m.p95)} ms`, `${fmt(one.p50)} ms each alone`, 'info']);
	}
	const dashLoaded = find(loaded, names.dashboard);
	const dashUnloaded = find(unloaded, names.dashboard);
	const dashFreshLoaded = find(loaded, names.dashboardFresh);
	const dashFreshUnloaded = find(unloaded, names.dashboardFresh);
	if (dashLoaded && dashUnloaded && dashFreshLoaded) {
		budgets.push(['dashboard p95', `${fmt(dashLoaded.p95)} ms`, `≤ ${BUDGETS.dashboardP95} ms`, verdict(dashLoaded.p95 <= BUDGETS.dashboardP95)]);
		budgets.push(['dashboard, fresh p95 (rendered every time)', `${fmt(dashFreshLoaded.p95)} ms`, `${fmt(dashFreshUnloaded!.p50)} ms each alone`, 'info']);
	} else {
		budgets.push(['dashboard p95', `not available (${dashboardStatus})`, `≤ ${BUDGETS.dashboardP95} ms`, 'n/a']);
	}
	const writes = find(loaded, names.stanceWrite)!;
	budgets.push([
		'stance writes',
		`${fmt(writes.perSecond, 0)}/s`,
		`≥ ${formatCount(BUDGETS.writesPerSecond)}/s`,
		verdict(writes.perSecond >= BUDGETS.writesPerSecond)
	]);
	if (dashFreshUnloaded && dashFreshLoaded) {
		// Server time = the fresh dashboard's median with one connection (no queueing behind other
		// requests, and rendered every time: the cached one would flatter the ratio).
		const ratio = dashFreshUnloaded.p50 / rawMedian;
		budgets.push([
			'dashboard (fresh) ÷ raw SQL (p50, 1 conn)',
			`${fmt(ratio, 2)}× (${fmt(dashFreshUnloaded.p50, 2)} / ${fmt(rawMedian, 2)} ms)`,
			`≤ ${BUDGETS.dashboardToSql}×`,
			verdict(ratio <= BUDGETS.dashboardToSql)
		]);
		budgets.push([`  same, p50 at ${connections} conns (queueing)`, `${fmt(dashFreshLoaded.p50 / rawMedian)}×`, '', 'info']);
	} else {
		budgets.push(['dashboard ÷ raw SQL', `not available (${dashboardStatus})`, `≤ ${BUDGETS.dashboardToSql}×`, 'n/a']);
	}
	budgets.push(['tallies consistent after the run', consistent ? 'yes' : 'NO', 'yes', verdict(consistent)]);
	return budgets;
}

/** How many rows of a budget table failed. */
export function failures(rows: string[][]): number {
	return rows.filter((b) => b[3].startsWith('FAIL')).length;
}
