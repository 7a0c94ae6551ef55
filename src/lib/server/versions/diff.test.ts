import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { draftVersions, type DraftVersion } from '../db/schema';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import { listVersionClauses } from '../clauses/service';
import { clauseHistory, compareVersions, findClauseId, movedKeys, wordDiff, type ClauseChange, type Part } from './diff';
import { defaultComparison, visibleVersions } from './service';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

/** A document with one clause per [key, heading, body]. */
function doc(clauses: [string, string, string][]): string {
	return clauses.map(([key, heading, body], i) => `## ${i + 1} ${heading} {#${key}}\n\n${body}\n`).join('\n');
}

function nextVersion(consultationId: number, clauses: [string, string, string][], publish = true): DraftVersion {
	const parsed = parseDraft(doc(clauses), 2);
	if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
	return importVersion(t.db, { consultationId, clauses: parsed.clauses, note: '', publish, createdBy: null });
}

function start(clauses: [string, string, string][], options: { sourceLanguage?: string } = {}) {
	return makeConsultation(t.db, { draft: doc(clauses), ...options });
}

const shape = (entries: ClauseChange[]) => entries.map((e) => [e.key, e.status, e.moved]);
const joined = (parts: Part[] | undefined | null, change: Part['change']) =>
	(parts ?? [])
		.filter((p) => p.change === change)
		.map((p) => p.text)
		.join('|');

const A: [string, string, string] = ['a', 'Alpha', 'The first clause.'];
const B: [string, string, string] = ['b', 'Bravo', 'The second clause.'];
const C: [string, string, string] = ['c', 'Charlie', 'The third clause.'];
const D: [string, string, string] = ['d', 'Delta', 'The fourth clause.'];
const E: [string, string, string] = ['e', 'Echo', 'The fifth clause.'];

describe('compareVersions', () => {
	it('finds nothing changed between two versions with the same text, even when renumbered', () => {
		const { consultation, version } = start([A, B]);
		const v2 = nextVersion(consultation.id, [A, B]);
		const result = compareVersions(t.db, version.id, v2.id, 'en');
		expect(shape(result.entries)).toEqual([
			['a', 'unchanged', false],
			['b', 'unchanged', false]
		]);
		expect(result.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 0, unchanged: 2 });
		expect(result.entries[0].headingDiff).toBeUndefined();
		expect(result.entries[0].from).toEqual({ label: '1', heading: 'Alpha', body: 'The first clause.', position: 0 });
	});

	it('marks added and removed clauses, placing a removed clause where it was', () => {
		const { consultation, version } = start([A, B, C]);
		const N: [string, string, string] = ['n', 'November', 'A new clause.'];
		const v2 = nextVersion(consultation.id, [A, N, C]);
		const result = compareVersions(t.db, version.id, v2.id, 'en');
		// B was between A and C: it is shown there, before the clause added in its place.
		expect(shape(result.entries)).toEqual([
			['a', 'unchanged', false],
			['b', 'removed', false],
			['n', 'added', false],
			['c', 'unchanged', false]
		]);
		const removed = result.entries[1];
		expect(removed.to).toBeNull();
		expect(removed.from).toMatchObject({ heading: 'Bravo', position: 1 });
		const added = result.entries[2];
		expect(added.from).toBeNull();
		expect(added.to).toMatchObject({ label: '2', heading: 'November', body: 'A new clause.', position: 1 });
		// Clause C's label stays "3", and inserting or removing others does not make it "moved".
		expect(result.summary).toEqual({ added: 1, removed: 1, moved: 0, modified: 0, unchanged: 2 });
	});

	it('places clauses removed from the start first, and several removed after one clause in order', () => {
		const { consultation, version } = start([A, B, C, D]);
		const v2 = nextVersion(consultation.id, [B, E]);
		expect(shape(compareVersions(t.db, version.id, v2.id, 'en').entries)).toEqual([
			['a', 'removed', false],
			['b', 'unchanged', false],
			['c', 'removed', false],
			['d', 'removed', false],
			['e', 'added', false]
		]);
	});

	it('marks only the clause that moved, not the ones it passed', () => {
		const { consultation, version } = start([A, B, C, D, E]);
		// D moved up between A and B: A, B, C, E kept their relative order.
		const v2 = nextVersion(consultation.id, [A, D, B, C, E]);
		const result = compareVersions(t.db, version.id, v2.id, 'en');
		expect(shape(result.entries)).toEqual([
			['a', 'unchanged', false],
			['d', 'moved', true],
			['b', 'unchanged', false],
			['c', 'unchanged', false],
			['e', 'unchanged', false]
		]);
		expect(result.entries[1].from!.position).toBe(3);
		expect(result.entries[1].to!.position).toBe(1);
		expect(result.summary.moved).toBe(1);
	});

	it('when two neighbours swap, marks the one that came forward', () => {
		const { consultation, version } = start([A, B, C, D]);
		const v2 = nextVersion(consultation.id, [A, C, B, D]);
		expect(shape(compareVersions(t.db, version.id, v2.id, 'en').entries)).toEqual([
			['a', 'unchanged', false],
			['c', 'moved', true],
			['b', 'unchanged', false],
			['d', 'unchanged', false]
		]);
	});

	it('gives modified clauses a word diff of heading and body', () => {
		const { consultation, version } = start([A, B]);
		const v2 = nextVersion(consultation.id, [A, ['b', 'Bravo revised', 'The second and better clause.']]);
		const result = compareVersions(t.db, version.id, v2.id, 'en');
		const b = result.entries[1];
		expect(b).toMatchObject({ key: 'b', status: 'modified', moved: false });
		expect(b.headingDiff).toEqual([
			{ text: 'Bravo ', change: 'same' },
			{ text: 'revised', change: 'added' }
		]);
		expect(b.bodyDiff).toEqual([
			{ text: 'The second ', change: 'same' },
			{ text: 'and better ', change: 'added' },
			{ text: 'clause.', change: 'same' }
		]);
		expect(result.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 1, unchanged: 1 });
	});

	it('calls a clause both moved and edited "modified", flagged as moved', () => {
		const { consultation, version } = start([A, B, C]);
		const v2 = nextVersion(consultation.id, [['c', 'Charlie', 'The third clause, now first.'], A, B]);
		const result = compareVersions(t.db, version.id, v2.id, 'en');
		expect(shape(result.entries)).toEqual([
			['c', 'modified', true],
			['a', 'unchanged', false],
			['b', 'unchanged', false]
		]);
		expect(joined(result.entries[0].bodyDiff, 'added')).toContain('now first');
		expect(result.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 1, unchanged: 2 });
	});

	it('diffs Arabic word by word', () => {
		const { consultation, version } = start([['respect', 'الاحترام المتبادل', 'عامل كل مشارك باحترام.']], { sourceLanguage: 'ar' });
		const v2 = nextVersion(consultation.id, [['respect', 'الاحترام المتبادل', 'عامل كل مشارك بلطف واحترام.']]);
		const [entry] = compareVersions(t.db, version.id, v2.id, 'ar').entries;
		expect(entry.status).toBe('modified');
		expect(entry.headingDiff).toEqual([{ text: 'الاحترام المتبادل', change: 'same' }]);
		expect(entry.bodyDiff).toEqual([
			{ text: 'عامل كل مشارك ', change: 'same' },
			{ text: 'باحترام', change: 'removed' },
			{ text: 'بلطف واحترام', change: 'added' },
			{ text: '.', change: 'same' }
		]);
	});

	it('diffs Chinese by words, though it has no spaces between them', () => {
		const { consultation, version } = start([['welcome', '欢迎', '我们欢迎所有人参与讨论。']], { sourceLanguage: 'zh-Hans' });
		const v2 = nextVersion(consultation.id, [['welcome', '欢迎', '我们欢迎每个人参与讨论。']]);
		const [entry] = compareVersions(t.db, version.id, v2.id, 'zh-Hans').entries;
		// Whole words: not the single characters 所有 / 每个 that a character diff would pick.
		expect(joined(entry.bodyDiff, 'removed')).toBe('所有人');
		expect(joined(entry.bodyDiff, 'added')).toBe('每个人');
		expect(joined(entry.bodyDiff, 'same')).toBe('我们欢迎|参与讨论。');
	});

	it('compares with an empty version: everything added, or everything removed', () => {
		const { consultation, version } = start([A, B]);
		const empty = t.db.insert(draftVersions).values({ consultationId: consultation.id, number: 2, status: 'draft' }).returning().get();
		const toEmpty = compareVersions(t.db, version.id, empty.id, 'en');
		expect(shape(toEmpty.entries)).toEqual([
			['a', 'removed', false],
			['b', 'removed', false]
		]);
		expect(toEmpty.summary).toEqual({ added: 0, removed: 2, moved: 0, modified: 0, unchanged: 0 });
		const fromEmpty = compareVersions(t.db, empty.id, version.id, 'en');
		expect(shape(fromEmpty.entries)).toEqual([
			['a', 'added', false],
			['b', 'added', false]
		]);
		expect(compareVersions(t.db, empty.id, empty.id, 'en')).toEqual({
			entries: [],
			summary: { added: 0, removed: 0, moved: 0, modified: 0, unchanged: 0 }
		});
	});

	it('compares backwards as well: what a newer version would need to become the older one', () => {
		const { consultation, version } = start([A, B]);
		const v2 = nextVersion(consultation.id, [A, C]);
		expect(shape(compareVersions(t.db, v2.id, version.id, 'en').entries)).toEqual([
			['a', 'unchanged', false],
			['c', 'removed', false],
			['b', 'added', false]
		]);
	});
});

describe('movedKeys', () => {
	const carried = (...positions: number[]) => positions.map((p, i) => ({ key: `k${i}`, fromPosition: p }));
	it('marks as few clauses as possible', () => {
		expect([...movedKeys(carried())]).toEqual([]);
		expect([...movedKeys(carried(0, 1, 2))]).toEqual([]);
		// Gaps (removed clauses) do not count as moves.
		expect([...movedKeys(carried(0, 4, 9))]).toEqual([]);
		// The last clause moved to the front: only it moved.
		expect([...movedKeys(carried(3, 0, 1, 2))]).toEqual(['k0']);
		// Reversed: all but one moved.
		expect(movedKeys(carried(2, 1, 0)).size).toBe(2);
	});
});

describe('wordDiff', () => {
	it('returns one part for equal texts and none for two empty ones', () => {
		expect(wordDiff('Same text.', 'Same text.', 'en')).toEqual([{ text: 'Same text.', change: 'same' }]);
		expect(wordDiff('', '', 'en')).toEqual([]);
		expect(wordDiff('', 'New.', 'en')).toEqual([{ text: 'New.', change: 'added' }]);
	});

	it('accepts a language tag Intl does not know', () => {
		expect(wordDiff('a b', 'a c', 'x-unknown-tag')).toEqual([
			{ text: 'a ', change: 'same' },
			{ text: 'b', change: 'removed' },
			{ text: 'c', change: 'added' }
		]);
	});
});

describe('clauseHistory', () => {
	it('lists the revisions newest first with their diffs and feedback, drafts only for the committee', () => {
		const { consultation, version } = start([A, B]);
		const v2 = nextVersion(consultation.id, [A, ['b', 'Bravo', 'The second clause, revised.']]);
		const v3 = nextVersion(consultation.id, [A, ['b', 'Bravo', 'The second clause, revised twice.']], false);
		const clauseId = findClauseId(t.db, consultation.id, 'b')!;
		expect(findClauseId(t.db, consultation.id, 'missing')).toBeUndefined();

		const revisionOf = (versionId: number) => listVersionClauses(t.db, versionId, 'en', 'en').find((c) => c.key === 'b')!.revisionId;
		const user = makeUser(t.db);
		const other = makeUser(t.db);
		setStance(t.db, { revisionId: revisionOf(version.id), userId: user.id, stance: 'oppose', reason: null, language: 'en' });
		setStance(t.db, { revisionId: revisionOf(version.id), userId: other.id, stance: 'oppose', reason: null, language: 'en' });
		setStance(t.db, { revisionId: revisionOf(v2.id), userId: user.id, stance: 'support', reason: null, language: 'en' });
		addComment(t.db, { revisionId: revisionOf(v2.id), authorId: other.id, language: 'en', body: 'Better.' });

		const published = clauseHistory(t.db, clauseId, { includeDrafts: false });
		expect(published.map((r) => [r.versionNumber, r.previousVersionNumber, r.changed])).toEqual([
			[2, 1, true],
			[1, null, false]
		]);
		expect(published[0]).toMatchObject({
			versionStatus: 'published',
			label: '2',
			heading: 'Bravo',
			body: 'The second clause, revised.',
			counts: { support: 1, oppose: 0, neutral: 0, comments: 1 }
		});
		expect(published[0].bodyDiff).toEqual([
			{ text: 'The second clause', change: 'same' },
			{ text: ', revised', change: 'added' },
			{ text: '.', change: 'same' }
		]);
		expect(published[1]).toMatchObject({ headingDiff: null, bodyDiff: null, counts: { support: 0, oppose: 2, neutral: 0, comments: 0 } });

		const withDraft = clauseHistory(t.db, clauseId, { includeDrafts: true });
		expect(withDraft.map((r) => [r.versionNumber, r.versionStatus])).toEqual([
			[v3.number, 'draft'],
			[2, 'published'],
			[1, 'published']
		]);
		expect(joined(withDraft[0].bodyDiff, 'added')).toBe('twice');
	});

	it('diffs a clause brought back against the last version that had it', () => {
		const { consultation } = start([A, B]);
		nextVersion(consultation.id, [A]);
		nextVersion(consultation.id, [A, ['b', 'Bravo', 'The second clause is back.']]);
		const history = clauseHistory(t.db, findClauseId(t.db, consultation.id, 'b')!, { includeDrafts: false });
		expect(history.map((r) => [r.versionNumber, r.previousVersionNumber, r.changed])).toEqual([
			[3, 1, true],
			[1, null, false]
		]);
		const aHistory = clauseHistory(t.db, findClauseId(t.db, consultation.id, 'a')!, { includeDrafts: false });
		expect(aHistory.map((r) => r.changed)).toEqual([false, false, false]);
		expect(aHistory[0].bodyDiff).toEqual([{ text: 'The first clause.', change: 'same' }]);
	});
});

describe('visible versions and the default comparison', () => {
	it('lists published versions with clause counts, and the draft for the committee', () => {
		const { consultation } = start([A, B]);
		nextVersion(consultation.id, [A, B, C]);
		nextVersion(consultation.id, [A], false);
		expect(visibleVersions(t.db, consultation.id, false).map((v) => [v.number, v.clauseCount])).toEqual([
			[2, 3],
			[1, 2]
		]);
		expect(visibleVersions(t.db, consultation.id, true).map((v) => [v.number, v.status, v.clauseCount])).toEqual([
			[3, 'draft', 1],
			[2, 'published', 3],
			[1, 'published', 2]
		]);
	});

	it('defaults to the current version against the one before it', () => {
		const none = { from: null, to: null };
		expect(defaultComparison([1], 1, none)).toBeNull();
		expect(defaultComparison([1, 2, 3], 3, none)).toEqual({ from: 2, to: 3 });
		// The committee with version 1 published and its draft 2: the draft against version 1.
		expect(defaultComparison([1, 2], 1, none)).toEqual({ from: 1, to: 2 });
		// Only drafts visible (no published version): the latest against the one before.
		expect(defaultComparison([1, 2], null, none)).toEqual({ from: 1, to: 2 });
		expect(defaultComparison([1, 2, 3], 3, { from: null, to: 2 })).toEqual({ from: 1, to: 2 });
		expect(defaultComparison([1, 2, 3], 3, { from: null, to: 1 })).toEqual({ from: 2, to: 1 });
		expect(defaultComparison([1, 2, 3], 3, { from: 1, to: null })).toEqual({ from: 1, to: 3 });
		expect(defaultComparison([1, 2, 3], 3, { from: 3, to: null })).toEqual({ from: 3, to: 2 });
		expect(defaultComparison([1, 2, 3], 3, { from: 3, to: 1 })).toEqual({ from: 3, to: 1 });
	});
});
