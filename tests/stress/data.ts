// A consultation for the stress tests, written straight into a new SQLite file before the server
// starts: clauses, participants with sessions (their cookies), and the clause revisions to write to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/accounts/service';
import { createConsultation } from '../../src/lib/server/consultations/service';
import { parseDraft } from '../../src/lib/server/drafts/parse';
import { importVersion } from '../../src/lib/server/drafts/service';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';

export const SLUG = 'stress';

export interface StressData {
	dir: string;
	databasePath: string;
	clauses: { key: string; revisionId: number }[];
	participants: { id: number; cookie: string }[];
}

export function buildStressData(options: { clauses: number; participants: number }): StressData {
	const dir = mkdtempSync(join(tmpdir(), 'polyphony-stress-'));
	const databasePath = join(dir, 'stress.db');
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	const consultation = createConsultation(
		db,
		{ slug: SLUG, title: 'Stress', description: 'Many writes at once.', sourceLanguage: 'en', languages: ['en', 'es', 'ar'] },
		null
	);
	const draft = ['# Stress', ...Array.from({ length: options.clauses }, (_, i) => `## ${i + 1} Clause ${i + 1} {#s${i + 1}}\n\nText ${i + 1}.`)].join('\n\n');
	importVersion(db, { consultationId: consultation.id, clauses: parseDraft(draft, 2).clauses, note: '', publish: true, createdBy: null });
	const clauses = (
		db.$client
			.prepare('SELECT c.key, r.id AS revisionId FROM clause_revisions r JOIN clauses c ON c.id = r.clause_id ORDER BY r.position')
			.all() as { key: string; revisionId: number }[]
	).map((c) => ({ key: c.key, revisionId: c.revisionId }));
	const participants = db.transaction((tx) =>
		Array.from({ length: options.participants }, (_, i) => {
			const user = createUser(tx, {
				username: `stress${i}`,
				displayName: `Stress ${i}`,
				languages: [['en', 'es', 'ar'][i % 3]],
				affiliation: null,
				passwordHash: 'not-a-real-hash'
			});
			const token = generateSessionToken();
			createSession(tx, token, user.id);
			return { id: user.id, cookie: `${SESSION_COOKIE}=${token}` };
		})
	);
	db.$client.close();
	return { dir, databasePath, clauses, participants };
}

/** The headers of a form action posted the way `use:enhance` does: the answer is JSON `{ type, status }`. */
export function actionHeaders(origin: string, cookie: string): Record<string, string> {
	return {
		origin,
		cookie,
		accept: 'application/json',
		'x-sveltekit-action': 'true',
		'content-type': 'application/x-www-form-urlencoded'
	};
}
