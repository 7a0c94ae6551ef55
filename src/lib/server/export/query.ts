// The export's parameters — from the URL (`?format=…&version=…&lang=…&clauses=…&from=…&to=…`), the
// export page's GET form or the command line — checked, then resolved against the consultation
// for one audience: which versions, clauses and community the export covers.
import { z } from 'zod';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, draftVersions, type Consultation, type DraftVersion } from '../db/schema';
import { languageTag } from '../validation';
import { EXPORT_FORMATS, type Audience, type ExportFilters, type ExportSelection } from './model';

/** A refused parameter: the message key (with its values) and the field it concerns. */
export class ExportError extends Error {
	constructor(
		public readonly code: string,
		public readonly field: string,
		public readonly params: Record<string, string> = {}
	) {
		super(code);
	}
}

const DAY = 24 * 60 * 60 * 1000;
/** At most this many clause keys in one request (a consultation has far fewer). */
export const MAX_CLAUSE_KEYS = 500;
const CLAUSE_KEY = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A select or field left empty sends an empty value. */
const blankIsNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** `YYYY-MM-DD`, a real calendar day. */
const isoDay = z.string().refine(
	(s) => {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
		const ms = Date.parse(`${s}T00:00:00Z`);
		return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === s;
	},
	{ error: 'errors.exportDate' }
);

/** A checkbox (`1`, `on`, `true`) or its absence; `0` and `false` also mean off. */
const checkbox = z
	.preprocess(blankIsNull, z.enum(['1', 'on', 'true', '0', 'false'], { error: 'errors.invalid' }).nullable())
	.transform((v) => v === '1' || v === 'on' || v === 'true');

export const exportFormat = z.enum(EXPORT_FORMATS, { error: 'errors.exportFormat' });

/** Everything but the format: the export page counts the items of a selection before any format is chosen. */
export const exportFilters = z
	.object({
		version: z.preprocess(
			blankIsNull,
			z
				.string({ error: 'errors.exportVersion' })
				.regex(/^(all|[1-9][0-9]{0,8})$/, { error: 'errors.exportVersion' })
				.nullable()
		),
		lang: z.preprocess(blankIsNull, languageTag.nullable()),
		clauses: z
			.array(z.string().regex(CLAUSE_KEY, { error: 'errors.exportClauseKey' }))
			.max(MAX_CLAUSE_KEYS, { error: 'errors.exportClauseKey' }),
		from: z.preprocess(blankIsNull, isoDay.nullable()),
		to: z.preprocess(blankIsNull, isoDay.nullable()),
		/** CSV for spreadsheet programs: a byte-order mark. A checkbox. */
		bom: checkbox,
		/**
		 * CSV cells exactly as written, formulas included (by default they are neutralised). The
		 * committee's alone: the download refuses it to anyone else (errors.exportRaw).
		 */
		raw: checkbox
	})
	.refine((q) => q.from === null || q.to === null || q.from <= q.to, { error: 'errors.exportDateOrder', path: ['to'] });

export type ExportFilterInput = z.output<typeof exportFilters>;

/**
 * The raw values of the export parameters in a URL. `clauses` may repeat (`clauses=a&clauses=b`, as
 * a form's checkboxes send it) or hold a comma-separated list (`clauses=a,b`).
 */
export function exportQueryValues(params: URLSearchParams): Record<string, unknown> {
	const single = (name: string) => (params.has(name) ? params.get(name)! : undefined);
	return {
		format: single('format'),
		version: single('version'),
		lang: single('lang'),
		clauses: params
			.getAll('clauses')
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter(Boolean),
		from: single('from'),
		to: single('to'),
		bom: single('bom'),
		raw: single('raw')
	};
}

/** The versions a reader may export: published ones, and for the committee the draft too; oldest first. */
export function exportableVersions(db: Queryable, consultationId: number, audience: Audience): DraftVersion[] {
	return db
		.select()
		.from(draftVersions)
		.where(eq(draftVersions.consultationId, consultationId))
		.orderBy(asc(draftVersions.number))
		.all()
		.filter((v) => v.status === 'published' || audience === 'committee');
}

/** The version exported when none is named: the current (latest published) one, else for the committee its draft. */
export function defaultVersion(versions: DraftVersion[]): DraftVersion | undefined {
	return versions.filter((v) => v.status === 'published').at(-1) ?? versions.at(-1);
}

/**
 * The clauses of some versions, one per key: those of the latest version first, in its draft order,
 * then those only earlier versions have (with their latest label and heading).
 */
export function clauseKeysOf(db: Queryable, versionIds: number[]): { key: string; label: string; heading: string }[] {
	if (versionIds.length === 0) return [];
	const rows = db
		.select({ key: clauses.key, label: clauseRevisions.label, heading: clauseRevisions.heading })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(inArray(clauseRevisions.versionId, versionIds))
		.orderBy(desc(draftVersions.number), asc(clauseRevisions.position))
		.all();
	const seen = new Set<string>();
	return rows.filter((r) => !seen.has(r.key) && seen.add(r.key));
}

/** The first day of `from`, and the day after `to`, in ms (UTC). */
function dayStart(day: string | null): number | null {
	return day === null ? null : Date.parse(`${day}T00:00:00Z`);
}

/**
 * What an export covers, for an audience: throws ExportError for a version the reader may not see
 * (a draft is "unknown" to anyone but the committee), a language the consultation does not run in,
 * a clause the exported versions do not have, or no version to export at all.
 */
export function resolveSelection(
	db: Queryable,
	consultation: Consultation,
	filters: ExportFilterInput,
	options: { audience: Audience; baseUrl: string; now?: number }
): ExportSelection {
	const visible = exportableVersions(db, consultation.id, options.audience);
	let versions: DraftVersion[];
	if (filters.version === 'all') {
		versions = visible;
	} else if (filters.version === null) {
		const version = defaultVersion(visible);
		versions = version ? [version] : [];
	} else {
		const version = visible.find((v) => v.number === Number(filters.version));
		if (!version) throw new ExportError('errors.exportVersion', 'version', { version: filters.version });
		versions = [version];
	}
	if (versions.length === 0) throw new ExportError('errors.exportNoVersion', 'version');

	if (filters.lang !== null && !consultation.languages.includes(filters.lang)) {
		throw new ExportError('errors.exportLanguage', 'lang', { language: filters.lang });
	}

	let clauseKeys: string[] | null = null;
	if (filters.clauses.length > 0) {
		const known = new Set(clauseKeysOf(db, versions.map((v) => v.id)).map((c) => c.key));
		const unknown = filters.clauses.find((k) => !known.has(k));
		if (unknown !== undefined) throw new ExportError('errors.exportClause', 'clauses', { key: unknown });
		clauseKeys = [...new Set(filters.clauses)];
	}

	const to = dayStart(filters.to);
	return {
		consultation,
		audience: options.audience,
		versions,
		allVersions: filters.version === 'all',
		community: filters.lang,
		clauseKeys,
		from: dayStart(filters.from),
		to: to === null ? null : to + DAY,
		baseUrl: options.baseUrl.replace(/\/+$/, ''),
		generatedAt: options.now ?? Date.now()
	};
}

/** The parameters as given, for the record inside an export. */
export function filtersOf(selection: ExportSelection): ExportFilters {
	const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
	return {
		version: selection.allVersions ? 'all' : String(selection.versions[0]?.number ?? ''),
		language: selection.community,
		clauses: selection.clauseKeys,
		from: day(selection.from),
		to: selection.to === null ? null : day(selection.to - DAY)
	};
}
