import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeConsultation, SAMPLE_DRAFT, type TestDb } from '../../../../tests/support/db';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { fieldErrorKeys } from '../validation';
import { exportFilename } from './model';
import { clauseKeysOf, ExportError, exportFilters, exportFormat, exportQueryValues, filtersOf, resolveSelection } from './query';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

/** The filters of a query string, checked: the first problem's message key, or the data. */
function filters(query: string) {
	const result = exportFilters.safeParse(exportQueryValues(new URLSearchParams(query)));
	return result.success ? { ok: true as const, data: result.data } : { ok: false as const, keys: fieldErrorKeys(result.error) };
}

function refusal(fn: () => unknown): { code: string; field: string; params: Record<string, string> } {
	try {
		fn();
	} catch (e) {
		if (e instanceof ExportError) return { code: e.code, field: e.field, params: e.params };
		throw e;
	}
	throw new Error('expected an ExportError');
}

function withDraftVersion2() {
	const { consultation, version } = makeConsultation(t.db, { languages: ['es', 'ar'] });
	const parsed = parseDraft(SAMPLE_DRAFT.replace('## 3 Reporting {#reporting}', '## 3 Reporting {#reporting}\n\nMore.\n\n## 4 Appeals {#appeals}'), 2);
	const draft = importVersion(t.db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: false, createdBy: null });
	return { consultation, version, draft };
}

describe('export parameters', () => {
	it('accept the documented values, a repeated or comma-separated clause list, and empty fields as "not given"', () => {
		expect(exportFormat.safeParse('xlsx').success).toBe(true);
		expect(exportFormat.safeParse('pdf').error?.issues[0].message).toBe('errors.exportFormat');
		const parsed = filters('version=2&lang=pt-br&clauses=purpose,respect&clauses=reporting&from=2026-01-31&to=2026-02-28&bom=1&raw=1');
		expect(parsed).toEqual({
			ok: true,
			data: { version: '2', lang: 'pt-BR', clauses: ['purpose', 'respect', 'reporting'], from: '2026-01-31', to: '2026-02-28', bom: true, raw: true }
		});
		expect(filters('version=&lang=&from=&to=')).toEqual({
			ok: true,
			data: { version: null, lang: null, clauses: [], from: null, to: null, bom: false, raw: false }
		});
		expect(filters('version=all')).toMatchObject({ ok: true, data: { version: 'all' } });
	});

	it('refuse malformed values with a message key per field', () => {
		expect(filters('version=0')).toEqual({ ok: false, keys: { version: 'errors.exportVersion' } });
		expect(filters('version=two')).toEqual({ ok: false, keys: { version: 'errors.exportVersion' } });
		expect(filters('lang=not a tag!')).toEqual({ ok: false, keys: { lang: 'errors.languageInvalid' } });
		expect(filters('clauses=Purpose')).toEqual({ ok: false, keys: { clauses: 'errors.exportClauseKey' } });
		expect(filters('from=2026-02-30')).toEqual({ ok: false, keys: { from: 'errors.exportDate' } });
		expect(filters('to=31/01/2026')).toEqual({ ok: false, keys: { to: 'errors.exportDate' } });
		expect(filters('from=2026-03-01&to=2026-02-01')).toEqual({ ok: false, keys: { to: 'errors.exportDateOrder' } });
		expect(filters('bom=maybe')).toEqual({ ok: false, keys: { bom: 'errors.invalid' } });
		expect(filters('raw=yes')).toEqual({ ok: false, keys: { raw: 'errors.invalid' } });
	});
});

describe('resolving a selection', () => {
	it('takes the current version by default, and a draft only for the committee', () => {
		const { consultation, draft } = withDraftVersion2();
		const none = exportFilters.parse({ clauses: [] });
		const resolve = (audience: 'public' | 'committee', version: string | null) =>
			resolveSelection(t.db, consultation, { ...none, version }, { audience, baseUrl: 'https://example.org/' });

		expect(resolve('public', null).versions.map((v) => v.number)).toEqual([1]);
		// The committee's default is the current (published) version too, not its draft.
		expect(resolve('committee', null).versions.map((v) => v.number)).toEqual([1]);
		expect(resolve('committee', String(draft.number)).versions.map((v) => v.number)).toEqual([2]);
		expect(refusal(() => resolve('public', '2'))).toMatchObject({ code: 'errors.exportVersion', field: 'version' });
		expect(refusal(() => resolve('committee', '3'))).toMatchObject({ code: 'errors.exportVersion', field: 'version' });
		expect(resolve('public', 'all').versions.map((v) => v.number)).toEqual([1]);
		expect(resolve('committee', 'all').versions.map((v) => v.number)).toEqual([1, 2]);
		expect(resolve('public', null).baseUrl).toBe('https://example.org');
	});

	it('refuses a language the consultation does not run in and a clause the exported versions do not have', () => {
		const { consultation } = withDraftVersion2();
		const base = exportFilters.parse({ clauses: [] });
		const options = { audience: 'committee' as const, baseUrl: '' };
		expect(refusal(() => resolveSelection(t.db, consultation, { ...base, lang: 'fr' }, options))).toEqual({
			code: 'errors.exportLanguage',
			field: 'lang',
			params: { language: 'fr' }
		});
		expect(refusal(() => resolveSelection(t.db, consultation, { ...base, clauses: ['purpose', 'appeals'] }, options))).toEqual({
			code: 'errors.exportClause',
			field: 'clauses',
			params: { key: 'appeals' }
		});
		// The draft has it: so do exports of the draft, or of every version.
		expect(resolveSelection(t.db, consultation, { ...base, version: '2', clauses: ['appeals'] }, options).clauseKeys).toEqual(['appeals']);
		expect(resolveSelection(t.db, consultation, { ...base, version: 'all', clauses: ['appeals', 'appeals'] }, options).clauseKeys).toEqual(['appeals']);
		expect(clauseKeysOf(t.db, [1, 2]).map((c) => c.key)).toEqual(['purpose', 'respect', 'reporting', 'appeals']);
	});

	it('turns days into a half-open range of UTC milliseconds, and gives them back for the record', () => {
		const { consultation } = withDraftVersion2();
		const selection = resolveSelection(
			t.db,
			consultation,
			exportFilters.parse({ clauses: [], from: '2026-03-01', to: '2026-03-31', lang: 'ar' }),
			{ audience: 'public', baseUrl: '', now: Date.UTC(2026, 3, 2, 12) }
		);
		expect(selection.from).toBe(Date.UTC(2026, 2, 1));
		expect(selection.to).toBe(Date.UTC(2026, 3, 1));
		expect(filtersOf(selection)).toEqual({ version: '1', language: 'ar', clauses: null, from: '2026-03-01', to: '2026-03-31' });
		expect(exportFilename(selection, 'xlsx')).toBe(`polyphony-${consultation.slug}-v1-2026-04-02.xlsx`);
		expect(exportFilename({ ...selection, allVersions: true }, 'wikitext')).toBe(`polyphony-${consultation.slug}-all-2026-04-02.wiki`);
		expect(exportFilename(selection, 'markdown')).toMatch(/\.md$/);
	});

	it('has nothing to export before the first version is published', () => {
		const { consultation } = makeConsultation(t.db, { publish: false });
		const none = exportFilters.parse({ clauses: [] });
		expect(refusal(() => resolveSelection(t.db, consultation, none, { audience: 'public', baseUrl: '' }))).toMatchObject({
			code: 'errors.exportNoVersion'
		});
		expect(resolveSelection(t.db, consultation, none, { audience: 'committee', baseUrl: '' }).versions).toHaveLength(1);
	});
});
