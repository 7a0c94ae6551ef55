import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, type TestDb } from '../../../../tests/support/db';
import { clauseRevisions, clauses, draftVersions } from '../db/schema';
import { currentVersion, listConsultations } from '../consultations/service';
import { listVersionClauses, readClause, upsertTranslation } from '../clauses/service';
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
		expect(listConsultations(t.db).find((c) => c.id === consultation.id)?.currentVersion).toBe(2);
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

	it('carries translations forward, outdated where the source text changed unless marked as not affecting them', () => {
		const { consultation, version } = makeConsultation(t.db);
		for (const key of ['purpose', 'respect', 'reporting']) {
			const { revisionId } = readClause(t.db, version.id, key, 'en', 'en')!;
			upsertTranslation(t.db, { revisionId, language: 'es', heading: `es ${key}`, body: `es body ${key}`, translatorId: null });
		}
		const v2 = importVersion(t.db, {
			consultationId: consultation.id,
			clauses: [
				{ key: 'purpose', label: '1', heading: 'Purpose', body: 'Why this policy exists.' },
				{ key: 'respect', label: '2', heading: 'Respect', body: 'Treat everyone with respect!' },
				{ key: 'reporting', label: '3', heading: 'Reporting', body: 'How to report a problem, privately.', affectsTranslations: false },
				{ key: 'new', label: '4', heading: 'New', body: 'A new clause.' }
			],
			note: '',
			publish: true,
			createdBy: null
		});
		const spanish = listVersionClauses(t.db, v2.id, 'en', 'es');
		expect(spanish.map((c) => [c.key, c.translated, c.outdated])).toEqual([
			['purpose', true, false],
			['respect', true, true],
			['reporting', true, false],
			['new', false, false]
		]);
		const respectV1 = readClause(t.db, version.id, 'respect', 'en', 'es')!;
		const respectV2 = readClause(t.db, v2.id, 'respect', 'en', 'es')!;
		expect(respectV2.translation).toMatchObject({ heading: 'es respect', outdated: true });
		// The version-1 translation still describes version 1 exactly.
		expect(respectV1.translation?.outdated).toBe(false);

		// Still outdated one version later, even when the clause did not change again.
		const v3 = importVersion(t.db, {
			consultationId: consultation.id,
			clauses: [{ key: 'respect', label: '1', heading: 'Respect', body: 'Treat everyone with respect!' }],
			note: '',
			publish: true,
			createdBy: null
		});
		expect(readClause(t.db, v3.id, 'respect', 'en', 'es')!.translation?.outdated).toBe(true);
		// A translator updating it makes it current again.
		upsertTranslation(t.db, { revisionId: readClause(t.db, v3.id, 'respect', 'en', 'en')!.revisionId, language: 'es', heading: 'Respeto', body: '¡Trata a todos con respeto!', translatorId: null });
		expect(readClause(t.db, v3.id, 'respect', 'en', 'es')!.translation).toMatchObject({ heading: 'Respeto', outdated: false });
	});
});

