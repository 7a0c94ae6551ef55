// Test data: a real SQLite file per test (migrated like production), and factories to fill it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/accounts/service';
import { createConsultation } from '../../src/lib/server/consultations/service';
import { parseDraft } from '../../src/lib/server/drafts/parse';
import { importVersion } from '../../src/lib/server/drafts/service';
import { clauseTallies, type Affiliation } from '../../src/lib/server/db/schema';

export interface TestDb {
	db: DB;
	path: string;
	close: () => void;
}

export function createTestDb(): TestDb {
	const dir = mkdtempSync(join(tmpdir(), 'polyphony-unit-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	return {
		db,
		path,
		close: () => {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

let userCounter = 0;
/** Password hashing is exercised by the accounts tests; elsewhere a placeholder hash is enough. */
export function makeUser(
	db: DB,
	overrides: Partial<{ username: string; displayName: string; languages: string[]; affiliation: Affiliation | null; isSiteAdmin: boolean }> = {}
) {
	userCounter += 1;
	return createUser(db, {
		username: overrides.username ?? `user${userCounter}`,
		displayName: overrides.displayName ?? `User ${userCounter}`,
		languages: overrides.languages ?? ['en'],
		affiliation: overrides.affiliation ?? null,
		isSiteAdmin: overrides.isSiteAdmin ?? false,
		passwordHash: 'not-a-real-hash'
	});
}

export const SAMPLE_DRAFT = `# Sample policy

## 1 Purpose {#purpose}

Why this policy exists.

## 2 Respect {#respect}

Treat everyone with respect.

## 3 Reporting {#reporting}

How to report a problem.
`;

let consultationCounter = 0;
export function makeConsultation(
	db: DB,
	options: { languages?: string[]; sourceLanguage?: string; draft?: string; publish?: boolean; slug?: string } = {}
) {
	consultationCounter += 1;
	const sourceLanguage = options.sourceLanguage ?? 'en';
	const consultation = createConsultation(
		db,
		{
			slug: options.slug ?? `consultation-${consultationCounter}`,
			title: `Consultation ${consultationCounter}`,
			description: 'A test consultation.',
			sourceLanguage,
			languages: [...new Set([sourceLanguage, ...(options.languages ?? ['es', 'ar'])])]
		},
		null
	);
	const parsed = parseDraft(options.draft ?? SAMPLE_DRAFT, 2);
	if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
	const version = importVersion(db, {
		consultationId: consultation.id,
		clauses: parsed.clauses,
		note: '',
		publish: options.publish ?? true,
		createdBy: null
	});
	return { consultation, version };
}

/** Every tally row with something in it, in a stable order: what an incremental update and a recount must agree on. */
export function tallyRows(db: DB) {
	return db
		.select()
		.from(clauseTallies)
		.all()
		.filter((r) => r.support || r.oppose || r.neutral || r.comments || r.participants)
		.sort((a, b) => a.revisionId - b.revisionId || a.community.localeCompare(b.community) || a.affiliation.localeCompare(b.affiliation));
}
