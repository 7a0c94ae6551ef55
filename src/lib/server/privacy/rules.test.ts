// Visibility decided once (issue 14, item 2): no service outside privacy/ spells a committee-only
// or moderation rule itself — the export's raw SQL, the digests, the waiting list, the inbox and the
// pages all take them from privacy/visibility.ts — and the rule as SQL text (the export's) selects
// exactly the rows the drizzle rule (the pages') selects.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { commentIsPublic, commentIsShown, publicSql, reasonIsPublic, summaryIsPublic } from './visibility';

const SERVER = join(__dirname, '..');

function serverFiles(): { path: string; code: string }[] {
	const out: { path: string; code: string }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push({ path: relative(SERVER, full), code: readFileSync(full, 'utf8') });
		}
	};
	walk(SERVER);
	return out;
}

/** Ways of writing the rules by hand: in SQL text and with drizzle's operators. */
const HAND_WRITTEN = [
	/committee_only\s*(=|<>|!=)\s*[01]/,
	/committeeOnly,\s*(true|false)\)/,
	/moderation\s*=\s*'visible'/,
	/moderation,\s*'visible'\)/,
	/\bls\.status\s*=\s*'published'/
];

describe('the visibility rules', () => {
	it('are written only in privacy/', () => {
		const files = serverFiles().filter((f) => !f.path.startsWith('privacy/') && !f.path.startsWith('demo/'));
		expect(files.some((f) => f.path === 'export/source.ts')).toBe(true);
		const spelled = files.flatMap((f) => HAND_WRITTEN.filter((p) => p.test(f.code)).map((p) => `${f.path}: ${p.source}`));
		expect(spelled).toEqual([]);
	});

	describe('as SQL text and as drizzle conditions', () => {
		let t: TestDb;
		beforeEach(() => {
			t = createTestDb();
		});
		afterEach(() => t.close());

		/** The ids a condition selects from rows given as (id, committee_only, moderation, parent_id, status). */
		function selected(where: string): number[] {
			return t.db
				.all<{ id: number }>(
					sql.raw(`with rows(id, committee_only, moderation, parent_id, status) as (values
						(1, 0, 'visible', null, 'published'), (2, 1, 'visible', null, 'draft'), (3, 0, 'hidden', null, 'published'),
						(4, 0, 'pending', 1, 'draft'), (5, 0, 'visible', 2, 'published'), (6, 0, 'visible', 3, 'published'), (7, 0, 'visible', 1, 'published'))
					select c.id from rows c left join rows p on p.id = c.parent_id where ${where} order by c.id`)
				)
				.map((r) => r.id);
		}
		it('select the same rows', () => {
			expect(selected(publicSql.reason('c'))).toEqual([1, 3, 4, 5, 6, 7]);
			expect(selected(publicSql.commentPublic('c'))).toEqual([1, 3, 4, 5, 6, 7]);
			expect(selected(publicSql.commentShown('c'))).toEqual([1, 2, 5, 6, 7]);
			expect(selected(publicSql.comment('c'))).toEqual([1, 5, 6, 7]);
			// A reply is public only under a public, shown parent: not under the committee-only 2 or the hidden 3.
			expect(selected(publicSql.commentInThread('c', 'p'))).toEqual([1, 7]);
			expect(selected(publicSql.summary('c'))).toEqual([1, 3, 5, 6, 7]);
			// The pages' drizzle conditions, over the real tables, select the same.
			const drizzleSelected = (rule: ReturnType<typeof sql>, table: string) =>
				t.db.all<{ n: number }>(sql`select count(*) as n from ${sql.raw(table)} where ${rule}`)[0].n;
			for (const [rule, table] of [[reasonIsPublic(), 'stances'], [commentIsPublic(), 'comments'], [commentIsShown(), 'comments'], [summaryIsPublic(), 'liaison_summaries']] as const) {
				expect(drizzleSelected(rule, table)).toBe(0);
			}
		});
	});
});
