// CSV: one row per feedback item, written with csv-stringify in batches as the reader yields them.
import { stringify } from 'csv-stringify/sync';
import type { ExportSelection, FeedbackItem } from './model';
import { isoTime, NO_TRANSLATIONS } from './model';
import type { ExportReader } from './source';

/** The columns of both exports, in order; the committee's adds COMMITTEE_COLUMNS after them. */
export const CSV_COLUMNS = [
	'kind',
	'id',
	'parent_id',
	'consultation',
	'version',
	'clause_key',
	'clause_label',
	'community',
	'language',
	'author',
	'author_status',
	'stance',
	'text',
	'translations',
	'reported_support',
	'reported_oppose',
	'reported_neutral',
	'created_at',
	'updated_at',
	'response_status',
	'acted_in_version',
	'deleted',
	'link'
] as const;

export const COMMITTEE_COLUMNS = ['affiliation', 'visibility', 'moderation', 'moderation_reason'] as const;

export function csvColumns(audience: ExportSelection['audience']): string[] {
	return audience === 'committee' ? [...CSV_COLUMNS, ...COMMITTEE_COLUMNS] : [...CSV_COLUMNS];
}

/**
 * Rows per csv-stringify call. Small batches are faster here: a batch that lives through several
 * young-generation garbage collections gets copied into the old generation, which costs more than
 * the calls saved.
 */
const BATCH = 50;
const CHUNK = 64 * 1024;

/** An empty cell is `undefined`: csv-stringify writes nothing for it, and handles it faster than ''. */
type Cell = string | number | undefined;

/** The cells of an item's row, in CSV_COLUMNS (+ COMMITTEE_COLUMNS) order. */
export function csvRow(item: FeedbackItem, slug: string, committee: boolean): Cell[] {
	const reported = item.reported;
	const row: Cell[] = [
		item.kind,
		item.id,
		item.parentId ?? undefined,
		slug,
		item.versionNumber,
		item.clauseKey,
		item.clauseLabel,
		item.community || undefined,
		item.language,
		item.authorStatus === 'anonymous' ? 'anonymous' : (item.author ?? undefined),
		item.authorStatus,
		item.stance ?? undefined,
		item.text || undefined,
		item.translations === NO_TRANSLATIONS || Object.keys(item.translations).length === 0 ? undefined : JSON.stringify(item.translations),
		reported?.support ?? undefined,
		reported?.oppose ?? undefined,
		reported?.neutral ?? undefined,
		isoTime(item.createdAt)!,
		isoTime(item.updatedAt)!,
		item.responseStatus ?? undefined,
		item.actedInVersion ?? undefined,
		item.deleted ? 'true' : 'false',
		item.link
	];
	if (committee) row.push(item.affiliation ?? undefined, item.visibility, item.moderation ?? undefined, item.moderationReason ?? undefined);
	return row;
}

/**
 * Text a spreadsheet program would run as a formula: it starts — perhaps after whitespace, which
 * some programs skip — with = + - @ (or their full-width forms ＝ ＋ － ＠, which some also read as
 * formulas), or with a tab or carriage return (OWASP's list). csv-stringify's escape_formulas looks at
 * the first character only, and not at the full-width signs.
 */
const FORMULA = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/** A cell a spreadsheet will show as text: an apostrophe before one that would run as a formula (OWASP). */
export function neutraliseFormula(cell: string): string {
	// Most cells start with a letter: skip the pattern for them (the CSV writes millions of cells).
	const first = cell.charCodeAt(0);
	if (first > 0x40 && first < 0xa0) return cell;
	return FORMULA.test(cell) ? `'${cell}` : cell;
}

function neutraliseRow(row: Cell[]): Cell[] {
	for (let i = 0; i < row.length; i++) {
		const cell = row[i];
		if (typeof cell === 'string' && cell !== '') row[i] = neutraliseFormula(cell);
	}
	return row;
}

export interface CsvOptions {
	/** For spreadsheet programs: a byte-order mark first, so that they read UTF-8. */
	spreadsheet: boolean;
	/**
	 * Cells exactly as written, formulas included: the committee's choice (a visitor's request is
	 * refused before it gets here). By default every cell that would run as a formula is neutralised.
	 */
	raw: boolean;
}

/** The CSV, chunk by chunk. */
// eslint-disable-next-line @typescript-eslint/require-await -- every format's writer is an AsyncGenerator (formatChunks); XLSX's awaits
export async function* csvChunks(reader: ExportReader, options: CsvOptions): AsyncGenerator<string> {
	const { selection } = reader;
	const committee = selection.audience === 'committee';
	const slug = selection.consultation.slug;
	const write = (rows: Cell[][]) => stringify(rows);
	const row = options.raw ? csvRow : (item: FeedbackItem, slug: string, committee: boolean) => neutraliseRow(csvRow(item, slug, committee));
	// Written in small batches, handed on in chunks of about CHUNK characters (each chunk is a write to the socket).
	let out = (options.spreadsheet ? '\uFEFF' : '') + write([csvColumns(selection.audience)]);
	let batch: Cell[][] = [];
	for (const version of selection.versions) {
		for (const head of reader.clauses(version)) {
			for (const item of reader.items(head)) {
				batch.push(row(item, slug, committee));
				if (batch.length === BATCH) {
					out += write(batch);
					batch = [];
					if (out.length >= CHUNK) {
						yield out;
						out = '';
					}
				}
			}
		}
	}
	if (batch.length > 0) out += write(batch);
	yield out;
}
