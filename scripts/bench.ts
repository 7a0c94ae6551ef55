// `npm run bench`: loads a synthetic consultation of 100,000 participants into a temporary database,
// serves it with the built app and measures the clause page, the committee dashboard and stance
// writes with autocannon. Prints the figures and checks them against the budgets of issue 4; a
// missed budget is reported (FAIL), not an error: the exit code is non-zero only when the run broke.
//
//   npm run bench                      the full data set, 10 s per measurement
//   npm run bench -- --scale=0.05      a small data set, for trying the script out
//   npm run bench -- --duration=5 --keep   keeps the database (and its sessions, in sessions.json)
//   npm run bench -- --load-only           only loads the data set, and keeps it (for profiling)
//   npm run bench -- --json=results.json   also writes the figures as JSON
//   npm run bench -- --mixed-writes=200    stances written per second while visitors read (the mixed run)
//   npm run bench -- --export-only          only the exports (issue 5), on a fresh data set or --database=…/bench.db
import { spawnSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { openDatabase, type DB } from '../src/lib/server/db';
import { migrateDatabase } from '../src/lib/server/db/migrate';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { rebuildTallies } from '../src/lib/server/tallies/service';
import { AFFILIATIONS, STANCES, type StanceValue } from '../src/lib/server/db/schema';
import { startServer, type RunningServer } from '../tests/support/server';
import { generator } from '../src/lib/server/random';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

// ---------------------------------------------------------------------------------------------
// Options and sizes

function option(name: string, fallback: number): number {
	const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
	const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

const scale = option('scale', 1);
const duration = option('duration', 10);
const loadOnly = process.argv.includes('--load-only');
const keep = loadOnly || process.argv.includes('--keep');
const jsonPath = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const exportOnlyRun = process.argv.includes('--export-only');
/** --cpu-prof=DIR: the server writes a V8 CPU profile into DIR when it stops (for `node --cpu-prof`). */
const cpuProfDir = process.argv.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);

const SIZES = {
	participants: Math.round(100_000 * scale),
	languages: 150,
	clauses: 50,
	versions: 3,
	stances: Math.round(1_000_000 * scale),
	comments: Math.round(200_000 * scale)
};
/** Participants with a session who write stances during the run (none on the current version beforehand). */
const WRITERS = Math.min(2_000, Math.floor(SIZES.participants / 10));
const CONNECTIONS = 32;
/** Stance writes per second while visitors read, in the mixed run (--mixed-writes=N). */
const MIXED_WRITES = option('mixed-writes', 200);
const MIXED_READS_NAME = 'clause page, anonymous, during writes';
const SLUG = 'bench';
const BUDGETS = { clauseP95: 30, dashboardP95: 50, writesPerSecond: 1_000, dashboardToSql: 3 };

// Big communities first: the home-language distribution is Zipf-like over this order.
const LANGUAGES = (
	'en es fr ar zh hi pt ru de ja bn id ur fa tr it ko vi pl uk nl sw ta te mr th ms he el cs hu sv ro fi ' +
	'da nb ca sr hr bg sk sl lt lv et ha yo ig am so zu xh af gu kn ml pa ne si my km lo ka hy az kk uz ky ' +
	'tg mn ps ku sd ug bo dz jv su tt ba cv be mk sq bs is ga cy gd br eu gl oc co lb fy fo mt rm eo ia ' +
	'ht mg ny sn st tn ts ss ve rw rn lg ln kg wo ff bm ee tw ak om ti qu ay gn mi sm to fj ty ch mh na ' +
	'kl iu oj cr nv se sa pi kw gv li wa an as or tk'
)
	.split(' ')
	.slice(0, SIZES.languages);
for (const tag of LANGUAGES) {
	if (Intl.getCanonicalLocales(tag)[0] !== tag) throw new Error(`not a canonical language tag: ${tag}`);
}
if (new Set(LANGUAGES).size !== SIZES.languages) throw new Error('the language list needs 150 distinct tags');

const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Picks an index with the given weights (cumulative, binary search). */
function weightedPicker(weights: number[]): (r: number) => number {
	const cumulative: number[] = [];
	let sum = 0;
	for (const w of weights) cumulative.push((sum += w));
	return (r) => {
		const target = r * sum;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] > target) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
}

/** Splits `total` into integers proportional to `weights`. */
function apportion(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const out = weights.map((w) => Math.floor((total * w) / sum));
	let rest = total - out.reduce((a, b) => a + b, 0);
	for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]++;
	return out;
}

function ms(since: number): string {
	return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

function fileSize(path: string): number {
	return existsSync(path) ? statSync(path).size : 0;
}

const WORDS = (
	'community conduct respect safety report harassment moderation language translation volunteer ' +
	'staff event space online offline decision committee appeal process privacy evidence review ' +
	'behaviour participant member contributor project policy scope enforcement response timely fair ' +
	'transparent accessible inclusive welcome culture context meaning example guidance principle'
).split(' ');

function sentence(random: () => number, words: number): string {
	const out: string[] = [];
	for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
	const text = out.join(' ');
	return text[0].toUpperCase() + text.slice(1) + '.';
}

function paragraph(random: () => number, sentences: number): string {
	const out: string[] = [];
	for (let i = 0; i < sentences; i++) out.push(sentence(random, 6 + Math.floor(random() * 12)));
	return out.join(' ');
}

// ---------------------------------------------------------------------------------------------
// 1. The data set

interface Dataset {
	dir: string;
	databasePath: string;
	/** Revision ids of each version (index 0 = version 1), in clause order. */
	revisions: number[][];
	keys: string[];
	writers: { token: string; language: string }[];
	committeeToken: string;
	loadSeconds: number;
	talliesSeconds: number;
}

function insertInBatches(db: DB, label: string, total: number, write: (i: number) => void): void {
	const sqlite = db.$client;
	const started = performance.now();
	const batch = 50_000;
	const progressEvery = Math.max(batch, Math.ceil(total / 10 / batch) * batch);
	sqlite.exec('begin');
	for (let i = 0; i < total; i++) {
		write(i);
		if ((i + 1) % batch === 0) {
			sqlite.exec('commit');
			if ((i + 1) % progressEvery === 0 && i + 1 < total) {
				console.log(`    ${label}: ${formatCount(i + 1)} / ${formatCount(total)} (${ms(started)})`);
			}
			sqlite.exec('begin');
		}
	}
	sqlite.exec('commit');
	const seconds = (performance.now() - started) / 1000;
	console.log(`  ${label}: ${formatCount(total)} rows in ${seconds.toFixed(1)} s (${formatCount(Math.round(total / seconds))} rows/s)`);
}

function buildDataset(): Dataset {
	const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-'));
	const databasePath = join(dir, 'bench.db');
	console.log(`\n1. Loading the data set into ${databasePath}`);
	const started = performance.now();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	const sqlite = db.$client;
	// Bulk loading only: the server opens the file with the production settings (synchronous = FULL).
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('cache_size = -262144');

	const random = generator(20250401);
	const N = SIZES.participants;
	const now = Date.now();
	const start = now - SIZES.versions * 30 * DAY;
	const published = Array.from({ length: SIZES.versions }, (_, v) => start + v * 30 * DAY);
	const windowEnd = (v: number) => (v + 1 < SIZES.versions ? published[v + 1] : now - 60_000);

	// Participants. Their home language and affiliation are kept in typed arrays, not objects.
	const pickLanguage = weightedPicker(LANGUAGES.map((_, rank) => 1 / Math.pow(rank + 1, 1.07)));
	const affiliationWeights = [0.45, 0.06, 0.14, 0.1, 0.05, 0.2]; // AFFILIATIONS, then none
	const pickAffiliation = weightedPicker(affiliationWeights);
	const home = new Uint8Array(N + 1);
	const affiliation = new Uint8Array(N + 1); // index into AFFILIATIONS; AFFILIATIONS.length = none
	const placeholderHash = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$bm90LWEtcmVhbC1wYXNzd29yZC1oYXNoLWJlbmNo';
	const insertUser = sqlite.prepare(
		`insert into users (id, username, display_name, password_hash, languages, affiliation, created_at)
		 values (?, ?, ?, ?, ?, ?, ?)`
	);
	insertInBatches(db, 'participants', N, (i) => {
		const id = i + 1;
		const language = pickLanguage(random());
		home[id] = language;
		affiliation[id] = pickAffiliation(random());
		const languages = [LANGUAGES[language]];
		const r = random();
		if (language !== 0 && r < 0.5) languages.push('en');
		else if (r < 0.6) languages.push(LANGUAGES[Math.floor(random() * LANGUAGES.length)]);
		insertUser.run(
			id,
			`p${String(id).padStart(6, '0')}`,
			`Participant ${id}`,
			placeholderHash,
			JSON.stringify([...new Set(languages)]),
			AFFILIATIONS[affiliation[id]] ?? null,
			start - DAY - Math.floor(random() * 365 * DAY)
		);
	});
	const committeeId = N + 1;
	insertUser.run(committeeId, 'bench-committee', 'Bench committee', placeholderHash, '["en"]', 'staff', start - 2 * DAY);

	// The consultation: 3 published versions of the same 50 clauses, each clause translated into 7 languages.
	let t0 = performance.now();
	sqlite.exec('begin');
	sqlite
		.prepare(
			`insert into consultations (id, slug, title, description, source_language, languages, status, created_by, created_at)
			 values (1, ?, ?, ?, 'en', ?, 'open', ?, ?)`
		)
		.run(SLUG, 'Benchmark code of conduct', paragraph(random, 4), JSON.stringify(LANGUAGES), committeeId, start - DAY);
	sqlite
		.prepare(`insert into role_assignments (consultation_id, user_id, role, language) values (1, ?, 'committee', '')`)
		.run(committeeId);
	const insertVersion = sqlite.prepare(
		`insert into draft_versions (id, consultation_id, number, status, published_at, note, created_by, created_at)
		 values (?, 1, ?, 'published', ?, ?, ?, ?)`
	);
	const insertClause = sqlite.prepare(`insert into clauses (id, consultation_id, key, created_at) values (?, 1, ?, ?)`);
	const insertRevision = sqlite.prepare(
		`insert into clause_revisions (id, clause_id, version_id, position, label, heading, body, created_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertTranslation = sqlite.prepare(
		`insert into clause_translations (revision_id, language, heading, body, based_on_revision_id, created_at, updated_at)
		 values (?, ?, ?, ?, ?, ?, ?)`
	);
	const keys = Array.from({ length: SIZES.clauses }, (_, i) => `clause-${String(i + 1).padStart(2, '0')}`);
	keys.forEach((key, i) => insertClause.run(i + 1, key, start - DAY));
	const revisions: number[][] = [];
	const bodies = keys.map(() => [paragraph(random, 3), paragraph(random, 3)]);
	for (let v = 0; v < SIZES.versions; v++) {
		insertVersion.run(v + 1, v + 1, published[v], paragraph(random, 2), committeeId, published[v] - DAY);
		revisions.push([]);
		keys.forEach((_, i) => {
			const id = v * SIZES.clauses + i + 1;
			revisions[v].push(id);
			const [first, second] = bodies[i];
			const list = ['', '- ' + sentence(random, 8), '- ' + sentence(random, 10), '- ' + sentence(random, 7), ''].join('\n');
			const body = `${first}\n${list}\n${second}${v > 0 ? ' ' + sentence(random, 10) : ''}`;
			const heading = sentence(random, 3).slice(0, -1);
			insertRevision.run(id, i + 1, v + 1, i, `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`, heading, body, published[v] - DAY);
			for (const language of LANGUAGES.slice(1, 8)) {
				insertTranslation.run(id, language, `[${language}] ${heading}`, `[${language}] ${body}`, id, published[v], published[v]);
			}
		});
	}
	sqlite.exec('commit');
	console.log(`  consultation: ${SIZES.versions} versions × ${SIZES.clauses} clauses, ${LANGUAGES.length} languages (${ms(t0)})`);

	// Feedback per revision: older versions had longer to collect it, and early clauses draw more.
	const versionShare = [0.4, 0.35, 0.25].slice(0, SIZES.versions);
	const revisionWeights = versionShare.flatMap((share) => keys.map((_, i) => share / Math.sqrt(i + 1)));
	const allRevisions = revisions.flat();
	const current = SIZES.versions - 1;
	const firstWriter = N - WRITERS + 1;

	// Stances: each revision's participants are a pseudo-random permutation of everyone (a stride
	// coprime with N), so (revision, user) pairs are unique without keeping a set.
	const stanceCounts = apportion(SIZES.stances, revisionWeights);
	const insertStance = sqlite.prepare(
		`insert into stances (revision_id, user_id, stance, reason, language, community, affiliation, created_at, updated_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
	let r = 0;
	let left = stanceCounts[0];
	let offset = 0;
	let stride = 1;
	let step = 0;
	let supportBase = 0.5;
	const startRevision = () => {
		offset = Math.floor(random() * N);
		stride = 1 + Math.floor(random() * (N - 1));
		while (gcd(stride, N) !== 1) stride++;
		step = 0;
		supportBase = 0.35 + random() * 0.3;
	};
	startRevision();
	insertInBatches(db, 'stances', SIZES.stances, () => {
		while (left === 0) {
			r++;
			left = stanceCounts[r];
			startRevision();
		}
		left--;
		const v = Math.floor(r / SIZES.clauses);
		let user: number;
		do user = ((offset + step++ * stride) % N) + 1;
		while (v === current && user >= firstWriter);
		const community = home[user];
		// Communities lean differently on different clauses, so the dashboard has something to show.
		const tilt = (((community * 7 + r * 13) % 11) - 5) / 25;
		const support = Math.min(0.9, Math.max(0.05, supportBase + tilt));
		const x = random();
		const stance: StanceValue = x < support ? 'support' : x < support + (1 - support) * 0.6 ? 'oppose' : 'neutral';
		const reason = random() < 0.35 ? sentence(random, 8 + Math.floor(random() * 20)) : null;
		const createdAt = published[v] + Math.floor(random() * (windowEnd(v) - published[v]));
		const updatedAt = random() < 0.1 ? createdAt + Math.floor(random() * (windowEnd(v) - createdAt)) : createdAt;
		insertStance.run(
			allRevisions[r],
			user,
			stance,
			reason,
			LANGUAGES[community],
			LANGUAGES[community],
			AFFILIATIONS[affiliation[user]] ?? '',
			createdAt,
			updatedAt
		);
	});

	// Comments, a quarter of them replies to an earlier top-level comment on the same revision.
	const commentCounts = apportion(SIZES.comments, revisionWeights);
	const insertComment = sqlite.prepare(
		`insert into comments (id, revision_id, author_id, parent_id, language, body, community, affiliation, created_at, updated_at, edited_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	r = 0;
	left = commentCounts[0];
	let index = 0;
	let topLevel: number[] = [];
	insertInBatches(db, 'comments', SIZES.comments, (i) => {
		while (left === 0) {
			r++;
			left = commentCounts[r];
			index = 0;
			topLevel = [];
		}
		left--;
		const v = Math.floor(r / SIZES.clauses);
		const id = i + 1;
		const author = 1 + Math.floor(random() * N);
		const community = home[author];
		const reply = topLevel.length > 0 && random() < 0.25;
		const parent = reply ? topLevel[Math.floor(random() * topLevel.length)] : null;
		if (!reply) topLevel.push(id);
		const span = windowEnd(v) - published[v];
		const createdAt = published[v] + Math.floor(((index++ + random()) / commentCounts[r]) * span);
		const edited = random() < 0.05 ? createdAt + Math.floor(random() * 3_600_000) : null;
		const body =
			paragraph(random, 1 + Math.floor(random() * 3)) +
			(random() < 0.3 ? `\n\n- **${sentence(random, 3)}**\n- ${sentence(random, 6)}` : '') +
			(random() < 0.2 ? `\n\n> ${sentence(random, 9)}` : '');
		insertComment.run(
			id,
			allRevisions[r],
			author,
			parent,
			random() < 0.85 ? LANGUAGES[community] : 'en',
			body,
			LANGUAGES[community],
			AFFILIATIONS[affiliation[author]] ?? '',
			createdAt,
			edited ?? createdAt,
			edited
		);
	});

	// Sessions for the writers (the last WRITERS participants) and the committee member.
	t0 = performance.now();
	const writers: Dataset['writers'] = [];
	let committeeToken = '';
	db.transaction((tx) => {
		for (let id = firstWriter; id <= N; id++) {
			const token = generateSessionToken();
			createSession(tx, token, id, now);
			writers.push({ token, language: LANGUAGES[home[id]] });
		}
		committeeToken = generateSessionToken();
		createSession(tx, committeeToken, committeeId, now);
	});
	console.log(`  sessions: ${formatCount(writers.length + 1)} (${ms(t0)})`);
	const loadSeconds = (performance.now() - started) / 1000;

	t0 = performance.now();
	rebuildTallies(db);
	const talliesSeconds = (performance.now() - t0) / 1000;
	const tallyRows = sqlite.prepare('select count(*) as n from clause_tallies').get() as { n: number };
	console.log(`  rebuildTallies(): ${talliesSeconds.toFixed(2)} s → ${formatCount(tallyRows.n)} clause_tallies rows`);

	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.close();
	console.log(
		`  database: ${(fileSize(databasePath) / 1024 / 1024).toFixed(0)} MB; loaded in ${loadSeconds.toFixed(1)} s ` +
			`(+ ${talliesSeconds.toFixed(1)} s tallies), peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`
	);
	return { dir, databasePath, revisions, keys, writers, committeeToken, loadSeconds, talliesSeconds };
}

// ---------------------------------------------------------------------------------------------
// 2. The server and the measurements

/** Builds the app when the sources are newer than build/ (as `npm start` does). */
function ensureBuild(): void {
	// The server tests' convention (tests/support/server.ts): POLYPHONY_BUILD=name serves build-name/.
	const buildDir = process.env.POLYPHONY_BUILD ? `build-${process.env.POLYPHONY_BUILD}` : 'build';
	const entry = join(root, buildDir, 'index.js');
	const sources = ['src', 'messages', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	const newest = (path: string): number => {
		if (!existsSync(path)) return 0;
		const stat = statSync(path);
		if (!stat.isDirectory()) return stat.mtimeMs;
		return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
	};
	if (existsSync(entry) && !sources.some((s) => newest(join(root, s)) > statSync(entry).mtimeMs)) {
		console.log(`  ${buildDir}/ is up to date (${new Date(statSync(entry).mtimeMs).toISOString()})`);
		return;
	}
	console.log('  building the app (vite build)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

interface Scenario {
	name: string;
	/** The next request; called once per request, so bodies and cookies vary. */
	next: () => Request;
	ok: (status: number, body: string) => boolean;
}

interface Measurement {
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

function percentile(sorted: Float64Array, q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Seconds at the start of a run on several connections whose requests are not counted. */
const RAMP_UP = 1;

/**
 * Runs a scenario for `seconds`, after a ramp-up of RAMP_UP seconds when there are several
 * connections: while they open, a busy server leaves some of them unaccepted for a while, and
 * their first requests would measure that rather than the steady state. Failures are counted
 * throughout, the ramp-up included.
 */
async function measure(
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

interface CpuSnapshot {
	at: number;
	/** Busy clock ticks of the whole machine, of the server, and this process's CPU time in µs. */
	machine: number;
	server: number;
	own: number;
}

/** CPU time used so far (Linux /proc; NaN elsewhere). */
function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
	const at = performance.now();
	const own = process.cpuUsage();
	try {
		// cpu  user nice system idle iowait irq softirq steal …
		const t = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		const machine = t[0] + t[1] + t[2] + t[5] + t[6] + (t[7] ?? 0);
		const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
		return { at, machine, server: Number(fields[11]) + Number(fields[12]), own: own.user + own.system };
	} catch {
		return { at, machine: NaN, server: NaN, own: own.user + own.system };
	}
}

/** The share of the machine's CPU (%) used by processes other than the server and this one between two snapshots. */
function otherCpuShare(a: CpuSnapshot, b: CpuSnapshot): number {
	const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
	const capacity = ((b.at - a.at) / tick) * cpus().length;
	const others = b.machine - a.machine - (b.server - a.server) - (b.own - a.own) / 1000 / tick;
	return Math.max(0, (others / capacity) * 100);
}

/** A process's peak resident memory in MB (Linux), or NaN. */
function peakRss(pid: number | undefined): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/**
 * Waits until the server has worked through what the last run left queued (requests autocannon
 * gave up on are still rendered), so that each measurement starts on an idle server.
 */
async function drain(url: string, request: Request): Promise<void> {
	for (let i = 0; i < 50; i++) {
		const started = performance.now();
		await probe(url, request);
		if (performance.now() - started < 250) break;
	}
	await new Promise((r) => setTimeout(r, 250));
}

async function probe(url: string, request: Request): Promise<{ status: number; body: string }> {
	const response = await fetch(url + request.path, {
		method: request.method ?? 'GET',
		headers: request.headers,
		body: typeof request.body === 'string' ? request.body : undefined,
		redirect: 'manual'
	});
	return { status: response.status, body: await response.text() };
}

function scenarios(data: Dataset, origin: string) {
	const current = data.revisions[data.revisions.length - 1];
	let reads = 0;
	let signedInReads = 0;
	let dashboards = 0;
	let writes = 0;
	const html = { accept: 'text/html', 'accept-language': 'en' };
	const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;
	const clauseAnonymous: Scenario = {
		name: 'clause page, anonymous',
		next: () => ({ path: `/consultations/${SLUG}/clauses/${data.keys[reads++ % data.keys.length]}`, headers: html }),
		ok: (status) => status === 200
	};
	// The same requests with `Cache-Control: no-cache` (a browser's hard reload): every one rendered
	// afresh, as after a write — what a page costs when the page cache cannot help.
	let freshReads = 0;
	const clauseFresh: Scenario = {
		name: 'clause page, anonymous, fresh',
		next: () => ({
			path: `/consultations/${SLUG}/clauses/${data.keys[freshReads++ % data.keys.length]}`,
			headers: { ...html, 'cache-control': 'no-cache' }
		}),
		ok: (status) => status === 200
	};
	const clauseSignedIn: Scenario = {
		name: 'clause page, signed in',
		next: () => {
			const n = signedInReads++;
			return {
				path: `/consultations/${SLUG}/clauses/${data.keys[n % data.keys.length]}`,
				headers: { ...html, cookie: cookie(data.writers[(n * 7) % data.writers.length].token) }
			};
		},
		ok: (status) => status === 200
	};
	const dashboard: Scenario = {
		name: 'dashboard',
		next: () => ({
			path: `/consultations/${SLUG}/dashboard?version=${(dashboards++ % data.revisions.length) + 1}`,
			headers: { ...html, cookie: cookie(data.committeeToken) }
		}),
		ok: (status) => status === 200
	};
	let freshDashboards = 0;
	const dashboardFresh: Scenario = {
		name: 'dashboard, fresh',
		next: () => ({
			path: `/consultations/${SLUG}/dashboard?version=${(freshDashboards++ % data.revisions.length) + 1}`,
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
				path: `/consultations/${SLUG}/clauses/${data.keys[clause]}?/stance`,
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

// ---------------------------------------------------------------------------------------------
// 3. Raw SQL: the tallies the dashboard reads, straight from SQLite

/**
 * The two grouped reads of clause_tallies the dashboard makes for a version (per clause revision ×
 * community, and per affiliation: see versionResults()), as plain prepared statements; the median
 * time of both together, over `runs` runs taking the versions in turn (as the dashboard run does).
 */
function rawTallyTiming(databasePath: string, revisions: number[][], runs = 200): { median: number; rows: number[] } {
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

function consistency(databasePath: string): { stances: number; tallied: number; comments: number; talliedComments: number } {
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

// ---------------------------------------------------------------------------------------------
// Report

function fmt(n: number, digits = 1): string {
	return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// 4. Export (issue 5): the whole synthetic consultation (every version, the committee's view) in
// every format, each downloaded from its own freshly started server — the production path, through
// the streaming response — with its time to first byte, total time, server CPU and peak memory.
//
//   npm run bench -- --export-only                       loads the data set, measures only the exports
//   npm run bench -- --export-only --database=DIR/bench.db   reuses a data set kept with --keep or --load-only
//   npm run bench -- --export-only --formats=xlsx,csv         only these formats

const EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'markdown', 'wikitext'] as const;
/** `--formats=xlsx,csv`: measure only these exports. */
const exportFormats = (process.argv.find((a) => a.startsWith('--formats='))?.slice('--formats='.length).split(',') ?? [...EXPORT_FORMATS]).filter(
	(f): f is (typeof EXPORT_FORMATS)[number] => (EXPORT_FORMATS as readonly string[]).includes(f)
);
/** Issue 5: CSV and JSON within 10 s; every format within 256 MB of peak resident memory. */
const EXPORT_BUDGETS = { seconds: 10, timed: ['csv', 'json'] as readonly string[], peakRssMb: 256 };

interface ExportMeasurement {
	format: (typeof EXPORT_FORMATS)[number];
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

/** A process's resident memory now (MB, Linux), or NaN. */
function currentRss(pid: number | undefined): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** A process's CPU time so far (s, Linux), or NaN. */
function processCpuSeconds(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}

async function measureExports(databasePath: string, committeeToken: string): Promise<ExportMeasurement[]> {
	console.log('\n4. Export: every version, committee view, one fresh server per format (GET /consultations/bench/export?format=…&version=all)');
	const results: ExportMeasurement[] = [];
	for (const format of exportFormats) {
		const server = await startServer({ demo: false, databasePath });
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
					`${server.url}/consultations/${SLUG}/export?format=${format}&version=all`,
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
function exportBudgetRows(results: ExportMeasurement[]): string[][] {
	const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL  <<<');
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

/** `--export-only`: the data set (loaded, or kept from an earlier run with --database=…), then the exports alone. */
async function exportOnly(): Promise<void> {
	const reuse = process.argv.find((a) => a.startsWith('--database='))?.slice('--database='.length);
	let databasePath: string;
	let committeeToken: string;
	let cleanup = () => {};
	if (reuse) {
		databasePath = resolve(reuse);
		const sessions = JSON.parse(readFileSync(join(dirname(databasePath), 'sessions.json'), 'utf8')) as { committee: string };
		committeeToken = sessions.committee;
		console.log(`\n1. Reusing ${databasePath}`);
	} else {
		const data = buildDataset();
		databasePath = data.databasePath;
		committeeToken = data.committeeToken;
		if (keep) writeFileSync(join(data.dir, 'sessions.json'), JSON.stringify({ cookie: SESSION_COOKIE, committee: data.committeeToken }));
		cleanup = () => (keep ? console.log(`\nKept ${data.dir}`) : rmSync(data.dir, { recursive: true, force: true }));
	}
	try {
		ensureBuild();
		const results = await measureExports(databasePath, committeeToken);
		console.log('\n' + table([['budget', 'measured', 'limit', 'result'], ...exportBudgetRows(results)]));
		if (jsonPath) writeFileSync(resolve(jsonPath), JSON.stringify({ exports: results, budgets: EXPORT_BUDGETS }, null, '\t'));
		const failed = exportBudgetRows(results).filter((b) => b[3].startsWith('FAIL')).length;
		if (failed > 0) console.log(`\n  !!! ${failed} export budget${failed === 1 ? '' : 's'} FAILED (see above) !!!`);
	} finally {
		cleanup();
	}
}

async function main(): Promise<void> {
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
	const data = buildDataset();
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
		ensureBuild();
		server = await startServer({
			demo: false,
			databasePath: data.databasePath,
			env: {
				// The app's own default (tests/support/server.ts turns the visitors' lag off for tests).
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
		const idle = { path: `/consultations/${SLUG}`, headers: { accept: 'text/html' } };
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

		const exports = await measureExports(data.databasePath, data.committeeToken);

		// The report.
		console.log(
			`\nResults (latencies in ms; server peak RSS ${fmt(serverPeakRss, 0)} MB; ` +
				`other processes used ${fmt(othersCpu, 0)}% of the machine's CPU while measuring)\n`
		);
		const rows = [['measurement', 'conns', 'req/s', 'p50', 'p95', 'p99', 'max', 'kB', 'ok', 'not ok', 'errors', 'cached']];
		for (const m of [...unloaded, ...loaded]) {
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
		console.log(table(rows));

		const find = (list: Measurement[], name: string) => list.find((m) => m.name === name);
		const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL  <<<');
		const budgets = [['budget', 'measured', 'limit', 'result']];
		// The budget is for pages as served (the page cache included), also while stances are being
		// written; what a page costs when it is rendered afresh (a cache miss) is shown beside, as information.
		for (const name of [s.clauseAnonymous.name, MIXED_READS_NAME]) {
			const m = find(loaded, name)!;
			budgets.push([`${name} p95`, `${fmt(m.p95)} ms`, `≤ ${BUDGETS.clauseP95} ms`, verdict(m.p95 <= BUDGETS.clauseP95)]);
		}
		for (const name of [s.clauseFresh.name, s.clauseSignedIn.name]) {
			const m = find(loaded, name)!;
			const one = find(unloaded, name)!;
			budgets.push([`${name} p95 (rendered every time)`, `${fmt(m.p95)} ms`, `${fmt(one.p50)} ms each alone`, 'info']);
		}
		const dashLoaded = find(loaded, s.dashboard.name);
		const dashUnloaded = find(unloaded, s.dashboard.name);
		const dashFreshLoaded = find(loaded, s.dashboardFresh.name);
		const dashFreshUnloaded = find(unloaded, s.dashboardFresh.name);
		if (dashLoaded && dashUnloaded && dashFreshLoaded) {
			budgets.push([
				'dashboard p95',
				`${fmt(dashLoaded.p95)} ms`,
				`≤ ${BUDGETS.dashboardP95} ms`,
				verdict(dashLoaded.p95 <= BUDGETS.dashboardP95)
			]);
			budgets.push([
				'dashboard, fresh p95 (rendered every time)',
				`${fmt(dashFreshLoaded.p95)} ms`,
				`${fmt(dashFreshUnloaded!.p50)} ms each alone`,
				'info'
			]);
		} else {
			budgets.push(['dashboard p95', `not available (${dashboardProbe.status})`, `≤ ${BUDGETS.dashboardP95} ms`, 'n/a']);
		}
		const writes = find(loaded, s.stanceWrite.name)!;
		budgets.push([
			'stance writes',
			`${fmt(writes.perSecond, 0)}/s`,
			`≥ ${formatCount(BUDGETS.writesPerSecond)}/s`,
			verdict(writes.perSecond >= BUDGETS.writesPerSecond)
		]);
		if (dashFreshUnloaded && dashFreshLoaded) {
			// Server time = the fresh dashboard's median with one connection (no queueing behind other
			// requests, and rendered every time: the cached one would flatter the ratio).
			const ratio = dashFreshUnloaded.p50 / raw.median;
			budgets.push([
				'dashboard (fresh) ÷ raw SQL (p50, 1 conn)',
				`${fmt(ratio, 2)}× (${fmt(dashFreshUnloaded.p50, 2)} / ${fmt(raw.median, 2)} ms)`,
				`≤ ${BUDGETS.dashboardToSql}×`,
				verdict(ratio <= BUDGETS.dashboardToSql)
			]);
			budgets.push([
				`  same, p50 at ${CONNECTIONS} conns (queueing)`,
				`${fmt(dashFreshLoaded.p50 / raw.median)}×`,
				'',
				'info'
			]);
		} else {
			budgets.push(['dashboard ÷ raw SQL', `not available (${dashboardProbe.status})`, `≤ ${BUDGETS.dashboardToSql}×`, 'n/a']);
		}
		budgets.push(['tallies consistent after the run', consistent ? 'yes' : 'NO', 'yes', verdict(consistent)]);
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
		const failed = budgets.filter((b) => b[3].startsWith('FAIL')).length;
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
