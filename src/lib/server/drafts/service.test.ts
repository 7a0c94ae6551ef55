import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, type TestDb } from '../../../../tests/support/db';
import { clauseRevisions, clauses, draftVersions } from '../db/schema';
import { currentVersion } from '../consultations/service';
import { listVersionClauses } from '../clauses/service';
import { parseDraft } from './parse';
import { discardDraft, DraftError, importVersion, pendingDraft, publishVersion } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const second = parseDraft('## 1 Purpose, revised {#purpose}\n\nNew text.\n\n## 2 Brand new {#brand-new}\n\nAdded.', 2).clauses;

describe('draft versions', () => {
	it('imports a document as version 1, published and current, in document order', () => {
		const { consultation, version } = makeConsultation(t.db);
		expect(version).toMatchObject({ number: 1, status: 'published' });
		expect(version.publishedAt).toBeTypeOf('number');
		expect(currentVersion(t.db, consultation.id)?.id).toBe(version.id);
		expect(listVersionClauses(t.db, version.id, 'en', 'en').map((c) => [c.label, c.key])).toEqual([
			['1', 'purpose'],
			['2', 'respect'],
			['3', 'reporting']
		]);
	});

	it('continues a clause lineage when a later version keeps its key', () => {
		const { consultation } = makeConsultation(t.db);
		const v2 = importVersion(t.db, { consultationId: consultation.id, clauses: second, note: 'v2', publish: true, createdBy: null });
		expect(v2.number).toBe(2);
		const lineages = t.db.select().from(clauses).where(eq(clauses.consultationId, consultation.id)).all();
		expect(lineages.map((c) => c.key).sort()).toEqual(['brand-new', 'purpose', 'reporting', 'respect']);
		const purpose = lineages.find((c) => c.key === 'purpose')!;
		const revisions = t.db.select().from(clauseRevisions).where(eq(clauseRevisions.clauseId, purpose.id)).all();
		expect(revisions.map((r) => r.heading)).toEqual(['Purpose', 'Purpose, revised']);
		expect(currentVersion(t.db, consultation.id)?.number).toBe(2);
	});

	it('keeps one unpublished draft at a time, invisible as the current version until published', () => {
		const { consultation, version } = makeConsultation(t.db);
		const draft = importVersion(t.db, { consultationId: consultation.id, clauses: second, note: '', publish: false, createdBy: null });
		expect(pendingDraft(t.db, consultation.id)?.id).toBe(draft.id);
		expect(currentVersion(t.db, consultation.id)?.id).toBe(version.id);
		expect(() => importVersion(t.db, { consultationId: consultation.id, clauses: second, note: '', publish: true, createdBy: null })).toThrow(
			DraftError
		);
		publishVersion(t.db, draft.id, 42);
		expect(currentVersion(t.db, consultation.id)).toMatchObject({ id: draft.id, publishedAt: 42 });
		expect(() => publishVersion(t.db, draft.id)).toThrow(DraftError);
	});

	it('discards a draft with its revisions and the clauses only it used', () => {
		const { consultation } = makeConsultation(t.db);
		const draft = importVersion(t.db, { consultationId: consultation.id, clauses: second, note: '', publish: false, createdBy: null });
		discardDraft(t.db, draft.id);
		expect(t.db.select().from(draftVersions).where(eq(draftVersions.id, draft.id)).all()).toEqual([]);
		const keys = t.db.select().from(clauses).where(eq(clauses.consultationId, consultation.id)).all().map((c) => c.key);
		expect(keys.sort()).toEqual(['purpose', 'reporting', 'respect']);
		const published = currentVersion(t.db, consultation.id)!;
		expect(() => discardDraft(t.db, published.id)).toThrow(DraftError);
	});

	it('refuses an empty version, and a failed import leaves nothing behind', () => {
		const { consultation } = makeConsultation(t.db);
		expect(() => importVersion(t.db, { consultationId: consultation.id, clauses: [], note: '', publish: true, createdBy: null })).toThrow(
			DraftError
		);
		const broken = [...second, { ...second[0], key: 'x', heading: null as unknown as string }];
		expect(() => importVersion(t.db, { consultationId: consultation.id, clauses: broken, note: '', publish: true, createdBy: null })).toThrow();
		expect(t.db.select().from(draftVersions).where(eq(draftVersions.consultationId, consultation.id)).all()).toHaveLength(1);
		expect(t.db.select().from(clauses).where(eq(clauses.key, 'brand-new')).all()).toEqual([]);
	});
});
