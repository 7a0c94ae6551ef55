// What an export is made of: its formats, the kinds of feedback item it lists, who it is for, and
// the shapes the database reader (source.ts) hands to every format's writer.
import type { Consultation, DraftVersion, ModerationState, ResponseStatus, StanceValue } from '../db/schema';
import type { ClauseMeasures, ReportedVotes } from '../aggregation/measures';
import type { CommunityTally } from '../tallies/read';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'markdown', 'wikitext'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
	csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
	json: { extension: 'json', contentType: 'application/json; charset=utf-8' },
	xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	markdown: { extension: 'md', contentType: 'text/markdown; charset=utf-8' },
	wikitext: { extension: 'wiki', contentType: 'text/x-wiki; charset=utf-8' }
};

/** The feedback items an export lists, one CSV row each. */
export const ITEM_KINDS = ['stance', 'comment', 'reply', 'liaison-point', 'liaison-quote', 'committee-response'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * `public`: the open-data export anyone may download (committee-only, moderated and unpublished
 * things left out entirely, no personal data beyond public display names); `committee`: everything.
 */
export type Audience = 'public' | 'committee';

/** How an item's author is given: by name, withheld, gone with their account, or removed with the item. */
export type AuthorStatus = 'named' | 'anonymous' | 'former-participant' | 'deleted';

/** Whether an item is public, for the committee only, or part of something not yet published (a draft summary). */
export type Visibility = 'public' | 'committee-only' | 'draft';

/** What an export covers: resolved and authorised by query.ts, read by source.ts. */
export interface ExportSelection {
	consultation: Consultation;
	audience: Audience;
	/** The versions exported, oldest first (one unless `version=all`). */
	versions: DraftVersion[];
	/** `version=all` was asked for. */
	allVersions: boolean;
	/** Only this language community's feedback (and tallies), when given. */
	community: string | null;
	/** Only these clauses (by key), when given. */
	clauseKeys: string[] | null;
	/** Items given at or after `from` and before `to` (ms since the epoch, UTC days), when given. */
	from: number | null;
	to: number | null;
	/** Prefix of the links in the export ('' gives site-relative links). */
	baseUrl: string;
	generatedAt: number;
}

/** The parameters as asked, for the record inside the file. */
export interface ExportFilters {
	version: string;
	language: string | null;
	clauses: string[] | null;
	from: string | null;
	to: string | null;
}

export interface ClauseTranslationOut {
	language: string;
	heading: string;
	body: string;
	outdated: boolean;
}

/** A translation of a stance's reason or a liaison quote, as the export gives it. */
export interface FeedbackTranslationOut {
	language: string;
	text: string;
	/** The person's public display name; null for a machine translation or a deleted account. */
	translator: string | null;
	machine: boolean;
	/** The reason or quote changed after it was translated: this translates earlier words. */
	outdated: boolean;
	updatedAt: number;
}

/** One clause revision of an exported version, with its text, translations and results. */
export interface ClauseHead {
	versionNumber: number;
	revisionId: number;
	key: string;
	label: string;
	position: number;
	heading: string;
	/** Markdown, in the consultation's source language. */
	body: string;
	translations: ClauseTranslationOut[];
	/** On-platform tallies per language community (one under a language filter). */
	tallies: CommunityTally[];
	totals: { support: number; oppose: number; neutral: number; comments: number; participants: number };
	/** Liaison-reported counts per language (published summaries only), beside the tallies. */
	reported: ReportedVotes[];
	/** Cross-community measures over every community, whatever the language filter. */
	measures: ClauseMeasures;
	minCommunitySize: number;
	link: string;
}

/** One feedback item: a row of the CSV, an object of the JSON, a row of an XLSX sheet. */
export interface FeedbackItem {
	kind: ItemKind;
	/** `stance-12`, `comment-34`, `liaison-point-5`, `liaison-quote-6`, `committee-response-7`. */
	id: string;
	/** The comment a reply answers, the liaison point a quote belongs to, the comment a response answers. */
	parentId: string | null;
	versionNumber: number;
	revisionId: number;
	clauseKey: string;
	clauseLabel: string;
	/** The language community the item speaks for ('' for a response to a clause's feedback as a whole). */
	community: string;
	/** The language the item's text is written in. */
	language: string;
	author: string | null;
	authorStatus: AuthorStatus;
	/** Self-declared affiliation when the item was given; committee exports only. */
	affiliation: string | null;
	stance: StanceValue | null;
	/** Plain text or Markdown as written ('' for a deleted comment). */
	text: string;
	/** Human translations of the text, by language (current ones only, for reasons and quotes). */
	translations: Record<string, string>;
	/**
	 * A reason's or a quote's translations (feedback_translations) with their status: a person's and
	 * machine ones, current and outdated. Null for the other kinds, whose translations are `translations`.
	 */
	translationRecords: FeedbackTranslationOut[] | null;
	/** A liaison point's reported counts (null for the others, and when the community was not asked). */
	reported: { support: number | null; oppose: number | null; neutral: number | null } | null;
	createdAt: number;
	updatedAt: number;
	/** A response's status, or the status of the committee's response to a comment. */
	responseStatus: ResponseStatus | null;
	/** The version the committee said it acted in. */
	actedInVersion: number | null;
	deleted: boolean;
	visibility: Visibility;
	moderation: ModerationState | null;
	moderationReason: string | null;
	link: string;
}

/** A liaison summary of an exported version: who reported, where the feedback was gathered, the narrative. */
export interface SummaryOut {
	id: number;
	language: string;
	author: string | null;
	visibility: Visibility;
	narrative: string;
	narrativeLanguage: string;
	narrativeTranslation: string | null;
	translationLanguage: string | null;
	publishedAt: number | null;
	updatedAt: number;
	participants: number;
	channels: { kind: string; description: string; participants: number; startedOn: string | null; endedOn: string | null }[];
	link: string;
	/** The committee's response to the summary as a whole (published summaries only), or null. */
	response: SummaryResponseOut | null;
}

/** The drafting committee's response to a liaison summary: public exactly when the summary is. */
export interface SummaryResponseOut {
	status: ResponseStatus;
	/** Markdown as written, in the consultation's source language. */
	explanation: string;
	/** The number of the version the committee said it acted in. */
	actedInVersion: number | null;
	/** The committee member's display name, as for committee-response items (null: a former member). */
	author: string | null;
	createdAt: number;
	updatedAt: number;
}

/** Items without translations share this (read-only) object. */
export const NO_TRANSLATIONS: Readonly<Record<string, string>> = Object.freeze({});

export type ItemCounts = Record<ItemKind, number> & { total: number };

export function emptyCounts(): ItemCounts {
	return { stance: 0, comment: 0, reply: 0, 'liaison-point': 0, 'liaison-quote': 0, 'committee-response': 0, total: 0 };
}

/** `polyphony-{slug}-v{n}-{date}.{ext}` (`-all-` for every version): only safe characters, whatever the slug. */
export function exportFilename(selection: Pick<ExportSelection, 'consultation' | 'versions' | 'allVersions' | 'generatedAt'>, format: ExportFormat): string {
	const slug = selection.consultation.slug.replace(/[^a-z0-9-]/g, '-').slice(0, 60);
	const version = selection.allVersions || selection.versions.length !== 1 ? 'all' : `v${selection.versions[0].number}`;
	const date = new Date(selection.generatedAt).toISOString().slice(0, 10);
	return `polyphony-${slug}-${version}-${date}.${FORMAT_FILES[format].extension}`;
}

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `new Date(ms).toISOString()`, faster: an export formats two times per item, millions of them.
 * The date part is remembered per day; the time of day is plain arithmetic.
 */
export function isoTime(ms: number | null): string | null {
	if (ms === null) return null;
	if (!Number.isInteger(ms) || ms < 0 || ms >= 253_402_300_800_000) return new Date(ms).toISOString();
	const day = Math.floor(ms / DAY_MS);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
		if (dayPrefixes.size > 10_000) dayPrefixes.clear();
		dayPrefixes.set(day, prefix);
	}
	let rest = ms - day * DAY_MS;
	const millis = rest % 1000;
	rest = (rest - millis) / 1000;
	const seconds = rest % 60;
	rest = (rest - seconds) / 60;
	const minutes = rest % 60;
	const hours = (rest - minutes) / 60;
	return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
