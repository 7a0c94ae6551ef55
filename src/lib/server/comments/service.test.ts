import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { addComment, CommentError, listComments } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

function setup() {
	const { version } = makeConsultation(t.db);
	const revisionId = readClause(t.db, version.id, 'purpose', 'en', 'en')!.revisionId;
	const other = readClause(t.db, version.id, 'respect', 'en', 'en')!.revisionId;
	return { revisionId, other, author: makeUser(t.db, { displayName: 'Lucía' }) };
}

describe('comments', () => {
	it('allows replies one level deep, on the same revision only', () => {
		const { revisionId, other, author } = setup();
		const top = addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'Hola' });
		const reply = addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'Re', parentId: top.id });
		expect(reply.parentId).toBe(top.id);
		expect(() => addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'x', parentId: reply.id })).toThrow(CommentError);
		expect(() => addComment(t.db, { revisionId: other, authorId: author.id, language: 'es', body: 'x', parentId: top.id })).toThrow(
			CommentError
		);
		expect(() => addComment(t.db, { revisionId, authorId: author.id, language: 'es', body: 'x', parentId: 999999 })).toThrow(CommentError);
	});

	it('pages top-level comments newest or oldest first, with their replies and rendered Markdown', () => {
		const { revisionId, author } = setup();
		for (let i = 1; i <= 25; i++) {
			const c = addComment(t.db, { revisionId, authorId: author.id, language: i % 2 ? 'es' : 'ar', body: `**c${i}**`, now: i * 1000 });
			if (i === 25) addComment(t.db, { revisionId, authorId: author.id, language: 'en', body: 'reply', parentId: c.id, now: 99_000 });
		}
		const first = listComments(t.db, revisionId, { order: 'newest', language: null, page: 1, pageSize: 10 });
		expect(first.total).toBe(25);
		expect(first.pageCount).toBe(3);
		expect(first.items).toHaveLength(10);
		expect(first.items[0].html).toBe('<p><strong>c25</strong></p>\n');
		expect(first.items[0].replies.map((r) => r.html)).toEqual(['<p>reply</p>\n']);
		expect(first.items[0].author?.displayName).toBe('Lucía');
		const last = listComments(t.db, revisionId, { order: 'newest', language: null, page: 3, pageSize: 10 });
		expect(last.items.map((c) => c.html)).toHaveLength(5);
		const oldest = listComments(t.db, revisionId, { order: 'oldest', language: null, page: 1, pageSize: 10 });
		expect(oldest.items[0].html).toContain('c1<');
		// Pages past the end show the last page rather than nothing.
		expect(listComments(t.db, revisionId, { order: 'newest', language: null, page: 99, pageSize: 10 }).page).toBe(3);
	});

	it('filters by language and lists the languages present', () => {
		const { revisionId, author } = setup();
		addComment(t.db, { revisionId, authorId: author.id, language: 'ar', body: 'مرحبا' });
		addComment(t.db, { revisionId, authorId: author.id, language: 'ar', body: 'شكرا' });
		addComment(t.db, { revisionId, authorId: author.id, language: 'fa', body: 'سلام' });
		const arabic = listComments(t.db, revisionId, { order: 'newest', language: 'ar', page: 1 });
		expect(arabic.total).toBe(2);
		expect(arabic.items.every((c) => c.language === 'ar')).toBe(true);
		expect(arabic.languages).toEqual([
			{ language: 'ar', count: 2 },
			{ language: 'fa', count: 1 }
		]);
	});

	it('reads a page of a clause with thousands of comments through indexes, not a table scan', () => {
		const { revisionId, author } = setup();
		const insert = t.db.$client.prepare(
			'insert into comments (revision_id, author_id, language, community, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)'
		);
		t.db.$client.transaction(() => {
			for (let i = 0; i < 5000; i++) insert.run(revisionId, author.id, i % 3 ? 'es' : 'ar', 'en', `comment ${i}`, i, i);
		})();
		const page = listComments(t.db, revisionId, { order: 'newest', language: null, page: 100, pageSize: 20 });
		expect(page.items).toHaveLength(20);
		expect(page.items[0].html).toContain('comment 3019');
		const plan = t.db.all<{ detail: string }>(
			sql`explain query plan select id from comments where revision_id = ${revisionId} and parent_id is null order by created_at desc limit 20`
		);
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX comments_revision_parent_created_idx/);
		expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
	});
});
