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
 * The CSV, chunk by chunk. `spreadsheet` makes it for spreadsheet programs: a byte-order mark (so
 * that they read UTF-8), and a leading apostrophe before text they would otherwise run as a formula.
 */
export async function* csvChunks(reader: ExportReader, options: { spreadsheet: boolean }): AsyncGenerator<string> {
	const { selection } = reader;
	const committee = selection.audience === 'committee';
	const slug = selection.consultation.slug;
	// csv-stringify's escape_formulas: an apostrophe before text starting with = + - @ tab or carriage return.
	const write = (rows: Cell[][]) => stringify(rows, { escape_formulas: options.spreadsheet });
	// Written in small batches, handed on in chunks of about CHUNK characters (each chunk is a write to the socket).
	let out = (options.spreadsheet ? '\uFEFF' : '') + write([csvColumns(selection.audience)]);
	let batch: Cell[][] = [];
	for (const version of selection.versions) {
		for (const head of reader.clauses(version)) {
			for (const item of reader.items(head)) {
				batch.push(csvRow(item, slug, committee));
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
