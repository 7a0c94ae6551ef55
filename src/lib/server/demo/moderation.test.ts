import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../tests/support/db';
import { readClause } from '../clauses/service';
import { listComments } from '../comments/service';
import { listAudit } from '../audit/service';
import { moderationQueue } from '../moderation/service';
import { rebuildTallies } from '../tallies/service';
import { clauseTallies } from '../db/schema';
import { buildDemo } from './build';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('the demo’s moderation', () => {
	it('shows a hidden, a reported, an edited and a deleted comment on the current version, and an audit log of the decisions', async () => {
		const demo = await buildDemo(t.db);
		const revisionId = readClause(t.db, demo.currentVersionId, 'respect', 'en', 'en')!.revisionId;
		const items = listComments(t.db, revisionId, { order: 'oldest', language: null, page: 1 }).items;

		const hidden = items.find((c) => c.moderation === 'hidden')!;
		expect(hidden).toMatchObject({ withheld: true, html: '', author: null });
		expect(hidden.moderationReason).toMatch(/^Personal attack/);
		const edited = items.find((c) => c.editedAt !== null)!;
		expect(edited.history).toHaveLength(1);
		expect(edited.html).toContain('<strong>sustained</strong>');
		const deleted = items.find((c) => c.deleted)!;
		expect(deleted.replies).toHaveLength(1);

		// The queue holds the comment with two open reports (below the threshold of three), still visible.
		const queue = moderationQueue(t.db, demo.consultationId, { view: 'open' });
		expect(queue.items).toHaveLength(1);
		expect(queue.items[0]).toMatchObject({ openReports: 2, comment: { moderation: 'visible', language: 'fr' } });
		expect(moderationQueue(t.db, demo.consultationId, { view: 'hidden' }).items.map((i) => i.comment.id)).toEqual([hidden.id]);

		const actions = new Set(listAudit(t.db, { consultationId: demo.consultationId, pageSize: 500 }).items.map((e) => e.action));
		expect([...actions].sort()).toEqual(['comment.hide', 'comment.pending', 'report.dismiss', 'role.grant']);

		const snapshot = () => t.db.select().from(clauseTallies).all().sort((a, b) => a.revisionId - b.revisionId || a.community.localeCompare(b.community) || a.affiliation.localeCompare(b.affiliation));
		const before = snapshot();
		rebuildTallies(t.db);
		expect(snapshot()).toEqual(before);
	}, 60_000);
});
