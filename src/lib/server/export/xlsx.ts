// XLSX with exceljs's streaming writer: sheets Clauses, Tallies, Reasons, Comments, Liaison
// summaries and Responses, each written row by row and committed in turn, with a frozen header row,
// filters, column widths, and right-to-left text aligned and ordered as such.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { directionOf } from '../../i18n/locales';
import type { ClauseHead, FeedbackItem, ItemKind } from './model';
import type { ExportReader } from './source';

export const SHEETS = {
	clauses: 'Clauses',
	tallies: 'Tallies',
	reasons: 'Reasons',
	comments: 'Comments',
	liaison: 'Liaison summaries',
	responses: 'Responses'
} as const;

/** Excel's limits: rows per sheet (the rest continues on "Comments (2)"…), characters per cell. */
export const MAX_ROWS = 1_048_576;
export const MAX_CELL = 32_767;

interface Column {
	key: string;
	width: number;
	/** Text written by people (wrapped, and aligned right-to-left in right-to-left languages). */
	text?: boolean;
	numFmt?: string;
}

const DATE = 'yyyy-mm-dd hh:mm:ss';
const PERCENT = '0%';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function cellText(value: string): string {
	const clean = value.replace(NOT_XML, '');
	return clean.length > MAX_CELL ? clean.slice(0, MAX_CELL - 1) + '…' : clean;
}

function date(ms: number | null): Date | null {
	return ms === null ? null : new Date(ms);
}

/**
 * Links are plain text. exceljs's streaming writer keeps every hyperlink of a sheet (and, it turns
 * out, every formula) in memory until the sheet ends: with a million rows that is what a spreadsheet
 * would cost in memory, not what a stream should.
 */
function link(url: string): string {
	return url;
}

const directions = new Map<string, 'ltr' | 'rtl'>();
function direction(language: string): 'ltr' | 'rtl' {
	let dir = directions.get(language);
	if (!dir) {
		dir = directionOf(language);
		directions.set(language, dir);
	}
	return dir;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
	font: { bold: true },
	fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } },
	alignment: { vertical: 'middle' }
};
const TEXT_LTR: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const TEXT_RTL: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true, horizontal: 'right', readingOrder: 'rtl' };

/** Streams one workbook into `out`, one sheet after another (a streamed workbook writes its sheets in order). */
class Book {
	readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
	private sheet: ExcelJS.Worksheet | null = null;
	private columns: Column[] = [];
	/** One style object per column, shared by its cells: exceljs recognises a style object it has seen and skips rendering it again. */
	private styles: Partial<ExcelJS.Style>[] = [];
	private rtlStyles: Partial<ExcelJS.Style>[] = [];
	private name = '';
	private part = 1;
	private rows = 0;

	constructor(
		out: PassThrough,
		private readonly rightToLeft: boolean,
		generatedAt: number
	) {
		// Inline strings, not a shared-string table: that table would hold every text in memory until the end.
		this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
		this.workbook.creator = 'Polyphony';
		this.workbook.created = new Date(generatedAt);
	}

	start(name: string, columns: Column[]): void {
		this.end();
		this.name = name;
		this.columns = columns;
		this.styles = columns.map((c) => (c.numFmt ? { numFmt: c.numFmt } : c.text ? { alignment: TEXT_LTR } : {}));
		this.rtlStyles = columns.map((c, i) => (c.text ? { alignment: TEXT_RTL } : this.styles[i]));
		this.part = 1;
		this.open();
	}

	private open(): void {
		const title = this.part === 1 ? this.name : `${this.name} (${this.part})`;
		const sheet = this.workbook.addWorksheet(title, {
			views: [{ state: 'frozen', xSplit: 0, ySplit: 1, rightToLeft: this.rightToLeft }]
		});
		sheet.columns = this.columns.map((c, i) => ({ key: c.key, width: c.width, style: this.styles[i] }));
		const header = sheet.addRow(this.columns.map((c) => c.key));
		header.eachCell((cell) => (cell.style = HEADER_STYLE));
		header.commit();
		this.sheet = sheet;
		this.rows = 1;
	}

	/**
	 * Adds a row; `language` is the language of its text cells, `cellLanguages` that of the text
	 * cells (by column key) written in another language.
	 */
	add(values: Record<string, unknown>, language: string | null = null, cellLanguages?: Record<string, string>): void {
		if (this.rows === MAX_ROWS) {
			this.end();
			this.part++;
			this.open();
		}
		const row = this.sheet!.addRow(this.columns.map((c) => values[c.key] ?? null));
		// Right-to-left text reads right to left and sits at the right of its cell.
		let styles = language !== null && direction(language) === 'rtl' ? this.rtlStyles : this.styles;
		if (cellLanguages) {
			styles = styles.slice();
			for (const [key, tag] of Object.entries(cellLanguages)) {
				const i = this.columns.findIndex((c) => c.key === key);
				if (i >= 0) styles[i] = (direction(tag) === 'rtl' ? this.rtlStyles : this.styles)[i];
			}
		}
		row.eachCell((cell, column) => (cell.style = styles[column - 1]));
		row.commit();
		this.rows++;
	}

	/**
	 * Bytes of the current sheet's XML that the zip has not taken yet. exceljs writes a sheet into a
	 * stream that archiver buffers without limit until it gets round to compressing it, so the writer
	 * waits whenever this grows (it reads exceljs 4.4's internals: the sheet's stream and its pipe).
	 */
	pendingBytes(): number {
		type Buffered = { _writableState?: { length: number }; _readableState?: { length: number } };
		const stream = (this.sheet as unknown as { stream?: { pipes?: Buffered[]; buffers?: unknown[]; bufSize?: number } } | null)?.stream;
		if (!stream) return 0;
		// The pipe is a PassThrough of archiver's own readable-stream, older than Node's `writableLength`.
		const pipe = stream.pipes?.[0];
		return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0) + (stream.buffers?.length ?? 0) * (stream.bufSize ?? 0);
	}

	end(): void {
		if (!this.sheet) return;
		this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rows, column: this.columns.length } };
		this.sheet.commit();
		this.sheet = null;
	}
}

const text = (key: string, width = 60): Column => ({ key, width, text: true });
const plain = (key: string, width = 14): Column => ({ key, width });
const number = (key: string, width = 10): Column => ({ key, width, numFmt: '#,##0' });
const time = (key: string): Column => ({ key, width: 20, numFmt: DATE });

export function clauseColumns(): Column[] {
	return [
		number('version', 8),
		plain('clause_key', 18),
		plain('clause_label', 10),
		number('position', 8),
		text('heading', 40),
		text('body', 80),
		plain('translations', 24),
		number('support'),
		number('oppose'),
		number('neutral'),
		number('votes'),
		number('comments'),
		number('participants', 12),
		{ key: 'pooled_support', width: 14, numFmt: PERCENT },
		{ key: 'balanced_support', width: 16, numFmt: PERCENT },
		{ key: 'consensus', width: 12, numFmt: '0.000' },
		{ key: 'divergence', width: 12, numFmt: '0.00' },
		plain('most_supportive', 16),
		plain('least_supportive', 16),
		number('communities_weighed', 20),
		plain('link', 50)
	];
}

export function tallyColumns(): Column[] {
	return [
		number('version', 8),
		plain('clause_key', 18),
		plain('clause_label', 10),
		plain('source', 16),
		plain('community', 12),
		number('support'),
		number('oppose'),
		number('neutral'),
		number('votes'),
		{ key: 'support_share', width: 14, numFmt: PERCENT },
		number('comments'),
		number('participants', 12),
		plain('weighed', 10),
		{ key: 'pooled_support', width: 14, numFmt: PERCENT },
		{ key: 'balanced_support', width: 16, numFmt: PERCENT },
		{ key: 'consensus', width: 12, numFmt: '0.000' },
		{ key: 'divergence', width: 12, numFmt: '0.00' }
	];
}

function itemColumns(committee: boolean, middle: Column[]): Column[] {
	return [
		number('version', 8),
		plain('clause_key', 18),
		plain('clause_label', 10),
		plain('id', 22),
		...middle,
		time('created_at'),
		time('updated_at'),
		plain('link', 50),
		...(committee ? [plain('affiliation'), plain('visibility', 16), plain('moderation', 12), text('moderation_reason', 30)] : [])
	];
}

export function reasonColumns(committee: boolean): Column[] {
	return itemColumns(committee, [plain('community', 12), plain('language', 10), text('author', 22), plain('author_status', 16), plain('stance', 10), text('reason', 60), text('translations', 50)]);
}

export function commentColumns(committee: boolean): Column[] {
	return itemColumns(committee, [
		plain('kind', 10),
		plain('parent_id', 16),
		plain('community', 12),
		plain('language', 10),
		text('author', 22),
		plain('author_status', 16),
		text('text', 80),
		text('translations', 50),
		plain('response_status', 16),
		number('acted_in_version', 16),
		plain('deleted', 10)
	]);
}

export function liaisonColumns(committee: boolean): Column[] {
	return [
		number('version', 8),
		plain('kind', 16),
		plain('id', 22),
		plain('parent_id', 20),
		plain('community', 12),
		plain('language', 10),
		text('author', 22),
		plain('clause_key', 18),
		plain('clause_label', 10),
		text('channels', 40),
		number('participants', 12),
		number('support'),
		number('oppose'),
		number('neutral'),
		text('text', 80),
		text('translation', 60),
		plain('translation_language', 12),
		// A quote's translations by language (the liaison's own and people's since), as on the Comments sheet.
		text('translations', 50),
		// The committee's response to the summary as a whole (summary rows only).
		plain('response_status', 16),
		number('response_acted_in_version', 16),
		text('response_explanation', 60),
		time('published_at'),
		plain('link', 50),
		...(committee ? [plain('visibility', 12)] : [])
	];
}

export function responseColumns(committee: boolean): Column[] {
	return [
		number('version', 8),
		plain('clause_key', 18),
		plain('clause_label', 10),
		plain('id', 24),
		plain('answers', 16),
		plain('community', 12),
		plain('status', 12),
		number('acted_in_version', 16),
		text('author', 22),
		text('text', 80),
		time('created_at'),
		time('updated_at'),
		plain('link', 50),
		...(committee ? [plain('visibility', 16)] : [])
	];
}

function itemValues(item: FeedbackItem): Record<string, unknown> {
	return {
		version: item.versionNumber,
		clause_key: item.clauseKey,
		clause_label: item.clauseLabel,
		id: item.id,
		kind: item.kind,
		parent_id: item.parentId,
		community: item.community,
		language: item.language,
		author: item.authorStatus === 'anonymous' ? 'anonymous' : item.author,
		author_status: item.authorStatus,
		stance: item.stance,
		reason: cellText(item.text),
		text: cellText(item.text),
		translations: Object.keys(item.translations).length ? cellText(JSON.stringify(item.translations)) : null,
		response_status: item.responseStatus,
		status: item.responseStatus,
		acted_in_version: item.actedInVersion,
		deleted: item.deleted ? 'true' : 'false',
		created_at: date(item.createdAt),
		updated_at: date(item.updatedAt),
		link: link(item.link),
		affiliation: item.affiliation,
		visibility: item.visibility,
		moderation: item.moderation,
		moderation_reason: item.moderationReason
	};
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function clauseValues(head: ClauseHead): Record<string, unknown> {
	const votes = head.totals.support + head.totals.oppose + head.totals.neutral;
	const m = head.measures;
	return {
		version: head.versionNumber,
		clause_key: head.key,
		clause_label: head.label,
		position: head.position,
		heading: cellText(head.heading),
		body: cellText(head.body),
		translations: head.translations.map((t) => (t.outdated ? `${t.language} (outdated)` : t.language)).join(', ') || null,
		...head.totals,
		votes,
		pooled_support: m.pooled.share,
		balanced_support: m.balanced,
		consensus: m.consensus,
		divergence: m.divergence,
		most_supportive: m.mostSupportive,
		least_supportive: m.leastSupportive,
		communities_weighed: m.weighed.length,
		link: link(head.link)
	};
}

/** Rows added between two looks at the output: the zip is written as the rows come, and read off in between. */
const DRAIN_EVERY = 200;
/** Sheet XML waiting for the zip beyond which the writer waits for compression to catch up. */
const MAX_PENDING = 2 * 1024 * 1024;

export async function* xlsxChunks(reader: ExportReader): AsyncGenerator<Uint8Array> {
	const { selection } = reader;
	const committee = selection.audience === 'committee';
	const out = new PassThrough({ highWaterMark: 256 * 1024 });
	const book = new Book(out, direction(selection.consultation.sourceLanguage) === 'rtl', selection.generatedAt);
	const source = selection.consultation.sourceLanguage;

	let added = 0;
	/** What the zip has produced so far, after letting its compression catch up with the rows added. */
	async function* drain(): AsyncGenerator<Uint8Array> {
		if (++added % DRAIN_EVERY !== 0) return;
		for (;;) {
			let chunk: Buffer | null;
			while ((chunk = out.read() as Buffer | null) !== null) yield chunk;
			if (book.pendingBytes() <= MAX_PENDING) return;
			// Compression runs on libuv's thread pool: give it a moment.
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
	}

	const heads = selection.versions.map((version) => ({ version, clauses: reader.clauses(version) }));
	const allClauses = heads.flatMap((h) => h.clauses);

	book.start(SHEETS.clauses, clauseColumns());
	for (const head of allClauses) {
		book.add(clauseValues(head), source);
		yield* drain();
	}

	book.start(SHEETS.tallies, tallyColumns());
	for (const head of allClauses) {
		const m = head.measures;
		const measures = { pooled_support: m.pooled.share, balanced_support: m.balanced, consensus: m.consensus, divergence: m.divergence };
		const weighed = new Set(m.weighed.map((w) => w.community));
		for (const t of head.tallies) {
			const votes = t.support + t.oppose + t.neutral;
			book.add({
				version: head.versionNumber,
				clause_key: head.key,
				clause_label: head.label,
				source: 'platform',
				...t,
				votes,
				support_share: share(t.support, votes),
				weighed: weighed.has(t.community) ? 'yes' : 'no',
				...measures
			});
			yield* drain();
		}
		for (const r of head.reported) {
			const votes = r.support + r.oppose + r.neutral;
			book.add({
				version: head.versionNumber,
				clause_key: head.key,
				clause_label: head.label,
				source: 'liaison report',
				community: r.language,
				support: r.support,
				oppose: r.oppose,
				neutral: r.neutral,
				votes,
				support_share: share(r.support, votes),
				weighed: m.includesReported ? (weighed.has(r.language) ? 'yes' : 'no') : 'no',
				...measures
			});
			yield* drain();
		}
	}

	const sheetOf = (name: string, columns: Column[], kinds: ItemKind[], keep: (item: FeedbackItem) => boolean = () => true) => ({
		name,
		columns,
		kinds: new Set(kinds),
		keep
	});
	const itemSheets = [
		sheetOf(SHEETS.reasons, reasonColumns(committee), ['stance'], (item) => item.text !== ''),
		sheetOf(SHEETS.comments, commentColumns(committee), ['comment', 'reply'])
	];
	for (const sheet of itemSheets) {
		book.start(sheet.name, sheet.columns);
		for (const head of allClauses) {
			for (const item of reader.items(head, sheet.kinds)) {
				if (!sheet.keep(item)) continue;
				book.add(itemValues(item), item.language);
				yield* drain();
			}
		}
	}

	book.start(SHEETS.liaison, liaisonColumns(committee));
	for (const { version } of heads) {
		for (const s of reader.summaries(version)) {
			book.add(
				{
					version: version.number,
					kind: 'summary',
					id: `summary-${s.id}`,
					community: s.language,
					language: s.narrativeLanguage,
					author: s.author,
					channels: cellText(s.channels.map((c) => `${c.kind}${c.description ? `: ${c.description}` : ''} (${c.participants})`).join('; ')),
					participants: s.participants,
					text: cellText(s.narrative),
					translation: s.narrativeTranslation === null ? null : cellText(s.narrativeTranslation),
					translation_language: s.translationLanguage,
					response_status: s.response?.status ?? null,
					response_acted_in_version: s.response?.actedInVersion ?? null,
					response_explanation: s.response ? cellText(s.response.explanation) : null,
					published_at: date(s.publishedAt),
					link: link(s.link),
					visibility: s.visibility
				},
				s.narrativeLanguage,
				// The committee writes in the consultation's source language, not the narrative's.
				s.response ? { response_explanation: source } : undefined
			);
			yield* drain();
		}
	}
	for (const head of allClauses) {
		for (const item of reader.items(head, new Set(['liaison-point', 'liaison-quote']))) {
			// `translation`: into the source language (the liaison's own, when they gave one); every one in `translations`.
			const translation = item.translations[source] ?? null;
			book.add(
				{
					version: item.versionNumber,
					kind: item.kind,
					id: item.id,
					parent_id: item.parentId,
					community: item.community,
					language: item.language,
					author: item.authorStatus === 'anonymous' ? 'anonymous' : item.author,
					clause_key: item.clauseKey,
					clause_label: item.clauseLabel,
					support: item.reported?.support ?? null,
					oppose: item.reported?.oppose ?? null,
					neutral: item.reported?.neutral ?? null,
					text: cellText(item.text),
					translation: translation === null ? null : cellText(translation),
					translation_language: translation === null ? null : source,
					translations: Object.keys(item.translations).length ? cellText(JSON.stringify(item.translations)) : null,
					published_at: date(item.createdAt),
					link: link(item.link),
					visibility: item.visibility
				},
				item.language
			);
			yield* drain();
		}
	}

	book.start(SHEETS.responses, responseColumns(committee));
	for (const head of allClauses) {
		for (const item of reader.items(head, new Set(['committee-response']))) {
			book.add({ ...itemValues(item), answers: item.parentId }, item.language);
			yield* drain();
		}
	}
	book.end();

	// The workbook's last parts are written while the output is read: commit() ends when it is all out.
	const committed = book.workbook.commit();
	// Held in an object: set by the callback, which TypeScript's narrowing of a `let` does not see.
	const commit: { failure: Error | null } = { failure: null };
	committed.catch((e: unknown) => {
		commit.failure = e instanceof Error ? e : new Error(String(e));
	});
	for await (const chunk of out) {
		yield chunk as Buffer;
	}
	if (commit.failure) throw commit.failure;
	await committed;
}
