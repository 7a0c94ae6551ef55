// Liaison summaries: what a language community said about a version, on and off the platform, as
// reported by its liaison. One summary per version and language; drafts until published; every
// edit after publishing keeps the state it replaced in summary_history. Reported numbers are
// returned beside on-platform tallies by the callers, never added to them.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { personColumns, personOf, type PersonView } from '../people/badges';
import {
	clauseRevisions,
	clauses,
	consultations,
	draftVersions,
	feedbackTranslations,
	liaisonSummaries,
	summaryChannels,
	summaryEntries,
	summaryHistory,
	summaryQuotes,
	users,
	type Consultation,
	type LiaisonSummary,
	type SummaryChannel
} from '../db/schema';
import { talliesByCommunity } from '../tallies/read';
import { summaryContentInput, summaryIssues, type SummaryIssue } from './schemas';

/** Entry or quote rows per INSERT: at most 8 values each, well under SQLite's limit on a statement's parameters. */
const ROWS_PER_INSERT = 500;

/** Refusals, each with the place in the input it concerns (as in a zod issue) and a message key. */
export class SummaryError extends Error {
	constructor(public readonly issues: SummaryIssue[]) {
		super(issues.map((i) => `${i.path.join('.') || 'form'}: ${i.code}`).join('; '));
	}

	static of(code: string, path: (string | number)[] = [], params?: Record<string, unknown>): SummaryError {
		return new SummaryError([{ code, path, params }]);
	}

	/** The first issue's message key (handy for refusals that concern the summary as a whole). */
	get code(): string {
		return this.issues[0]?.code ?? 'errors.invalid';
	}
}

export interface ChannelView {
	kind: SummaryChannel;
	description: string;
	participants: number;
	/** ISO dates (YYYY-MM-DD); `endedOn` null for a single day. */
	startedOn: string | null;
	endedOn: string | null;
}

export interface QuoteView {
	/** What translations of the quote (feedback_translations) refer to; not kept in a snapshot. */
	id: number;
	original: string;
	language: string;
	translation: string;
}

export interface EntryView {
	revisionId: number;
	/** The clause's key and its label in the summary's version. */
	clause: string;
	label: string;
	position: number;
	asked: boolean;
	support: number | null;
	oppose: number | null;
	neutral: number | null;
	/** support + oppose + neutral: the denominator of the reported shares (null when not asked). */
	reported: number | null;
	keyPoints: string;
	quotes: QuoteView[];
}

export interface SummaryView {
	id: number;
	consultationId: number;
	versionId: number;
	versionNumber: number;
	language: string;
	status: 'draft' | 'published';
	/** The liaison, with their @username and roles in the consultation; null once their account is gone. */
	author: PersonView | null;
	narrative: string;
	narrativeLanguage: string;
	narrativeTranslation: string | null;
	translationLanguage: string | null;
	publishedAt: number | null;
	createdAt: number;
	updatedAt: number;
	channels: ChannelView[];
	entries: EntryView[];
	/** The people who took part, summed over the channels. */
	participants: number;
}

/** A summary as it was before an edit after publishing (stored as JSON in summary_history). */
export interface SummarySnapshot {
	narrative: string;
	narrativeLanguage: string;
	narrativeTranslation: string | null;
	translationLanguage: string | null;
	publishedAt: number | null;
	updatedAt: number;
	channels: ChannelView[];
	entries: (Omit<EntryView, 'revisionId' | 'position' | 'reported' | 'quotes'> & { quotes: Omit<QuoteView, 'id'>[] })[];
}

export interface HistoryItem {
	id: number;
	/** When the edit that replaced this state was made, and by whom. */
	replacedAt: number;
	editedBy: PersonView | null;
	snapshot: SummarySnapshot;
}

function versionOf(db: Queryable, consultationId: number, number: number) {
	return db
		.select()
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.number, number)))
		.get();
}

/**
 * Opens the summary of a version for a language community: the existing one (any liaison of the
 * language, or the committee, continues it) or a new draft. Only published versions take summaries.
 */
export function startSummary(
	db: Queryable,
	input: { consultation: Pick<Consultation, 'id' | 'languages'>; versionNumber: number; language: string; authorId: number; now?: number }
): { summary: LiaisonSummary; created: boolean } {
	const now = input.now ?? Date.now();
	if (!input.consultation.languages.includes(input.language)) throw SummaryError.of('errors.languageNotInConsultation', ['language']);
	return db.transaction(
		(tx) => {
			const version = versionOf(tx, input.consultation.id, input.versionNumber);
			if (!version || version.status !== 'published') throw SummaryError.of('errors.versionNotFound', ['version']);
			const existing = tx
				.select()
				.from(liaisonSummaries)
				.where(and(eq(liaisonSummaries.versionId, version.id), eq(liaisonSummaries.language, input.language)))
				.orderBy(asc(liaisonSummaries.id))
				.get();
			if (existing) return { summary: existing, created: false };
			const summary = tx
				.insert(liaisonSummaries)
				.values({
					consultationId: input.consultation.id,
					versionId: version.id,
					language: input.language,
					authorId: input.authorId,
					narrativeLanguage: input.language,
					createdAt: now,
					updatedAt: now
				})
				.returning()
				.get();
			return { summary, created: true };
		},
		{ behavior: 'immediate' }
	);
}

/** A summary of this consultation by id (drafts included: callers decide who may see them). */
export function getSummary(db: Queryable, consultationId: number, id: number): LiaisonSummary | undefined {
	return db
		.select()
		.from(liaisonSummaries)
		.where(and(eq(liaisonSummaries.id, id), eq(liaisonSummaries.consultationId, consultationId)))
		.get();
}

/**
 * Replaces a summary's narrative, channels, entries and quotes with `content` (raw input: it is
 * validated here), in one transaction; `publish` publishes it too. Editing a published summary
 * first keeps its current state in the history. Throws SummaryError listing every problem.
 */
export function saveSummary(
	db: Queryable,
	input: { summaryId: number; content: unknown; editorId: number; publish?: boolean; now?: number }
): SummaryView {
	const parsed = summaryContentInput.safeParse(input.content);
	if (!parsed.success) throw new SummaryError(summaryIssues(parsed.error));
	const content = parsed.data;
	const now = input.now ?? Date.now();

	db.transaction(
		(tx) => {
			const summary = tx.select().from(liaisonSummaries).where(eq(liaisonSummaries.id, input.summaryId)).get();
			if (!summary) throw SummaryError.of('errors.summaryNotFound');
			const consultation = tx
				.select({ sourceLanguage: consultations.sourceLanguage })
				.from(consultations)
				.where(eq(consultations.id, summary.consultationId))
				.get()!;

			// Entries name clauses by key; each must be a clause of the summary's version.
			const revisions = new Map(
				tx
					.select({ key: clauses.key, id: clauseRevisions.id })
					.from(clauseRevisions)
					.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
					.where(eq(clauseRevisions.versionId, summary.versionId))
					.all()
					.map((r) => [r.key, r.id])
			);
			const issues: SummaryIssue[] = [];
			content.entries.forEach((entry, i) => {
				if (!revisions.has(entry.clause)) issues.push({ path: ['entries', i, 'clause'], code: 'errors.summaryClauseNotFound' });
				entry.quotes.forEach((quote, j) => {
					// The committee reads the translation: needed unless the quote is in the source language.
					if (!quote.translation && quote.language !== consultation.sourceLanguage) {
						issues.push({ path: ['entries', i, 'quotes', j, 'translation'], code: 'errors.quoteTranslationRequired' });
					}
				});
			});
			const publishing = input.publish || summary.status === 'published';
			if (publishing) {
				if (content.channels.length === 0) issues.push({ path: ['channels'], code: 'errors.channelsRequired' });
				if (!content.narrative) issues.push({ path: ['narrative'], code: 'errors.narrativeRequired' });
			}
			if (issues.length > 0) throw new SummaryError(issues);

			if (summary.status === 'published') {
				const before = snapshotOf(tx, summary);
				const after: SummarySnapshot = {
					...before,
					narrative: content.narrative,
					narrativeLanguage: content.narrativeLanguage,
					narrativeTranslation: content.narrativeTranslation,
					translationLanguage: content.translationLanguage,
					channels: content.channels,
					entries: content.entries.map((e) => ({
						clause: e.clause,
						label: '',
						asked: e.asked,
						support: e.support,
						oppose: e.oppose,
						neutral: e.neutral,
						keyPoints: e.keyPoints,
						quotes: e.quotes
					}))
				};
				// Saving the same content again changes nothing and adds no history.
				if (sameContent(before, after)) return;
				tx.insert(summaryHistory).values({ summaryId: summary.id, snapshot: before, editedBy: input.editorId, createdAt: now }).run();
			}

			// Entries and quotes are written again below, and their translations would go with them.
			const quoteTranslations = quoteTranslationsOf(tx, summary.id);
			tx.delete(summaryChannels).where(eq(summaryChannels.summaryId, summary.id)).run();
			tx.delete(summaryEntries).where(eq(summaryEntries.summaryId, summary.id)).run();
			content.channels.forEach((c, position) => {
				tx.insert(summaryChannels).values({ summaryId: summary.id, ...c, position }).run();
			});
			// Entries and quotes go in a few multi-row inserts: building one statement per row (up to
			// 5,500) was most of the time a full summary took to save. (A clause has one entry per summary.)
			const entries = content.entries.map((e) => ({
				summaryId: summary.id,
				revisionId: revisions.get(e.clause)!,
				asked: e.asked,
				support: e.asked ? e.support : null,
				oppose: e.asked ? e.oppose : null,
				neutral: e.asked ? e.neutral : null,
				keyPoints: e.keyPoints
			}));
			for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
				tx.insert(summaryEntries).values(entries.slice(i, i + ROWS_PER_INSERT)).run();
			}
			const entryIds = new Map(
				tx
					.select({ id: summaryEntries.id, revisionId: summaryEntries.revisionId })
					.from(summaryEntries)
					.where(eq(summaryEntries.summaryId, summary.id))
					.all()
					.map((row) => [row.revisionId, row.id])
			);
			const quotes = content.entries.flatMap((e, i) =>
				e.quotes.map((q, position) => ({ entryId: entryIds.get(entries[i].revisionId)!, ...q, position }))
			);
			for (let i = 0; i < quotes.length; i += ROWS_PER_INSERT) {
				tx.insert(summaryQuotes).values(quotes.slice(i, i + ROWS_PER_INSERT)).run();
			}
			restoreQuoteTranslations(tx, summary.id, quoteTranslations);
			tx.update(liaisonSummaries)
				.set({
					narrative: content.narrative,
					narrativeLanguage: content.narrativeLanguage,
					narrativeTranslation: content.narrativeTranslation,
					translationLanguage: content.translationLanguage,
					status: publishing ? 'published' : 'draft',
					publishedAt: summary.publishedAt ?? (publishing ? now : null),
					updatedAt: now
				})
				.where(eq(liaisonSummaries.id, summary.id))
				.run();
		},
		{ behavior: 'immediate' }
	);
	return readSummary(db, input.summaryId)!;
}

function sameContent(a: SummarySnapshot, b: SummarySnapshot): boolean {
	const strip = (s: SummarySnapshot) => ({
		...s,
		publishedAt: null,
		updatedAt: 0,
		entries: s.entries.map((e) => ({ ...e, label: '' })).sort((x, y) => x.clause.localeCompare(y.clause))
	});
	return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function channelsOf(db: Queryable, summaryIds: number[]): Map<number, ChannelView[]> {
	const out = new Map<number, ChannelView[]>(summaryIds.map((id) => [id, []]));
	if (summaryIds.length === 0) return out;
	const rows = db
		.select()
		.from(summaryChannels)
		.where(inArray(summaryChannels.summaryId, summaryIds))
		.orderBy(asc(summaryChannels.summaryId), asc(summaryChannels.position))
		.all();
	for (const r of rows) {
		out.get(r.summaryId)!.push({
			kind: r.kind,
			description: r.description,
			participants: r.participants,
			startedOn: r.startedOn,
			endedOn: r.endedOn
		});
	}
	return out;
}

function entriesOf(db: Queryable, summaryIds: number[]): Map<number, EntryView[]> {
	const out = new Map<number, EntryView[]>(summaryIds.map((id) => [id, []]));
	if (summaryIds.length === 0) return out;
	const rows = db
		.select({
			id: summaryEntries.id,
			summaryId: summaryEntries.summaryId,
			revisionId: summaryEntries.revisionId,
			clause: clauses.key,
			label: clauseRevisions.label,
			position: clauseRevisions.position,
			asked: summaryEntries.asked,
			support: summaryEntries.support,
			oppose: summaryEntries.oppose,
			neutral: summaryEntries.neutral,
			keyPoints: summaryEntries.keyPoints
		})
		.from(summaryEntries)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, summaryEntries.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(inArray(summaryEntries.summaryId, summaryIds))
		.orderBy(asc(summaryEntries.summaryId), asc(clauseRevisions.position))
		.all();
	const quotes = new Map<number, QuoteView[]>();
	const entryIds = rows.map((r) => r.id);
	if (entryIds.length > 0) {
		for (const q of db
			.select()
			.from(summaryQuotes)
			.where(inArray(summaryQuotes.entryId, entryIds))
			.orderBy(asc(summaryQuotes.entryId), asc(summaryQuotes.position))
			.all()) {
			const list = quotes.get(q.entryId) ?? [];
			list.push({ id: q.id, original: q.original, language: q.language, translation: q.translation });
			quotes.set(q.entryId, list);
		}
	}
	for (const { id, summaryId, ...r } of rows) {
		out.get(summaryId)!.push({
			...r,
			reported: r.asked ? (r.support ?? 0) + (r.oppose ?? 0) + (r.neutral ?? 0) : null,
			quotes: quotes.get(id) ?? []
		});
	}
	return out;
}

/** A summary, its version's number and its author (with the author's roles in the consultation). */
const summaryColumns = {
	summary: liaisonSummaries,
	versionNumber: draftVersions.number,
	...personColumns(users, liaisonSummaries.consultationId)
};

type PersonRow = Parameters<typeof personOf>[0];

function views(db: Queryable, rows: ({ summary: LiaisonSummary; versionNumber: number } & PersonRow)[]): SummaryView[] {
	const ids = rows.map((r) => r.summary.id);
	const channels = channelsOf(db, ids);
	const entries = entriesOf(db, ids);
	return rows.map(({ summary: s, versionNumber, ...author }) => {
		const list = channels.get(s.id)!;
		return {
			id: s.id,
			consultationId: s.consultationId,
			versionId: s.versionId,
			versionNumber,
			language: s.language,
			status: s.status,
			author: personOf(author),
			narrative: s.narrative,
			narrativeLanguage: s.narrativeLanguage,
			narrativeTranslation: s.narrativeTranslation,
			translationLanguage: s.translationLanguage,
			publishedAt: s.publishedAt,
			createdAt: s.createdAt,
			updatedAt: s.updatedAt,
			channels: list,
			entries: entries.get(s.id)!,
			participants: list.reduce((sum, c) => sum + c.participants, 0)
		};
	});
}

/** One summary with its channels, entries and quotes (drafts included). */
export function readSummary(db: Queryable, id: number): SummaryView | null {
	const row = db
		.select(summaryColumns)
		.from(liaisonSummaries)
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.leftJoin(users, eq(users.id, liaisonSummaries.authorId))
		.where(eq(liaisonSummaries.id, id))
		.get();
	return row ? views(db, [row])[0] : null;
}

/** The published summaries of a version, by language, with everything in them. */
export function listPublishedSummaries(db: Queryable, versionId: number): SummaryView[] {
	const rows = db
		.select(summaryColumns)
		.from(liaisonSummaries)
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.leftJoin(users, eq(users.id, liaisonSummaries.authorId))
		.where(and(eq(liaisonSummaries.versionId, versionId), eq(liaisonSummaries.status, 'published')))
		.orderBy(asc(liaisonSummaries.language), asc(liaisonSummaries.id))
		.all();
	return views(db, rows);
}

export interface SummaryListItem {
	id: number;
	versionNumber: number;
	language: string;
	status: 'draft' | 'published';
	/** The liaison, with their @username and roles in the consultation; null once their account is gone. */
	author: PersonView | null;
	channelCount: number;
	participants: number;
	publishedAt: number | null;
	updatedAt: number;
}

/**
 * Summaries of a consultation without their contents: of one version, or of all; published only,
 * or drafts too; for some languages, or all of them (`languages` null).
 */
export function listSummaries(
	db: Queryable,
	consultationId: number,
	options: { versionId?: number; publishedOnly?: boolean; languages?: string[] | null } = {}
): SummaryListItem[] {
	if (options.languages && options.languages.length === 0) return [];
	const conditions = [eq(liaisonSummaries.consultationId, consultationId)];
	if (options.versionId !== undefined) conditions.push(eq(liaisonSummaries.versionId, options.versionId));
	if (options.publishedOnly) conditions.push(eq(liaisonSummaries.status, 'published'));
	if (options.languages) conditions.push(inArray(liaisonSummaries.language, options.languages));
	return db
		.select({
			id: liaisonSummaries.id,
			versionNumber: draftVersions.number,
			language: liaisonSummaries.language,
			status: liaisonSummaries.status,
			...personColumns(users, liaisonSummaries.consultationId),
			channelCount: sql<number>`(select count(*) from ${summaryChannels} where ${summaryChannels.summaryId} = ${liaisonSummaries.id})`,
			participants: sql<number>`(select coalesce(sum(${summaryChannels.participants}), 0) from ${summaryChannels} where ${summaryChannels.summaryId} = ${liaisonSummaries.id})`,
			publishedAt: liaisonSummaries.publishedAt,
			updatedAt: liaisonSummaries.updatedAt
		})
		.from(liaisonSummaries)
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.leftJoin(users, eq(users.id, liaisonSummaries.authorId))
		.where(and(...conditions))
		.orderBy(desc(draftVersions.number), asc(liaisonSummaries.language))
		.all()
		.map(({ username, displayName, isSiteAdmin, roles, ...r }) => ({ ...r, author: personOf({ username, displayName, isSiteAdmin, roles }) }));
}

function snapshotOf(db: Queryable, summary: LiaisonSummary): SummarySnapshot {
	const channels = channelsOf(db, [summary.id]).get(summary.id)!;
	const entries = entriesOf(db, [summary.id]).get(summary.id)!;
	return {
		narrative: summary.narrative,
		narrativeLanguage: summary.narrativeLanguage,
		narrativeTranslation: summary.narrativeTranslation,
		translationLanguage: summary.translationLanguage,
		publishedAt: summary.publishedAt,
		updatedAt: summary.updatedAt,
		channels,
		entries: entries.map(({ revisionId: _r, position: _p, reported: _n, quotes, ...e }) => ({ ...e, quotes: quotes.map(({ id: _id, ...q }) => q) }))
	};
}

/** Earlier states of a published summary, newest first. */
export function listSummaryHistory(db: Queryable, summaryId: number): HistoryItem[] {
	return db
		.select({
			id: summaryHistory.id,
			replacedAt: summaryHistory.createdAt,
			snapshot: summaryHistory.snapshot,
			...personColumns(users, liaisonSummaries.consultationId)
		})
		.from(summaryHistory)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryHistory.summaryId))
		.leftJoin(users, eq(users.id, summaryHistory.editedBy))
		.where(eq(summaryHistory.summaryId, summaryId))
		.orderBy(desc(summaryHistory.createdAt), desc(summaryHistory.id))
		.all()
		.map(({ username, displayName, isSiteAdmin, roles, snapshot, ...r }) => ({
			...r,
			editedBy: personOf({ username, displayName, isSiteAdmin, roles }),
			snapshot: snapshot as SummarySnapshot
		}));
}

/** What one published liaison summary reported about one clause revision: its reported counts. */
export interface SummaryCounts {
	summaryId: number;
	language: string;
	/** The liaison, with their @username and roles in the consultation; null once their account is gone. */
	author: PersonView | null;
	asked: boolean;
	support: number | null;
	oppose: number | null;
	neutral: number | null;
	/** support + oppose + neutral, the denominator of the reported shares (null when not asked). */
	reported: number | null;
	/** The people who took part across the summary's channels. */
	participants: number;
	channelCount: number;
}

/**
 * Per clause revision, the reported counts of the published liaison summaries: for showing beside
 * the on-platform tallies (the clause page), labelled by source.
 */
export function summaryCountsFor(db: Queryable, revisionIds: number[]): Map<number, SummaryCounts[]> {
	const out = new Map<number, SummaryCounts[]>(revisionIds.map((id) => [id, []]));
	if (revisionIds.length === 0) return out;
	const rows = db
		.select({
			revisionId: summaryEntries.revisionId,
			summaryId: liaisonSummaries.id,
			language: liaisonSummaries.language,
			...personColumns(users, liaisonSummaries.consultationId),
			asked: summaryEntries.asked,
			support: summaryEntries.support,
			oppose: summaryEntries.oppose,
			neutral: summaryEntries.neutral,
			channelCount: sql<number>`(select count(*) from ${summaryChannels} where ${summaryChannels.summaryId} = ${liaisonSummaries.id})`,
			participants: sql<number>`(select coalesce(sum(${summaryChannels.participants}), 0) from ${summaryChannels} where ${summaryChannels.summaryId} = ${liaisonSummaries.id})`
		})
		.from(summaryEntries)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryEntries.summaryId))
		.leftJoin(users, eq(users.id, liaisonSummaries.authorId))
		.where(and(inArray(summaryEntries.revisionId, revisionIds), eq(liaisonSummaries.status, 'published')))
		.orderBy(asc(liaisonSummaries.language), asc(liaisonSummaries.id))
		.all();
	for (const { revisionId, username, displayName, isSiteAdmin, roles, ...r } of rows) {
		out.get(revisionId)!.push({
			...r,
			author: personOf({ username, displayName, isSiteAdmin, roles }),
			reported: r.asked ? (r.support ?? 0) + (r.oppose ?? 0) + (r.neutral ?? 0) : null
		});
	}
	return out;
}

export interface ReportedCountsBeside {
	/** What each language's published summaries reported about the revision. */
	summaries: SummaryCounts[];
	/** For the same languages, the stances their communities gave on the platform itself. */
	onPlatform: Record<string, { support: number; oppose: number; neutral: number }>;
}

/** For one clause revision: the summaries' reported counts, and the on-platform counts of those communities, to show side by side. */
export function reportedCountsBeside(db: Queryable, revisionId: number): ReportedCountsBeside {
	const summaries = summaryCountsFor(db, [revisionId]).get(revisionId) ?? [];
	const tallies = talliesByCommunity(db, [revisionId]).get(revisionId) ?? [];
	const onPlatform: ReportedCountsBeside['onPlatform'] = {};
	for (const r of summaries) {
		const t = tallies.find((x) => x.community === r.language);
		onPlatform[r.language] = { support: t?.support ?? 0, oppose: t?.oppose ?? 0, neutral: t?.neutral ?? 0 };
	}
	return { summaries, onPlatform };
}

type KeptQuoteTranslation = { translation: typeof feedbackTranslations.$inferSelect; revisionId: number; original: string; position: number };

/** The translations of a summary's quotes, with where each quote stood (its clause revision, text and place). */
function quoteTranslationsOf(db: Queryable, summaryId: number): KeptQuoteTranslation[] {
	return db
		.select({ translation: feedbackTranslations, revisionId: summaryEntries.revisionId, original: summaryQuotes.original, position: summaryQuotes.position })
		.from(feedbackTranslations)
		.innerJoin(summaryQuotes, eq(summaryQuotes.id, feedbackTranslations.quoteId))
		.innerJoin(summaryEntries, eq(summaryEntries.id, summaryQuotes.entryId))
		.where(eq(summaryEntries.summaryId, summaryId))
		.all();
}

/**
 * Gives each kept translation back to the quote written again in its place: the same clause and
 * text first, else the same clause and position. A translation keeps the text it was made from, so
 * one whose quote was reworded shows as outdated instead of being lost; a quote that is gone takes
 * its translations with it.
 */
function restoreQuoteTranslations(db: Queryable, summaryId: number, kept: KeptQuoteTranslation[]): void {
	if (kept.length === 0) return;
	const quotes = db
		.select({ id: summaryQuotes.id, revisionId: summaryEntries.revisionId, original: summaryQuotes.original, position: summaryQuotes.position })
		.from(summaryQuotes)
		.innerJoin(summaryEntries, eq(summaryEntries.id, summaryQuotes.entryId))
		.where(eq(summaryEntries.summaryId, summaryId))
		.all();
	const byText = new Map(quotes.map((q) => [`${q.revisionId}\u0000${q.original}`, q.id]));
	const byPlace = new Map(quotes.map((q) => [`${q.revisionId}:${q.position}`, q.id]));
	for (const { translation, revisionId, original, position } of kept) {
		const quoteId = byText.get(`${revisionId}\u0000${original}`) ?? byPlace.get(`${revisionId}:${position}`);
		if (quoteId === undefined) continue;
		db.insert(feedbackTranslations).values({ ...translation, id: undefined, quoteId }).onConflictDoNothing().run();
	}
}
