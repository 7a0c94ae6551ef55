// Every table holding a user id is answered for by some concern's part of "download my data": a new
// table (amendments, polls, questions…) that references users.id fails here until a concern's
// personal-data.ts names its column (and so gives its rows, or says where they are given).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import { SQLiteTable as SQLiteTableClass } from 'drizzle-orm/sqlite-core';
import * as schema from '../db/schema';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { setStance } from '../stances/service';
import { reasonSource, translateFeedback } from '../translations/feedback';
import { setTextTranslation } from '../translations/texts';
import { PERSONAL_DATA_PARTS, personalData } from './personal-data';

/** `table.column` for every column of the schema with a foreign key to users.id. */
function columnsReferencingUsers(): string[] {
	const out: string[] = [];
	for (const value of Object.values(schema)) {
		if (!is(value, SQLiteTableClass)) continue;
		const config = getTableConfig(value as SQLiteTable);
		for (const fk of config.foreignKeys) {
			const reference = fk.reference();
			if (getTableConfig(reference.foreignTable).name !== 'users') continue;
			for (const column of reference.columns) out.push(`${config.name}.${column.name}`);
		}
	}
	return out.sort();
}

const nameOf = (column: SQLiteColumn) => `${getTableConfig(column.table).name}.${column.name}`;

describe('download my data', () => {
	it('has a concern answering for every column that references users.id', () => {
		const referencing = columnsReferencingUsers();
		// The scan itself works: the tables the download has always covered are found.
		expect(referencing).toEqual(expect.arrayContaining(['stances.user_id', 'comments.author_id', 'sessions.user_id', 'audit_log.actor_id']));
		const covered = new Set(PERSONAL_DATA_PARTS.flatMap((part) => part.columns.map(nameOf)));
		expect(referencing.filter((c) => !covered.has(c))).toEqual([]);
	});

	it('names each column in one part only', () => {
		const names = PERSONAL_DATA_PARTS.flatMap((part) => part.columns.map(nameOf));
		expect(names.length).toBe(new Set(names).size);
	});
});

describe('the translations a person wrote', () => {
	let t: TestDb;
	beforeEach(() => (t = createTestDb()));
	afterEach(() => t.close());

	it('holds their translations of reasons (a committee-only reason of someone else without its words) and of the other texts', () => {
		const { consultation, version } = makeConsultation(t.db, { languages: ['ar', 'fr'] });
		const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
		const theo = makeUser(t.db, { languages: ['fr'] });
		const ines = makeUser(t.db, { languages: ['fr'] });
		const youssef = makeUser(t.db, { displayName: 'Youssef', languages: ['ar', 'fr', 'en'] });
		const open = setStance(t.db, { revisionId, userId: theo.id, stance: 'oppose', reason: 'Trop vague.', language: 'fr' });
		const closed = setStance(t.db, { revisionId, userId: ines.id, stance: 'support', reason: 'Pour le comité.', language: 'fr', committeeOnly: true });
		const input = { language: 'ar', translatorId: youssef.id, consultationLanguages: ['en', 'ar', 'fr'], translatorLanguages: youssef.languages };
		translateFeedback(t.db, { ...input, source: reasonSource(t.db, open.id), body: 'YOUSSEF-OPEN' });
		translateFeedback(t.db, { ...input, source: reasonSource(t.db, closed.id), body: 'YOUSSEF-CLOSED' });
		setTextTranslation(t.db, {
			consultationId: consultation.id,
			kind: 'consultation-title',
			subjectId: consultation.id,
			part: 0,
			language: 'ar',
			text: 'YOUSSEF-TITLE',
			translatorId: youssef.id
		});

		const data = personalData(t.db, youssef.id)!;
		expect(data.feedbackTranslations.map((f) => [f.stanceId, f.body])).toEqual([
			[open.id, 'YOUSSEF-OPEN'],
			[closed.id, null]
		]);
		expect(data.textTranslations).toEqual([expect.objectContaining({ consultation: consultation.slug, kind: 'consultation-title', language: 'ar', text: 'YOUSSEF-TITLE' })]);
		expect(JSON.stringify(personalData(t.db, theo.id))).not.toContain('YOUSSEF');
	});
});
