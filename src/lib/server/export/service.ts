// Running an export: a snapshot of the database, the reader over it, the format's writer, and the
// chunks it produces — as a web ReadableStream for the download route (pulled as the client reads,
// so memory stays bounded and the download starts at once) or as an async iterable for the CLI.
import type { TFunction } from 'i18next';
import type { DB } from '../db';
import { csvChunks } from './csv';
import { jsonChunks } from './json';
import type { ExportFormat, ExportSelection } from './model';
import { markdownSyntax, reportChunks, wikitextSyntax } from './report';
import { ExportReader, openSnapshot, type Connection } from './source';

export interface WriteOptions {
	/** CSV for spreadsheet programs: a byte-order mark. */
	spreadsheet: boolean;
	/** CSV cells exactly as written, formulas included (the committee's choice); neutralised by default. */
	raw?: boolean;
	/** The reports' language. */
	t: TFunction;
	locale: string;
}

/** The chunks of an export in one format, as its writer produces them from `reader`. */
export function formatChunks(reader: ExportReader, format: ExportFormat, options: WriteOptions): AsyncGenerator<string | Uint8Array> {
	switch (format) {
		case 'csv':
			return csvChunks(reader, { spreadsheet: options.spreadsheet, raw: options.raw ?? false });
		case 'json':
			return jsonChunks(reader);
		case 'xlsx':
			return lazyXlsx(reader);
		case 'markdown':
			return reportChunks(reader, markdownSyntax, options);
		case 'wikitext':
			return reportChunks(reader, wikitextSyntax, options);
	}
}

/** exceljs (and the zip library under it) is loaded when a workbook is first asked for, not with every export. */
async function* lazyXlsx(reader: ExportReader): AsyncGenerator<Uint8Array> {
	const { xlsxChunks } = await import('./xlsx');
	yield* xlsxChunks(reader);
}

/**
 * An export's bytes, read from a snapshot of `db` taken now: the snapshot closes when the chunks
 * end, fail, or the consumer stops early (`return()`).
 */
export async function* exportBytes(db: DB, selection: ExportSelection, format: ExportFormat, options: WriteOptions): AsyncGenerator<Uint8Array> {
	const snapshot = openSnapshot(db);
	const encoder = new TextEncoder();
	try {
		for await (const chunk of formatChunks(new ExportReader(snapshot, selection), format, options)) {
			yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
		}
	} finally {
		snapshot.close();
	}
}

/** Bytes handed to the response per pull: the writer runs until it has produced about this much. */
const PULL_BYTES = 64 * 1024;

/** A ReadableStream over exportBytes(): each pull runs the writer a little further; cancelling (the client went away) stops it. */
export function exportStream(
	db: DB,
	selection: ExportSelection,
	format: ExportFormat,
	options: WriteOptions & { onEnd?: () => void }
): ReadableStream<Uint8Array> {
	const bytes = exportBytes(db, selection, format, options);
	let cancelled = false;
	let ended = false;
	const end = () => {
		if (ended) return;
		ended = true;
		options.onEnd?.();
	};
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				let size = 0;
				while (size < PULL_BYTES) {
					const next = await bytes.next();
					// The client went away while the writer was working.
					if (cancelled) return;
					if (next.done) {
						end();
						controller.close();
						return;
					}
					controller.enqueue(next.value);
					size += next.value.byteLength;
				}
			} catch (e) {
				end();
				if (cancelled) return;
				console.error('export failed:', e);
				controller.error(e);
			}
		},
		async cancel() {
			cancelled = true;
			try {
				await bytes.return(undefined);
			} finally {
				end();
			}
		}
	});
}

/** Counts for the export page: on the application's own connection (a few aggregate reads, no iterator). */
export function countExport(connection: Connection, selection: ExportSelection) {
	return new ExportReader(connection, selection).counts();
}

/**
 * Exports read a lot: at most this many run at once in a server process (EXPORT_CONCURRENCY,
 * default 4); past it, the download is refused with 503 and asked to be retried.
 */
export function exportConcurrency(): number {
	const n = Number(process.env.EXPORT_CONCURRENCY);
	return Number.isInteger(n) && n > 0 ? n : 4;
}

let running = 0;

/** A slot for one export, or null when all are taken; call the returned function when the export ends. */
export function takeExportSlot(): (() => void) | null {
	if (running >= exportConcurrency()) return null;
	running++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		running--;
	};
}
