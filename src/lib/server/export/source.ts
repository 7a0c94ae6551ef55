// The one reader every export format shares: the selected versions' clauses (text, translations,
// tallies, measures), liaison summaries, and the feedback items of each clause, read from SQLite
// row by row (better-sqlite3 iterators), so memory stays bounded however large the consultation.
//
// Who sees what for the public open-data export is decided by the privacy module's rules
// (privacy/visibility.ts `publicSql`, the same rules the pages read with), applied here:
// - committee-only stances (their reason and who gave them) and committee-only comments are left
//   out entirely, as are comments a moderator hid or that wait for review, replies under any of
//   those, and committee responses to them; their counts stay in the tallies, as on the site;
// - a comment its author deleted stays as an empty, authorless item (its replies stay);
// - unpublished versions and draft liaison summaries are left out; the committee's response to a
//   summary goes with the summary when it is published (never with a draft, in either export);
// - authors are public display names only: a stance without a reason is "anonymous" (the site
//   never shows who took it), and affiliations — shown only in aggregate on the site — are left out;
// - translations of reasons and quotes are read with the reason or quote they translate, so they go
//   where it goes (a committee-only reason's, a draft summary's quote's: committee export only), and
//   their translators are named by public display name, as authors are.
// The committee's export has everything, with the visibility and moderation of each item.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DB, Queryable } from '../db';
import * as schema from '../db/schema';
import { allTextTranslations } from '../translations/texts';
import type { DraftVersion, ModerationState, ResponseStatus, StanceValue } from '../db/schema';
import { versionResults } from '../aggregation/service';
import { publicSql } from '../privacy/visibility';
import { paths } from '../../paths';
import {
	emptyCounts,
	NO_TRANSLATIONS,
	type AuthorStatus,
	type ClauseHead,
	type ExportSelection,
	type FeedbackItem,
	type FeedbackTranslationOut,
	type ItemCounts,
	type ItemKind,
	type SummaryOut,
	type Visibility
} from './model';

/** A connection to read from: the raw better-sqlite3 handle (for iterating) and drizzle over it (for the shared services). */
export interface Connection {
	sqlite: Database.Database;
	db: Queryable;
}

export interface Snapshot extends Connection {
	close: () => void;
}

/**
 * A read-only connection of its own holding one read transaction: the export sees the database as
 * it was when it started, however long the download takes, and never blocks writers (WAL). An
 * open iterator keeps a better-sqlite3 connection busy, so exports must not iterate on the
 * application's shared connection. An in-memory database has no second connection: its own is used.
 */
export function openSnapshot(db: DB): Snapshot {
	const client = db.$client;
	if (client.memory) return { sqlite: client, db, close: () => {} };
	const sqlite = new Database(client.name, { readonly: true, fileMustExist: true });
	let open = true;
	try {
		sqlite.pragma('busy_timeout = 5000');
		// A larger page cache than the default 2 MB: the items are read through an index, a page at a time.
		sqlite.pragma('cache_size = -8192');
		sqlite.exec('begin');
		// The snapshot starts at the first read.
		sqlite.prepare('select count(*) from consultations').get();
	} catch (e) {
		sqlite.close();
		throw e;
	}
	return {
		sqlite,
		db: drizzle(sqlite, { schema }),
		close: () => {
			if (!open) return;
			open = false;
			sqlite.close();
		}
	};
}

export interface NotableComment {
	id: number;
	author: string | null;
	authorStatus: AuthorStatus;
	community: string;
	language: string;
	text: string;
	createdAt: number;
	replies: number;
	responses: number;
	responseStatus: ResponseStatus | null;
	link: string;
}

/** A stance as the item query reads it (raw rows: the million-row path allocates no column names). */
type StanceRow = [
	id: number,
	stance: StanceValue,
	reason: string | null,
	language: string,
	community: string,
	affiliation: string,
	committeeOnly: number,
	createdAt: number,
	updatedAt: number,
	userId: number | null,
	translations: string | null
];

type CommentRow = [
	id: number,
	parentId: number | null,
	language: string,
	body: string,
	community: string,
	affiliation: string,
	createdAt: number,
	updatedAt: number,
	committeeOnly: number,
	moderation: ModerationState,
	moderationReason: string | null,
	deletedAt: number | null,
	authorId: number | null,
	translations: string | null,
	responseStatus: ResponseStatus | null,
	actedIn: number | null
];

interface LiaisonRow {
	entry_id: number;
	asked: number;
	support: number | null;
	oppose: number | null;
	neutral: number | null;
	key_points: string;
	summary_id: number;
	language: string;
	narrative_language: string;
	status: 'draft' | 'published';
	published_at: number | null;
	created_at: number;
	updated_at: number;
	author_id: number | null;
	display_name: string | null;
	quote_id: number | null;
	original: string | null;
	quote_language: string | null;
	translation: string | null;
	quote_translations: string | null;
}

interface ResponseRow {
	id: number;
	comment_id: number | null;
	status: ResponseStatus;
	explanation: string;
	created_at: number;
	updated_at: number;
	author_id: number | null;
	display_name: string | null;
	acted_in: number | null;
	comment_community: string | null;
	comment_committee_only: number | null;
}

/** Display names the reader keeps at most (about 100 bytes each). */
const MAX_NAMES = 200_000;

/**
 * The public's rules over the aliases the statements below use: `s` stances, `c` a comment and `p`
 * its parent, `y` a reply counted under a comment, `ls` liaison summaries.
 */
const PUBLIC = {
	reason: publicSql.reason('s'),
	comment: publicSql.commentInThread('c', 'p'),
	reply: publicSql.comment('y'),
	summary: publicSql.summary('ls')
};

/**
 * A reason's (`t.stance_id = s.id`, current when the reason is still `s.reason`) or a quote's
 * translations from feedback_translations, as one JSON array of
 * [language, body, translator id, machine, updated at, outdated] by language, a person's first. They
 * are read with the stance or quote they translate, so they follow its visibility: a committee-only
 * reason's translations are left out of the public export with the reason itself.
 */
function feedbackTranslationsSql(column: 'stance_id' | 'quote_id', id: string, current: string): string {
	return `(select json_group_array(json_array(t.language, t.body, t.translator_id, t.machine, t.updated_at, t.source <> ${current})
		order by t.language, t.machine, t.id) from feedback_translations t where t.${column} = ${id})`;
}

type FeedbackTranslationRow = [language: string, body: string, translatorId: number | null, machine: 0 | 1, updatedAt: number, outdated: 0 | 1];

const ALL_KINDS: ReadonlySet<ItemKind> = new Set(['stance', 'comment', 'reply', 'liaison-point', 'liaison-quote', 'committee-response']);

/**
 * Conditions shared by the item queries and the counts. `revisions` is an SQL condition on the
 * revision column (`= @revision` per clause, `in (…)` for counting a whole selection).
 */
class Conditions {
	constructor(private readonly selection: ExportSelection) {}

	get isPublic(): boolean {
		return this.selection.audience === 'public';
	}

	/** `and` clauses for the community and the dates on the given columns. */
	common(community: string, created: string): string {
		const s = this.selection;
		return (
			(s.community === null ? '' : ` and ${community} = @community`) +
			(s.from === null ? '' : ` and ${created} >= @from`) +
			(s.to === null ? '' : ` and ${created} < @to`)
		);
	}

	stances(revisions: string, joins = ''): string {
		return `from stances s ${joins} where s.revision_id ${revisions}` + (this.isPublic ? ` and ${PUBLIC.reason}` : '') + this.common('s.community', 's.created_at');
	}

	comments(revisions: string, joins = ''): string {
		return (
			`from comments c ${this.isPublic ? 'left join comments p on p.id = c.parent_id' : ''} ${joins} where c.revision_id ${revisions}` +
			(this.isPublic ? ` and ${PUBLIC.comment}` : '') +
			this.common('c.community', 'c.created_at')
		);
	}

	liaison(revisions: string, joins = ''): string {
		return (
			`from summary_entries e join liaison_summaries ls on ls.id = e.summary_id ${joins} where e.revision_id ${revisions}` +
			(this.isPublic ? ` and ${PUBLIC.summary}` : '') +
			this.common('ls.language', 'coalesce(ls.published_at, ls.created_at)')
		);
	}

	responses(revisions: string, joins = ''): string {
		const s = this.selection;
		const onComment = [
			...(this.isPublic ? [PUBLIC.comment] : []),
			...(s.community === null ? [] : ['c.community = @community'])
		];
		return (
			`from committee_responses r left join comments c on c.id = r.comment_id ${this.isPublic ? 'left join comments p on p.id = c.parent_id' : ''} ${joins} ` +
			`where r.revision_id ${revisions}` +
			(onComment.length ? ` and (r.comment_id is null or (${onComment.join(' and ')}))` : '') +
			(s.from === null ? '' : ' and r.created_at >= @from') +
			(s.to === null ? '' : ' and r.created_at < @to')
		);
	}

	params(extra: Record<string, unknown> = {}): Record<string, unknown> {
		const s = this.selection;
		return {
			...(s.community === null ? {} : { community: s.community }),
			...(s.from === null ? {} : { from: s.from }),
			...(s.to === null ? {} : { to: s.to }),
			...extra
		};
	}
}

export class ExportReader {
	private readonly where: Conditions;
	private readonly statements = new Map<string, Database.Statement>();
	/** The consultation's source language: the language of clause text and committee responses. */
	readonly sourceLanguage: string;
	/** The site's origin, before every link's path (`''` gives paths alone). */
	private readonly origin: string;
	private readonly slug: string;
	private readonly names = new Map<number, string | null>();
	private readonly nameStatement: Database.Statement;

	constructor(
		readonly connection: Connection,
		readonly selection: ExportSelection
	) {
		this.where = new Conditions(selection);
		this.sourceLanguage = selection.consultation.sourceLanguage;
		this.origin = selection.baseUrl;
		this.slug = selection.consultation.slug;
		this.nameStatement = connection.sqlite.prepare('select display_name from users where id = ?').pluck();
	}

	get isPublic(): boolean {
		return this.selection.audience === 'public';
	}

	/** A statement prepared once per export; `raw` ones return arrays rather than objects. */
	private statement(name: string, sql: () => string, raw = false): Database.Statement {
		let statement = this.statements.get(name);
		if (!statement) {
			statement = this.connection.sqlite.prepare(sql());
			if (raw) statement.raw(true);
			this.statements.set(name, statement);
		}
		return statement;
	}

	consultationLink(): string {
		return this.origin + paths.consultation(this.slug);
	}

	/**
	 * Every translation of the consultation's texts other than clauses (title, description, version
	 * notes, committee responses, key points, channel descriptions) with its status. Only texts the
	 * public reads have translations (translations/texts.ts), so both audiences get the same list.
	 */
	textTranslations() {
		return allTextTranslations(this.connection.db, this.selection.consultation.id).map((t) => ({
			kind: t.kind,
			subjectId: t.subjectId,
			part: t.part,
			version: t.source.version,
			clause: t.source.clauseLabel,
			community: t.source.community,
			sourceLanguage: t.source.language,
			language: t.language,
			text: t.text,
			status: t.status as 'current' | 'outdated',
			updatedAt: new Date(t.updatedAt).toISOString()
		}));
	}

	clauseLink(key: string, versionNumber: number): string {
		return this.origin + paths.clause(this.slug, key, { version: versionNumber });
	}

	summaryLink(id: number, status: 'draft' | 'published'): string {
		return this.origin + (status === 'published' ? paths.summary(this.slug, id) : paths.summaryEdit(this.slug, id));
	}

	// -----------------------------------------------------------------------------------------
	// Versions and clauses

	/** The revisions of a version that the selection covers, in draft order. */
	private revisionIds(version: DraftVersion): number[] {
		const keys = this.selection.clauseKeys;
		const rows = this.connection.sqlite
			.prepare(
				`select r.id, k.key from clause_revisions r join clauses k on k.id = r.clause_id where r.version_id = ? order by r.position`
			)
			.all(version.id) as { id: number; key: string }[];
		return rows.filter((r) => keys === null || keys.includes(r.key)).map((r) => r.id);
	}

	/** Every selected clause of a version with its text, translations and results (a few hundred at most: read at once). */
	clauses(version: DraftVersion): ClauseHead[] {
		const { consultation, community } = this.selection;
		const wanted = new Set(this.revisionIds(version));
		if (wanted.size === 0) return [];
		const results = versionResults(this.connection.db, consultation, version, { community });
		const ids = [...wanted].join(',');
		const bodies = new Map(
			(this.connection.sqlite.prepare(`select id, body from clause_revisions where id in (${ids})`).all() as { id: number; body: string }[]).map(
				(r) => [r.id, r.body]
			)
		);
		const translations = new Map<number, ClauseHead['translations']>();
		const rows = this.connection.sqlite
			.prepare(
				`select revision_id, language, heading, body, outdated from clause_translations where revision_id in (${ids}) order by language`
			)
			.all() as { revision_id: number; language: string; heading: string; body: string; outdated: number }[];
		for (const r of rows) {
			const list = translations.get(r.revision_id) ?? [];
			list.push({ language: r.language, heading: r.heading, body: r.body, outdated: r.outdated === 1 });
			translations.set(r.revision_id, list);
		}
		return results.clauses
			.filter((c) => wanted.has(c.revisionId))
			.map((c) => ({
				versionNumber: version.number,
				revisionId: c.revisionId,
				key: c.key,
				label: c.label,
				position: c.position,
				heading: c.heading,
				body: bodies.get(c.revisionId) ?? '',
				translations: translations.get(c.revisionId) ?? [],
				tallies: c.communities,
				totals: c.totals,
				reported: c.reported,
				measures: c.measures,
				minCommunitySize: results.minCommunitySize,
				link: this.clauseLink(c.key, version.number)
			}));
	}

	/**
	 * The liaison summaries of a version that the selection covers (published only, for the public),
	 * each with the committee's response to it. A response is public exactly when its summary is:
	 * only a published summary's is read (the service refuses one to a draft; this does not rely on it).
	 */
	summaries(version: DraftVersion): SummaryOut[] {
		const rows = this.statement(
			'summaries',
			() =>
				`select ls.*, u.display_name,
					sr.id as response_id, sr.status as response_status, sr.explanation as response_explanation,
					rv.number as response_acted_in, sr.author_id as response_author_id, ru.display_name as response_author_name,
					sr.created_at as response_created_at, sr.updated_at as response_updated_at
				 from liaison_summaries ls left join users u on u.id = ls.author_id
				 left join summary_responses sr on sr.summary_id = ls.id and ${PUBLIC.summary}
				 left join users ru on ru.id = sr.author_id
				 left join draft_versions rv on rv.id = sr.acted_in_version_id
				 where ls.version_id = @version` +
				(this.isPublic ? ` and ${PUBLIC.summary}` : '') +
				this.where.common('ls.language', 'coalesce(ls.published_at, ls.created_at)') +
				` order by ls.language, ls.id`
		).all(this.where.params({ version: version.id })) as {
			id: number;
			language: string;
			author_id: number | null;
			display_name: string | null;
			status: 'draft' | 'published';
			narrative: string;
			narrative_language: string;
			narrative_translation: string | null;
			translation_language: string | null;
			published_at: number | null;
			updated_at: number;
			response_id: number | null;
			response_status: ResponseStatus | null;
			response_explanation: string | null;
			response_acted_in: number | null;
			response_author_id: number | null;
			response_author_name: string | null;
			response_created_at: number | null;
			response_updated_at: number | null;
		}[];
		const channels = this.statement(
			'channels',
			() => `select kind, description, participants, started_on, ended_on from summary_channels where summary_id = ? order by position, id`
		);
		return rows.map((r) => {
			const list = (channels.all(r.id) as { kind: string; description: string; participants: number; started_on: string | null; ended_on: string | null }[]).map(
				(c) => ({ kind: c.kind, description: c.description, participants: c.participants, startedOn: c.started_on, endedOn: c.ended_on })
			);
			return {
				id: r.id,
				language: r.language,
				author: r.author_id === null ? null : r.display_name,
				visibility: r.status === 'published' ? 'public' : 'draft',
				narrative: r.narrative,
				narrativeLanguage: r.narrative_language,
				narrativeTranslation: r.narrative_translation,
				translationLanguage: r.translation_language,
				publishedAt: r.published_at,
				updatedAt: r.updated_at,
				participants: list.reduce((sum, c) => sum + c.participants, 0),
				channels: list,
				link: this.summaryLink(r.id, r.status),
				response:
					r.response_id === null
						? null
						: {
								status: r.response_status!,
								explanation: r.response_explanation!,
								actedInVersion: r.response_acted_in,
								author: this.author(r.response_author_id, r.response_author_name).author,
								createdAt: r.response_created_at!,
								updatedAt: r.response_updated_at!
							}
			};
		});
	}

	// -----------------------------------------------------------------------------------------
	// Feedback items

	/**
	 * The feedback items on one clause revision, row by row: stances, then comments each followed by
	 * its replies, then liaison points each followed by its quotes, then committee responses (to the
	 * clause's feedback as a whole first). `kinds` limits what is read.
	 */
	*items(head: ClauseHead, kinds: ReadonlySet<ItemKind> = ALL_KINDS): Generator<FeedbackItem> {
		if (kinds.has('stance')) yield* this.stanceItems(head);
		if (kinds.has('comment') || kinds.has('reply')) yield* this.commentItems(head, kinds);
		if (kinds.has('liaison-point') || kinds.has('liaison-quote')) yield* this.liaisonItems(head, kinds);
		if (kinds.has('committee-response')) yield* this.responseItems(head);
	}

	/**
	 * A participant's display name, remembered for the rest of the export. Looking names up as the
	 * rows come is much cheaper than joining every stance to its author: a join makes SQLite walk the
	 * users table once per row, at random, where each person's name is read once here.
	 */
	private displayName(userId: number): string | null {
		let name = this.names.get(userId);
		if (name === undefined) {
			name = (this.nameStatement.get(userId) as string | undefined) ?? null;
			// Bounded: a consultation with millions of participants reads some names twice rather than keeping all.
			if (this.names.size >= MAX_NAMES) this.names.clear();
			this.names.set(userId, name);
		}
		return name;
	}

	private author(authorId: number | null, name: string | null): { author: string | null; authorStatus: AuthorStatus } {
		return authorId === null ? { author: null, authorStatus: 'former-participant' } : { author: name, authorStatus: 'named' };
	}

	/**
	 * A reason's or quote's translations (the JSON of feedbackTranslationsSql), translators by public
	 * display name only, as for every author in the export; and the current human ones by language,
	 * the `translations` every format has (machine translations are never there, as for comments).
	 */
	private feedbackTranslations(json: string | null, into: Record<string, string> = {}): { records: FeedbackTranslationOut[]; byLanguage: Record<string, string> } {
		if (json === null || json === '[]') return { records: [], byLanguage: Object.keys(into).length ? into : NO_TRANSLATIONS };
		const records = (JSON.parse(json) as FeedbackTranslationRow[]).map(([language, text, translatorId, machine, updatedAt, outdated]) => ({
			language,
			text,
			translator: machine || translatorId === null ? null : this.displayName(translatorId),
			machine: machine === 1,
			outdated: outdated === 1,
			updatedAt
		}));
		const byLanguage = { ...into };
		for (const r of records) if (!r.machine && !r.outdated && !(r.language in byLanguage)) byLanguage[r.language] = r.text;
		return { records, byLanguage: Object.keys(byLanguage).length ? byLanguage : NO_TRANSLATIONS };
	}

	private *stanceItems(head: ClauseHead): Generator<FeedbackItem> {
		const rows = this.statement(
			'stances',
			() =>
				`select s.id, s.stance, s.reason, s.language, s.community, s.affiliation, s.committee_only, s.created_at, s.updated_at, s.user_id,
					case when s.reason is null then null else ${feedbackTranslationsSql('stance_id', 's.id', 's.reason')} end as translations
				 ${this.where.stances('= @revision')}
				 order by s.created_at, s.id`,
			true
		).iterate(this.where.params({ revision: head.revisionId })) as IterableIterator<StanceRow>;
		const link = head.link;
		const reasonsLink = `${link}#reasons`;
		const committee = !this.isPublic;
		for (const [id, stance, reason, language, community, affiliation, committeeOnly, createdAt, updatedAt, userId, translationsJson] of rows) {
			// The site shows who gave a reason, never who took a stance without one.
			const anonymous = !committee && reason === null;
			const translations = reason === null ? null : this.feedbackTranslations(translationsJson);
			yield {
				kind: 'stance',
				id: `stance-${id}`,
				parentId: null,
				versionNumber: head.versionNumber,
				revisionId: head.revisionId,
				clauseKey: head.key,
				clauseLabel: head.label,
				community,
				language,
				author: anonymous || userId === null ? null : this.displayName(userId),
				authorStatus: anonymous ? 'anonymous' : userId === null ? 'former-participant' : 'named',
				affiliation: committee ? affiliation || null : null,
				stance,
				text: reason ?? '',
				translations: translations?.byLanguage ?? NO_TRANSLATIONS,
				translationRecords: translations?.records ?? null,
				reported: null,
				createdAt,
				updatedAt,
				responseStatus: null,
				actedInVersion: null,
				deleted: false,
				visibility: committeeOnly ? 'committee-only' : 'public',
				moderation: null,
				moderationReason: null,
				link: reason === null ? link : reasonsLink
			};
		}
	}

	private *commentItems(head: ClauseHead, kinds: ReadonlySet<ItemKind>): Generator<FeedbackItem> {
		const rows = this.statement(
			'comments',
			() =>
				`select c.id, c.parent_id, c.language, c.body, c.community, c.affiliation, c.created_at, c.updated_at, c.committee_only,
					c.moderation, c.moderation_reason, c.deleted_at, c.author_id,
					(select json_group_object(t.language, t.body) from comment_translations t where t.comment_id = c.id and t.machine = 0) as translations,
					r.status as response_status, rv.number as acted_in
				 ${this.where.comments(
						'= @revision',
						`left join committee_responses r on r.id = (
							select x.id from committee_responses x where x.comment_id = c.id order by x.updated_at desc, x.id desc limit 1)
						 left join draft_versions rv on rv.id = r.acted_in_version_id`
					)}
				 order by coalesce(c.parent_id, c.id), c.parent_id is not null, c.created_at, c.id`,
			true
		).iterate(this.where.params({ revision: head.revisionId })) as IterableIterator<CommentRow>;
		const committee = !this.isPublic;
		const wantComments = kinds.has('comment');
		const wantReplies = kinds.has('reply');
		for (const [
			id,
			parentId,
			language,
			body,
			community,
			affiliation,
			createdAt,
			updatedAt,
			committeeOnly,
			moderation,
			moderationReason,
			deletedAt,
			authorId,
			translations,
			responseStatus,
			actedIn
		] of rows) {
			if (parentId === null ? !wantComments : !wantReplies) continue;
			const deleted = deletedAt !== null;
			// What the author deleted is gone for the public: no text, no author, no translations.
			const gone = deleted && !committee;
			yield {
				kind: parentId === null ? 'comment' : 'reply',
				id: `comment-${id}`,
				parentId: parentId === null ? null : `comment-${parentId}`,
				versionNumber: head.versionNumber,
				revisionId: head.revisionId,
				clauseKey: head.key,
				clauseLabel: head.label,
				community,
				language,
				author: gone || authorId === null ? null : this.displayName(authorId),
				authorStatus: gone ? 'deleted' : authorId === null ? 'former-participant' : 'named',
				affiliation: committee ? affiliation || null : null,
				stance: null,
				text: gone ? '' : body,
				translations: gone || translations === null || translations === '{}' ? NO_TRANSLATIONS : (JSON.parse(translations) as Record<string, string>),
				translationRecords: null,
				reported: null,
				createdAt,
				updatedAt,
				responseStatus,
				actedInVersion: actedIn,
				deleted,
				visibility: committeeOnly ? 'committee-only' : 'public',
				moderation: committee ? moderation : null,
				moderationReason: committee ? moderationReason : null,
				link: `${head.link}#comment-${id}`
			};
		}
	}

	private *liaisonItems(head: ClauseHead, kinds: ReadonlySet<ItemKind>): Generator<FeedbackItem> {
		const rows = this.statement(
			'liaison',
			() =>
				`select e.id as entry_id, e.asked, e.support, e.oppose, e.neutral, e.key_points, ls.id as summary_id, ls.language,
					ls.narrative_language, ls.status, ls.published_at, ls.created_at, ls.updated_at, ls.author_id, u.display_name,
					q.id as quote_id, q.original, q.language as quote_language, q.translation,
					case when q.id is null then null else ${feedbackTranslationsSql('quote_id', 'q.id', 'q.original')} end as quote_translations
				 ${this.where.liaison('= @revision', 'left join users u on u.id = ls.author_id left join summary_quotes q on q.entry_id = e.id')}
				 order by ls.language, ls.id, e.id, q.position, q.id`
		).iterate(this.where.params({ revision: head.revisionId })) as IterableIterator<LiaisonRow>;
		let entry = -1;
		for (const r of rows) {
			const visibility: Visibility = r.status === 'published' ? 'public' : 'draft';
			const given = r.published_at ?? r.created_at;
			const link = this.summaryLink(r.summary_id, r.status);
			const base = {
				versionNumber: head.versionNumber,
				revisionId: head.revisionId,
				clauseKey: head.key,
				clauseLabel: head.label,
				community: r.language,
				affiliation: null,
				stance: null,
				responseStatus: null,
				actedInVersion: null,
				deleted: false,
				visibility,
				moderation: null,
				moderationReason: null,
				createdAt: given,
				updatedAt: r.updated_at,
				link
			};
			if (r.entry_id !== entry) {
				entry = r.entry_id;
				if (kinds.has('liaison-point')) {
					yield {
						...base,
						kind: 'liaison-point',
						id: `liaison-point-${r.entry_id}`,
						parentId: null,
						language: r.narrative_language,
						...this.author(r.author_id, r.display_name),
						text: r.key_points,
						translations: NO_TRANSLATIONS,
						translationRecords: null,
						reported: r.asked ? { support: r.support, oppose: r.oppose, neutral: r.neutral } : null
					};
				}
			}
			if (r.quote_id !== null && kinds.has('liaison-quote')) {
				// The words of an unnamed member of the community, as the liaison reported them; the
				// liaison's own translation (into the source language) comes first in `translations`.
				const translations = this.feedbackTranslations(r.quote_translations, r.translation ? { [this.sourceLanguage]: r.translation } : {});
				yield {
					...base,
					kind: 'liaison-quote',
					id: `liaison-quote-${r.quote_id}`,
					parentId: `liaison-point-${r.entry_id}`,
					language: r.quote_language ?? r.narrative_language,
					author: null,
					authorStatus: 'anonymous',
					text: r.original ?? '',
					translations: translations.byLanguage,
					translationRecords: translations.records,
					reported: null
				};
			}
		}
	}

	private *responseItems(head: ClauseHead): Generator<FeedbackItem> {
		const rows = this.statement(
			'responses',
			() =>
				`select r.id, r.comment_id, r.status, r.explanation, r.created_at, r.updated_at, r.author_id, u.display_name,
					v.number as acted_in, c.community as comment_community, c.committee_only as comment_committee_only
				 ${this.where.responses('= @revision', 'left join users u on u.id = r.author_id left join draft_versions v on v.id = r.acted_in_version_id')}
				 order by r.comment_id is not null, r.created_at, r.id`
		).iterate(this.where.params({ revision: head.revisionId })) as IterableIterator<ResponseRow>;
		for (const r of rows) {
			yield {
				kind: 'committee-response',
				id: `committee-response-${r.id}`,
				parentId: r.comment_id === null ? null : `comment-${r.comment_id}`,
				versionNumber: head.versionNumber,
				revisionId: head.revisionId,
				clauseKey: head.key,
				clauseLabel: head.label,
				community: r.comment_community ?? '',
				// The committee writes in the consultation's source language.
				language: this.sourceLanguage,
				...this.author(r.author_id, r.display_name),
				affiliation: null,
				stance: null,
				text: r.explanation,
				translations: NO_TRANSLATIONS,
				translationRecords: null,
				reported: null,
				createdAt: r.created_at,
				updatedAt: r.updated_at,
				responseStatus: r.status,
				actedInVersion: r.acted_in,
				deleted: false,
				visibility: r.comment_committee_only ? 'committee-only' : 'public',
				moderation: null,
				moderationReason: null,
				link: r.comment_id === null ? head.link : `${head.link}#comment-${r.comment_id}`
			};
		}
	}

	/**
	 * The clause's comments that drew the most replies and committee responses (at least one), for
	 * the reports: top-level comments in the selection, deleted ones left out.
	 */
	notableComments(head: ClauseHead, limit = 5): NotableComment[] {
		const publicReply = this.isPublic ? ` and ${PUBLIC.reply}` : '';
		const rows = this.statement(
			'notable',
			() =>
				`select * from (
					select c.id, c.body, c.language, c.community, c.created_at, c.author_id, u.display_name,
						(select count(*) from comments y where y.parent_id = c.id${publicReply}) as replies,
						(select count(*) from committee_responses x where x.comment_id = c.id) as responses,
						(select x.status from committee_responses x where x.comment_id = c.id order by x.updated_at desc, x.id desc limit 1) as response_status
					${this.where.comments('= @revision', 'left join users u on u.id = c.author_id')}
						and c.parent_id is null and c.deleted_at is null
				) where replies + responses > 0
				order by replies + responses desc, created_at, id
				limit @limit`
		).all(this.where.params({ revision: head.revisionId, limit })) as {
			id: number;
			body: string;
			language: string;
			community: string;
			created_at: number;
			author_id: number | null;
			display_name: string | null;
			replies: number;
			responses: number;
			response_status: ResponseStatus | null;
		}[];
		return rows.map((r) => ({
			id: r.id,
			...this.author(r.author_id, r.display_name),
			community: r.community,
			language: r.language,
			text: r.body,
			createdAt: r.created_at,
			replies: r.replies,
			responses: r.responses,
			responseStatus: r.response_status,
			link: `${head.link}#comment-${r.id}`
		}));
	}

	// -----------------------------------------------------------------------------------------
	// Counts

	/** How many items of each kind the export will contain (what the export page shows before downloading). */
	counts(): ItemCounts {
		const ids = this.selection.versions.flatMap((v) => this.revisionIds(v));
		const out = emptyCounts();
		if (ids.length === 0) return out;
		const revisions = `in (${ids.join(',')})`;
		const params = this.where.params();
		const one = (sql: string) => (this.connection.sqlite.prepare(sql).get(params) as { n: number | null }).n ?? 0;
		out.stance = one(`select count(*) as n ${this.where.stances(revisions)}`);
		const comments = this.connection.sqlite
			.prepare(`select sum(c.parent_id is null) as comments, sum(c.parent_id is not null) as replies ${this.where.comments(revisions)}`)
			.get(params) as { comments: number | null; replies: number | null };
		out.comment = comments.comments ?? 0;
		out.reply = comments.replies ?? 0;
		out['liaison-point'] = one(`select count(*) as n ${this.where.liaison(revisions)}`);
		out['liaison-quote'] = one(
			`select count(*) as n ${this.where.liaison(revisions, 'join summary_quotes q on q.entry_id = e.id')}`
		);
		out['committee-response'] = one(`select count(*) as n ${this.where.responses(revisions)}`);
		out.total = out.stance + out.comment + out.reply + out['liaison-point'] + out['liaison-quote'] + out['committee-response'];
		return out;
	}
}
