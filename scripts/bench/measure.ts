// The measurements: autocannon runs of each kind of request (clause pages anonymous, fresh and
// signed in; the dashboard, cached and fresh; stance writes), counting the answers that came from
// the page cache; the dashboard's two grouped reads of clause_tallies timed straight in SQLite
// ("raw SQL"); and whether the tallies still match the stances and comments after the run.
import autocannon, { type Request } from 'autocannon';
import { openDatabase } from '../../src/lib/server/db';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { STANCES } from '../../src/lib/server/db/schema';
import { paths } from '../../src/lib/paths';
import { SLUG, WORDS, type Dataset } from './data';

export interface Scenario {
	name: string;
	/** The next request; called once per request, so bodies and cookies vary. */
	next: () => Request;
	ok: (status: number, body: string) => boolean;
}

export interface Measurement {
	name: string;
	connections: number;
	seconds: number;
	responses: number;
	ok: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	failures: Record<string, number>;
	errors: number;
	/** Mean response size in kB. */
	kilobytes: number;
	/** Responses served from the page cache (`x-polyphony-cache: hit`). */
	cacheHits: number;
}

export function percentile(sorted: Float64Array, q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Seconds at the start of a run on several connections whose requests are not counted. */
export const RAMP_UP = 1;

/**
 * Runs a scenario for `seconds`, after a ramp-up of RAMP_UP seconds when there are several
 * connections: while they open, a busy server leaves some of them unaccepted for a while, and
 * their first requests would measure that rather than the steady state. Failures are counted
 * throughout, the ramp-up included.
 */
export async function measure(
	url: string,
	scenario: Scenario,
	connections: number,
	seconds: number,
	/** Requests per second over all connections (autocannon's overallRate); as fast as answered if absent. */
	rate?: number
): Promise<Measurement> {
	const latencies: number[] = [];
	const failures: Record<string, number> = {};
	let ok = 0;
	let errors = 0;
	let bytes = 0;
	let lastOk = false;
	let lastHit = false;
	let cacheHits = 0;
	const rampUp = connections > 1 ? RAMP_UP : 0;
	const started = performance.now();
	const instance = autocannon({
		url,
		connections,
		duration: rampUp + seconds,
		timeout: 30,
		...(rate ? { overallRate: rate } : {}),
		requests: [
			{
				setupRequest: (request) => {
					const next = scenario.next();
					return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
				},
				// Called just before the 'response' event of the same response, which has its latency.
				onResponse: (status, body, _context, headers) => {
					lastHit = headerValue(headers, 'x-polyphony-cache') === 'hit';
					lastOk = scenario.ok(status, body);
					if (lastOk) return;
					const key = `${status}${status === 200 ? ' (not saved)' : ''}`;
					failures[key] = (failures[key] ?? 0) + 1;
					if (Object.values(failures).reduce((a, b) => a + b, 0) === 1) {
						console.log(`    first failure of ${scenario.name}: ${status} ${body.slice(0, 300).replace(/\s+/g, ' ')}`);
					}
				}
			}
		]
	});
	instance.on('response', (_client, _status, size, time) => {
		const sentAt = (performance.now() - time - started) / 1000;
		if (sentAt < rampUp) return;
		latencies.push(time);
		bytes += size;
		if (lastOk) ok++;
		if (lastHit) cacheHits++;
	});
	instance.on('reqError', () => errors++);
	await instance;
	const elapsed = Math.min((performance.now() - started) / 1000 - rampUp, seconds);
	const sorted = Float64Array.from(latencies).sort();
	return {
		name: scenario.name,
		connections,
		seconds: elapsed,
		responses: latencies.length,
		ok,
		perSecond: ok / elapsed,
		p50: percentile(sorted, 0.5),
		p95: percentile(sorted, 0.95),
		p99: percentile(sorted, 0.99),
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		failures,
		errors,
		kilobytes: latencies.length ? bytes / latencies.length / 1024 : NaN,
		cacheHits
	};
}

/** autocannon hands response headers over as an object (a repeated header's values in an array). */
function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name) return String(value);
	}
	return undefined;
}

/**
 * Waits until the server has worked through what the last run left queued (requests autocannon
 * gave up on are still rendered), so that each measurement starts on an idle server.
 */
export async function drain(url: string, request: Request): Promise<void> {
	for (let i = 0; i < 50; i++) {
		const started = performance.now();
		await probe(url, request);
		if (performance.now() - started < 250) break;
	}
	await new Promise((r) => setTimeout(r, 250));
}

export async function probe(url: string, request: Request): Promise<{ status: number; body: string }> {
	const response = await fetch(url + request.path, {
		method: request.method ?? 'GET',
		headers: request.headers,
		body: typeof request.body === 'string' ? request.body : undefined,
		redirect: 'manual'
	});
	return { status: response.status, body: await response.text() };
}

export function scenarios(data: Dataset, origin: string) {
	const current = data.revisions[data.revisions.length - 1];
	let reads = 0;
	let signedInReads = 0;
	let dashboards = 0;
	let writes = 0;
	const html = { accept: 'text/html', 'accept-language': 'en' };
	const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;
	const clauseAnonymous: Scenario = {
		name: 'clause page, anonymous',
		next: () => ({ path: paths.clause(SLUG, data.keys[reads++ % data.keys.length]), headers: html }),
		ok: (status) => status === 200
	};
	// The same requests with `Cache-Control: no-cache` (a browser's hard reload): every one rendered
	// afresh, as after a write — what a page costs when the page cache cannot help.
	let freshReads = 0;
	const clauseFresh: Scenario = {
		name: 'clause page, anonymous, fresh',
		next: () => ({
			path: paths.clause(SLUG, data.keys[freshReads++ % data.keys.length]),
			headers: { ...html, 'cache-control': 'no-cache' }
		}),
		ok: (status) => status === 200
	};
	const clauseSignedIn: Scenario = {
		name: 'clause page, signed in',
		next: () => {
			const n = signedInReads++;
			return {
				path: paths.clause(SLUG, data.keys[n % data.keys.length]),
				headers: { ...html, cookie: cookie(data.writers[(n * 7) % data.writers.length].token) }
			};
		},
		ok: (status) => status === 200
	};
	const dashboard: Scenario = {
		name: 'dashboard',
		next: () => ({
			path: paths.dashboard(SLUG, { version: (dashboards++ % data.revisions.length) + 1 }),
			headers: { ...html, cookie: cookie(data.committeeToken) }
		}),
		ok: (status) => status === 200
	};
	let freshDashboards = 0;
	const dashboardFresh: Scenario = {
		name: 'dashboard, fresh',
		next: () => ({
			path: paths.dashboard(SLUG, { version: (freshDashboards++ % data.revisions.length) + 1 }),
			headers: { ...html, cookie: cookie(data.committeeToken), 'cache-control': 'no-cache' }
		}),
		ok: (status) => status === 200
	};
	// Write k sets a stance on one (writer, clause) pair: even k on a pair not written yet, odd k
	// again on the pair written 1,000 writes earlier, with another value — so every write is a new
	// or a changed stance, and consecutive writes go to different clauses and writers.
	const pairs = data.writers.length * current.length;
	const LAG = 500;
	const stanceWrite: Scenario = {
		name: 'stance write',
		next: () => {
			const k = writes++;
			const j = Math.floor(k / 2);
			// [pair sequence number, shift of the value]; the first odd writes take new pairs from the far end.
			const [f, shift] = k % 2 === 0 ? [j, 0] : j >= LAG ? [j - LAG, 1] : [pairs - 1 - j, 1];
			const p = f % pairs;
			const round = Math.floor(f / pairs);
			// p ↔ (writer, clause) one to one; the next p is another writer on another clause.
			const w = p % data.writers.length;
			const writer = data.writers[w];
			const clause = (Math.floor(p / data.writers.length) + w) % current.length;
			// Each write on a pair moves its value one step on: never the value it already has.
			const stance = STANCES[(p + 2 * round + shift) % 3];
			const body = new URLSearchParams({
				revision: String(current[clause]),
				stance,
				reason: k % 3 === 0 ? '' : `Benchmark reason ${k}: ${stance} because of ${WORDS[k % WORDS.length]}.`,
				language: writer.language
			}).toString();
			return {
				method: 'POST',
				path: `${paths.clause(SLUG, data.keys[clause])}?/stance`,
				headers: {
					origin,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					cookie: cookie(writer.token)
				},
				body
			};
		},
		ok: (status, body) => status === 200 && body.includes('"type":"success"')
	};
	return { clauseAnonymous, clauseFresh, clauseSignedIn, dashboard, dashboardFresh, stanceWrite };
}

// Raw SQL: the tallies the dashboard reads, straight from SQLite

/**
 * The two grouped reads of clause_tallies the dashboard makes for a version (per clause revision ×
 * community, and per affiliation: see versionResults()), as plain prepared statements; the median
 * time of both together, over `runs` runs taking the versions in turn (as the dashboard run does).
 */
export function rawTallyTiming(databasePath: string, revisions: number[][], runs = 200): { median: number; rows: number[] } {
	const db = openDatabase(databasePath);
	const sqlite = db.$client;
	const statements = revisions.map((ids) => {
		const list = ids.map(() => '?').join(', ');
		return [
			sqlite.prepare(
				`select revision_id, community, sum(support), sum(oppose), sum(neutral), sum(comments), sum(participants)
				 from clause_tallies where revision_id in (${list}) group by revision_id, community`
			),
			sqlite.prepare(
				`select affiliation, sum(support), sum(oppose), sum(neutral), sum(comments), sum(participants)
				 from clause_tallies where revision_id in (${list}) group by affiliation`
			)
		];
	});
	const rows = statements.map(([byCommunity], v) => byCommunity.all(...revisions[v]).length);
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const v = i % revisions.length;
		const t = process.hrtime.bigint();
		for (const statement of statements[v]) statement.all(...revisions[v]);
		times.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	sqlite.close();
	return { median: percentile(Float64Array.from(times).sort(), 0.5), rows };
}

export function consistency(databasePath: string): { stances: number; tallied: number; comments: number; talliedComments: number } {
	const db = openDatabase(databasePath);
	const sqlite = db.$client;
	const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
	const out = {
		stances: count('select count(*) as n from stances'),
		tallied: count('select sum(support + oppose + neutral) as n from clause_tallies'),
		comments: count('select count(*) as n from comments'),
		talliedComments: count('select sum(comments) as n from clause_tallies')
	};
	sqlite.close();
	return out;
}
