// The crash test: concurrent stance and comment writes over HTTP against the built server, which is
// killed with SIGKILL (kill -9) in the middle of them; restarted on the same file, it must have every
// write it acknowledged with a success. Three rounds, each on its own participants.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { actionHeaders, buildStressData, SLUG } from './data';

const ROUNDS = 3;
const PER_ROUND = 60;
const CONCURRENCY = 24;
/** Acknowledged writes after which round r's server is killed, whatever is in flight: a different moment each round. */
const killAfter = (round: number) => 250 + 150 * round;
const STANCES = ['support', 'oppose', 'neutral'] as const;

const data = buildStressData({ clauses: 20, participants: ROUNDS * PER_ROUND });
afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

type Write =
	| { kind: 'stance'; userId: number; revisionId: number; stance: string; reason: string }
	| { kind: 'comment'; userId: number; revisionId: number; body: string };

function writesOfRound(round: number): { write: Write; path: string; cookie: string; body: string }[] {
	const people = data.participants.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
	const out: { write: Write; path: string; cookie: string; body: string }[] = [];
	// Every (participant, clause) pair once as a stance, and as many comments, interleaved.
	data.clauses.forEach((clause, c) => {
		people.forEach((person, p) => {
			const n = out.length;
			const stance = STANCES[(p + c + round) % 3];
			const reason = `round ${round} reason ${n}`;
			out.push({
				write: { kind: 'stance', userId: person.id, revisionId: clause.revisionId, stance, reason },
				path: `/consultations/${SLUG}/clauses/${clause.key}?/stance`,
				cookie: person.cookie,
				body: new URLSearchParams({ revision: String(clause.revisionId), stance, reason, language: 'en' }).toString()
			});
			const body = `round ${round} comment ${n}: crash-safe?`;
			out.push({
				write: { kind: 'comment', userId: person.id, revisionId: clause.revisionId, body },
				path: `/consultations/${SLUG}/clauses/${clause.key}?/comment`,
				cookie: person.cookie,
				body: new URLSearchParams({ revision: String(clause.revisionId), body, language: 'en' }).toString()
			});
		});
	});
	return out;
}

/** Runs writes CONCURRENCY at a time until killAfter(round) are acknowledged, then kills the server mid-flight. */
async function loadAndKill(server: RunningServer, round: number) {
	const queue = writesOfRound(round);
	const acknowledged: Write[] = [];
	let attempted = 0;
	let failed = 0;
	let killed = false;
	let inFlightAtKill = 0;
	let inFlight = 0;
	const worker = async () => {
		while (queue.length && !killed) {
			const item = queue.shift()!;
			attempted++;
			inFlight++;
			try {
				const response = await fetch(server.url + item.path, { method: 'POST', headers: actionHeaders(server.url, item.cookie), body: item.body });
				const result = (await response.json()) as { type: string };
				if (response.status === 200 && result.type === 'success') acknowledged.push(item.write);
				else failed++;
			} catch {
				failed++;
			} finally {
				inFlight--;
			}
			if (!killed && acknowledged.length >= killAfter(round)) {
				killed = true;
				inFlightAtKill = inFlight;
				server.process.kill('SIGKILL');
			}
		}
	};
	const exited = new Promise((done) => server.process.once('exit', done));
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	if (!killed) server.process.kill('SIGKILL');
	await exited;
	return { attempted, acknowledged, failed, inFlightAtKill };
}

function missing(databasePath: string, writes: Write[]): Write[] {
	const db = new Database(databasePath, { readonly: true });
	try {
		const stance = db.prepare('SELECT stance, reason FROM stances WHERE user_id = ? AND revision_id = ?');
		const comment = db.prepare('SELECT 1 FROM comments WHERE author_id = ? AND revision_id = ? AND body = ?');
		return writes.filter((w) => {
			if (w.kind === 'comment') return !comment.get(w.userId, w.revisionId, w.body);
			const row = stance.get(w.userId, w.revisionId) as { stance: string; reason: string } | undefined;
			return !row || row.stance !== w.stance || row.reason !== w.reason;
		});
	} finally {
		db.close();
	}
}

it(`keeps every acknowledged write through ${ROUNDS} kill -9s under concurrent load`, async () => {
	const figures: Record<'round' | 'attempted' | 'acknowledged' | 'acknowledgedStances' | 'acknowledgedComments' | 'found' | 'inFlightAtKill' | 'notAcknowledged', number>[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const server = await startServer({ demo: false, databasePath: data.databasePath });
		const result = await loadAndKill(server, round);
		expect(server.process.signalCode).toBe('SIGKILL');
		expect(result.acknowledged.length).toBeGreaterThanOrEqual(killAfter(round));

		// Restarted on the same file: it starts (the start-up check passes) and has every acknowledged write.
		const restarted = await startServer({ demo: false, databasePath: data.databasePath });
		try {
			expect((await fetch(`${restarted.url}/consultations/${SLUG}/clauses/${data.clauses[0].key}`)).status).toBe(200);
			const lost = missing(data.databasePath, result.acknowledged);
			expect(lost).toEqual([]);
			const stances = result.acknowledged.filter((w) => w.kind === 'stance').length;
			figures.push({
				round: round + 1,
				attempted: result.attempted,
				acknowledged: result.acknowledged.length,
				acknowledgedStances: stances,
				acknowledgedComments: result.acknowledged.length - stances,
				found: result.acknowledged.length - lost.length,
				inFlightAtKill: result.inFlightAtKill,
				notAcknowledged: result.failed
			});
		} finally {
			await restarted.stop();
		}
	}
	const total = (key: 'acknowledged' | 'found' | 'attempted' | 'inFlightAtKill') => figures.reduce((sum, f) => sum + f[key], 0);
	console.log(
		`Crash test: ${ROUNDS} × kill -9 under ${CONCURRENCY} concurrent writers; ${total('attempted')} writes sent, ` +
			`${total('acknowledged')} acknowledged, ${total('found')} found after restart, ${total('inFlightAtKill')} in flight at the kills.\n` +
			JSON.stringify(figures, null, 1)
	);
	expect(total('found')).toBe(total('acknowledged'));
});
