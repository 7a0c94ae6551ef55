// The load test: 32 connections for 60 s (LOAD_SECONDS to change it) against the built server, mixing
// reads (clause pages anonymous and signed in, the consultation page, the JSON API) with writes
// (stances and comments through the form actions). No answer may be a 5xx or a connection error, no
// "database is locked" may appear in the server's log, and every comment acknowledged must be stored.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import autocannon, { type Request, type Result } from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { actionHeaders, buildStressData, SLUG } from './data';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = { reads: 16, stances: 8, comments: 8 };
const STANCES = ['support', 'oppose', 'neutral'] as const;

const data = buildStressData({ clauses: 30, participants: 500 });
let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ demo: false, databasePath: data.databasePath });
});
afterAll(async () => {
	await server?.stop();
	rmSync(data.dir, { recursive: true, force: true });
});

interface Run {
	result: Result;
	acknowledged: number;
	/** The tags of the requests acknowledged (what each wrote). */
	tags: string[];
	refused: Record<string, number>;
}

/**
 * One autocannon run; `next` gives each request and a tag naming what it writes, `ok` decides from
 * the answer whether the request did what it asked.
 */
function run(connections: number, next: () => Request & { tag?: string }, ok: (status: number, body: string) => boolean): Promise<Run> {
	let acknowledged = 0;
	const tags: string[] = [];
	const refused: Record<string, number> = {};
	const instance = autocannon({
		url: server.url,
		connections,
		duration: SECONDS,
		timeout: 30,
		requests: [
			{
				setupRequest: (request, context) => {
					const { tag, ...n } = next();
					// One request at a time per connection: the context carries its tag to the answer.
					context.tag = tag;
					return { ...request, ...n, headers: { ...request.headers, ...n.headers } };
				},
				onResponse: (status, body, context) => {
					if (ok(status, body)) {
						acknowledged++;
						if (typeof context.tag === 'string') tags.push(context.tag);
					} else refused[`${status} ${body.slice(0, 120)}`] = (refused[`${status} ${body.slice(0, 120)}`] ?? 0) + 1;
				}
			}
		]
	});
	return Promise.resolve(instance).then((result) => ({ result, acknowledged, tags, refused }));
}

const success = (status: number, body: string) => status === 200 && body.startsWith('{"type":"success"');

it(`serves 32 connections for ${SECONDS} s of mixed reads and writes without a 5xx or a locked database`, async () => {
	let reads = 0;
	let stances = 0;
	let comments = 0;
	const participant = (n: number) => data.participants[n % data.participants.length];
	const clause = (n: number) => data.clauses[n % data.clauses.length];
	const startedAt = Date.now();

	const [readRun, stanceRun, commentRun] = await Promise.all([
		run(
			CONNECTIONS.reads,
			(): Request => {
				const n = reads++;
				const c = clause(n);
				switch (n % 4) {
					case 0:
						return { method: 'GET', path: `/consultations/${SLUG}/clauses/${c.key}`, headers: { accept: 'text/html' } };
					case 1:
						return { method: 'GET', path: `/consultations/${SLUG}/clauses/${c.key}`, headers: { accept: 'text/html', cookie: participant(n).cookie } };
					case 2:
						return { method: 'GET', path: `/consultations/${SLUG}`, headers: { accept: 'text/html' } };
					default:
						return { method: 'GET', path: `/api/v1/consultations/${SLUG}/versions/1/tallies`, headers: { accept: 'application/json' } };
				}
			},
			(status) => status === 200
		),
		run(
			CONNECTIONS.stances,
			() => {
				const n = stances++;
				const c = clause(Math.floor(n / data.participants.length) + n);
				return {
					tag: `${participant(n).id} ${c.revisionId}`,
					method: 'POST',
					path: `/consultations/${SLUG}/clauses/${c.key}?/stance`,
					headers: actionHeaders(server.url, participant(n).cookie),
					body: new URLSearchParams({ revision: String(c.revisionId), stance: STANCES[n % 3], reason: `load reason ${n}`, language: 'en' }).toString()
				};
			},
			success
		),
		run(
			CONNECTIONS.comments,
			() => {
				const n = comments++;
				const c = clause(n * 7);
				return {
					tag: `Load comment ${n}.`,
					method: 'POST',
					path: `/consultations/${SLUG}/clauses/${c.key}?/comment`,
					headers: actionHeaders(server.url, participant(n * 3).cookie),
					body: new URLSearchParams({ revision: String(c.revisionId), body: `Load comment ${n}.`, language: 'en' }).toString()
				};
			},
			success
		)
	]);
	const elapsed = (Date.now() - startedAt) / 1000;

	const runs = { reads: readRun, stances: stanceRun, comments: commentRun };
	const figure = (r: Run) => ({
		requests: r.result.requests.total,
		acknowledged: r.acknowledged,
		'5xx': r.result.statusCodeStats['500']?.count ?? 0,
		non2xx: r.result.non2xx,
		errors: r.result.errors,
		timeouts: r.result.timeouts,
		p50: r.result.latency.p50,
		p99: r.result.latency.p99
	});
	const figures = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, figure(r)]));
	const total = Object.values(runs).reduce((sum, r) => sum + r.result.requests.total, 0);
	const fiveHundreds = Object.values(runs).reduce(
		(sum, r) => sum + Object.entries(r.result.statusCodeStats).filter(([code]) => code.startsWith('5')).reduce((s, [, v]) => s + v.count, 0),
		0
	);
	const db = new Database(data.databasePath, { readonly: true });
	const storedComments = new Set((db.prepare('SELECT body FROM comments').all() as { body: string }[]).map((c) => c.body));
	const storedStances = new Set(
		(db.prepare('SELECT user_id AS u, revision_id AS r FROM stances').all() as { u: number; r: number }[]).map((s) => `${s.u} ${s.r}`)
	);
	db.close();
	const commentsFound = commentRun.tags.filter((body) => storedComments.has(body)).length;
	const stancesAcknowledged = new Set(stanceRun.tags);
	const stancesFound = [...stancesAcknowledged].filter((pair) => storedStances.has(pair)).length;
	const log = server.output();
	console.log(
		`Load test: ${CONNECTIONS.reads + CONNECTIONS.stances + CONNECTIONS.comments} connections for ${elapsed.toFixed(0)} s: ${total} requests ` +
			`(${(total / elapsed).toFixed(0)}/s), ${fiveHundreds} answers 5xx; ${stanceRun.acknowledged} stance and ${commentRun.acknowledged} comment ` +
			`writes acknowledged; all ${commentsFound} acknowledged comments and ${stancesFound} (participant, clause) stances found ` +
			`(${storedComments.size} comments, ${storedStances.size} stances stored, requests in flight at the end included).\n${JSON.stringify(figures, null, 1)}`
	);

	expect(fiveHundreds).toBe(0);
	for (const [name, r] of Object.entries(runs)) {
		expect(r.result.errors, name).toBe(0);
		expect(r.result.timeouts, name).toBe(0);
		expect(r.refused, name).toEqual({});
		expect(r.result.requests.total, name).toBeGreaterThan(0);
	}
	expect(log).not.toMatch(/database is locked|SQLITE_BUSY/i);
	// Every acknowledged write is stored; at most the requests in flight when the run ended are stored unacknowledged.
	expect(commentsFound).toBe(commentRun.acknowledged);
	expect(storedComments.size - commentsFound).toBeLessThanOrEqual(CONNECTIONS.comments);
	expect(stancesFound).toBe(stancesAcknowledged.size);
	expect(storedStances.size - stancesFound).toBeLessThanOrEqual(CONNECTIONS.stances);
});
