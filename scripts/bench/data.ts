// The benchmark's data set: a synthetic consultation written straight into a fresh SQLite file
// (at scale 1: 100,000 participants in 150 language communities, 50 clauses × 3 published
// versions, 1,000,000 stances and 200,000 comments), its tallies rebuilt by the app's own service,
// and sessions for the participants who write during the run and for a committee member.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { rebuildTallies } from '../../src/lib/server/tallies/service';
import { AFFILIATIONS, type StanceValue } from '../../src/lib/server/db/schema';
import { generator } from '../../src/lib/server/random';
import { formatCount, ms } from './report';

export const SLUG = 'bench';
const LANGUAGE_COUNT = 150;

export interface Sizes {
	participants: number;
	languages: number;
	clauses: number;
	versions: number;
	stances: number;
	comments: number;
}

/** The data set's sizes: `--scale=0.05` shrinks the people and their feedback, never the consultation. */
export function sizesFor(scale: number): Sizes {
	return {
		participants: Math.round(100_000 * scale),
		languages: LANGUAGE_COUNT,
		clauses: 50,
		versions: 3,
		stances: Math.round(1_000_000 * scale),
		comments: Math.round(200_000 * scale)
	};
}

/** Participants with a session who write stances during the run (none on the current version beforehand). */
export function writersOf(sizes: Sizes): number {
	return Math.min(2_000, Math.floor(sizes.participants / 10));
}

// Big communities first: the home-language distribution is Zipf-like over this order.
const LANGUAGES = (
	'en es fr ar zh hi pt ru de ja bn id ur fa tr it ko vi pl uk nl sw ta te mr th ms he el cs hu sv ro fi ' +
	'da nb ca sr hr bg sk sl lt lv et ha yo ig am so zu xh af gu kn ml pa ne si my km lo ka hy az kk uz ky ' +
	'tg mn ps ku sd ug bo dz jv su tt ba cv be mk sq bs is ga cy gd br eu gl oc co lb fy fo mt rm eo ia ' +
	'ht mg ny sn st tn ts ss ve rw rn lg ln kg wo ff bm ee tw ak om ti qu ay gn mi sm to fj ty ch mh na ' +
	'kl iu oj cr nv se sa pi kw gv li wa an as or tk'
)
	.split(' ')
	.slice(0, LANGUAGE_COUNT);
for (const tag of LANGUAGES) {
	if (Intl.getCanonicalLocales(tag)[0] !== tag) throw new Error(`not a canonical language tag: ${tag}`);
}
if (new Set(LANGUAGES).size !== LANGUAGE_COUNT) throw new Error('the language list needs 150 distinct tags');

const DAY = 24 * 60 * 60 * 1000;

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

function fileSize(path: string): number {
	return existsSync(path) ? statSync(path).size : 0;
}

export const WORDS = (
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

export interface Dataset {
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

export function buildDataset(sizes: Sizes): Dataset {
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
	const N = sizes.participants;
	const now = Date.now();
	const start = now - sizes.versions * 30 * DAY;
	const published = Array.from({ length: sizes.versions }, (_, v) => start + v * 30 * DAY);
	const windowEnd = (v: number) => (v + 1 < sizes.versions ? published[v + 1] : now - 60_000);

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
	const keys = Array.from({ length: sizes.clauses }, (_, i) => `clause-${String(i + 1).padStart(2, '0')}`);
	keys.forEach((key, i) => insertClause.run(i + 1, key, start - DAY));
	const revisions: number[][] = [];
	const bodies = keys.map(() => [paragraph(random, 3), paragraph(random, 3)]);
	for (let v = 0; v < sizes.versions; v++) {
		insertVersion.run(v + 1, v + 1, published[v], paragraph(random, 2), committeeId, published[v] - DAY);
		revisions.push([]);
		keys.forEach((_, i) => {
			const id = v * sizes.clauses + i + 1;
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
	console.log(`  consultation: ${sizes.versions} versions × ${sizes.clauses} clauses, ${LANGUAGES.length} languages (${ms(t0)})`);

	// Feedback per revision: older versions had longer to collect it, and early clauses draw more.
	const versionShare = [0.4, 0.35, 0.25].slice(0, sizes.versions);
	const revisionWeights = versionShare.flatMap((share) => keys.map((_, i) => share / Math.sqrt(i + 1)));
	const allRevisions = revisions.flat();
	const current = sizes.versions - 1;
	const firstWriter = N - writersOf(sizes) + 1;

	// Stances: each revision's participants are a pseudo-random permutation of everyone (a stride
	// coprime with N), so (revision, user) pairs are unique without keeping a set.
	const stanceCounts = apportion(sizes.stances, revisionWeights);
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
	insertInBatches(db, 'stances', sizes.stances, () => {
		while (left === 0) {
			r++;
			left = stanceCounts[r];
			startRevision();
		}
		left--;
		const v = Math.floor(r / sizes.clauses);
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
	const commentCounts = apportion(sizes.comments, revisionWeights);
	const insertComment = sqlite.prepare(
		`insert into comments (id, revision_id, author_id, parent_id, language, body, community, affiliation, created_at, updated_at, edited_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	r = 0;
	left = commentCounts[0];
	let index = 0;
	let topLevel: number[] = [];
	insertInBatches(db, 'comments', sizes.comments, (i) => {
		while (left === 0) {
			r++;
			left = commentCounts[r];
			index = 0;
			topLevel = [];
		}
		left--;
		const v = Math.floor(r / sizes.clauses);
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

	// Sessions for the writers (the last writersOf(sizes) participants) and the committee member.
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
