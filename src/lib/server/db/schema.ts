// The database schema. SQL names are snake_case, TypeScript fields camelCase, times are integer
// milliseconds since the epoch. Unique indexes encode the rules (one stance per participant per
// clause revision, one translation per revision and language, one clause key per consultation).
import { sql } from 'drizzle-orm';
import {
	type AnySQLiteColumn,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const AFFILIATIONS = ['volunteer', 'staff', 'affiliate', 'other', 'prefer-not'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export const STANCES = ['support', 'oppose', 'neutral'] as const;
export type StanceValue = (typeof STANCES)[number];

export const ROLES = ['admin', 'committee', 'moderator', 'translator', 'liaison'] as const;
export type Role = (typeof ROLES)[number];
/** Roles held for one language of a consultation rather than for the whole of it. */
export const LANGUAGE_ROLES: readonly Role[] = ['translator', 'liaison'];

export const users = sqliteTable('users', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Lower-case, unique; used to log in. */
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	/** BCP 47 tags the person reads and writes; the first is their home language community. */
	languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
	affiliation: text('affiliation', { enum: AFFILIATIONS }),
	/** UI locale chosen by the person; null means "detect". */
	locale: text('locale'),
	/** Site administrators create consultations and assign roles in any of them. */
	isSiteAdmin: integer('is_site_admin', { mode: 'boolean' }).notNull().default(false),
	/**
	 * Made by the demo builder, with a password printed on the console and in the README: such an
	 * account may log in (and its sessions count) only while demo mode is on. `npm run demo:remove`
	 * deletes them.
	 */
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
	createdAt: integer('created_at').notNull().default(now)
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** Hex SHA-256 of the session token; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull().default(now),
		/** The browser's User-Agent when the session began (shown in the session list; at most 300 characters). */
		userAgent: text('user_agent').notNull().default(''),
		/** When the session was last used to make a request (updated at most once a minute). */
		lastSeenAt: integer('last_seen_at')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/**
 * Random keys the server makes for itself on first use and keeps across restarts, e.g. the key that
 * signs "known device" cookies (auth/known-device.ts). Never shown, exported or logged.
 */
export const serverSecrets = sqliteTable('server_secrets', {
	name: text('name').primaryKey(),
	/** Base64 of random bytes. */
	value: text('value').notNull(),
	createdAt: integer('created_at').notNull().default(now)
});

/**
 * One-time results of form posts sent without JavaScript (http/flash.ts): the action's answer —
 * message, typed values, per-field errors — kept for the page the browser is redirected to, read
 * once, then deleted. Server-side because a cookie (4 KB) cannot hold a 10,000-character comment.
 */
export const flashMessages = sqliteTable(
	'flash_messages',
	{
		/** Hex SHA-256 of the random token in the flash cookie; the token itself is never stored. */
		id: text('id').primaryKey(),
		/** The session that posted (null for visitors): no other session may read it. */
		sessionId: text('session_id'),
		/** The page it is shown on (path only). */
		path: text('path').notNull(),
		/** JSON: the action's status and data. */
		payload: text('payload').notNull(),
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [index('flash_messages_expires_idx').on(t.expiresAt)]
);

export const consultations = sqliteTable('consultations', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	/** Markdown. */
	description: text('description').notNull().default(''),
	sourceLanguage: text('source_language').notNull(),
	/** Every language the consultation runs in, the source language included. */
	languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
	status: text('status', { enum: ['open', 'closed'] })
		.notNull()
		.default('open'),
	/**
	 * When feedback closes (ms, UTC), set by the consultation's administrators; null: no date. From
	 * then on the consultation refuses new stances, comments and replies as a closed one does
	 * (consultations/closing.ts).
	 */
	closesAt: integer('closes_at'),
	/** Communities with fewer participants on a clause are listed but do not enter the cross-community measures. */
	minCommunitySize: integer('min_community_size').notNull().default(5),
	/** Whether liaison-reported counts enter the cross-community measures (off: they are only shown beside). */
	measuresIncludeLiaisonCounts: integer('measures_include_liaison_counts', { mode: 'boolean' }).notNull().default(false),
	/** A comment is hidden pending a moderator's review once this many different people reported it. */
	reportThreshold: integer('report_threshold').notNull().default(3),
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at').notNull().default(now)
});

export const draftVersions = sqliteTable(
	'draft_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		status: text('status', { enum: ['draft', 'published'] })
			.notNull()
			.default('draft'),
		publishedAt: integer('published_at'),
		/** The change note: what this version is and what changed. */
		note: text('note').notNull().default(''),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [uniqueIndex('draft_versions_number_uq').on(t.consultationId, t.number)]
);

/** A clause's lineage: the stable identity that its revisions in successive versions share. */
export const clauses = sqliteTable(
	'clauses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [uniqueIndex('clauses_key_uq').on(t.consultationId, t.key)]
);

export const clauseRevisions = sqliteTable(
	'clause_revisions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		clauseId: integer('clause_id')
			.notNull()
			.references(() => clauses.id, { onDelete: 'cascade' }),
		versionId: integer('version_id')
			.notNull()
			.references(() => draftVersions.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		label: text('label').notNull(),
		heading: text('heading').notNull(),
		/** Markdown, in the consultation's source language. */
		body: text('body').notNull(),
		/**
		 * False when the committee marked the change from the clause's previous revision as not
		 * affecting translations (a typo fix): carried-forward translations then stay current.
		 */
		affectsTranslations: integer('affects_translations', { mode: 'boolean' }).notNull().default(true),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [
		uniqueIndex('clause_revisions_version_clause_uq').on(t.versionId, t.clauseId),
		index('clause_revisions_version_position_idx').on(t.versionId, t.position)
	]
);

export const clauseTranslations = sqliteTable(
	'clause_translations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		heading: text('heading').notNull(),
		body: text('body').notNull(),
		translatorId: integer('translator_id').references(() => users.id, { onDelete: 'set null' }),
		/** The revision whose source text was translated: an earlier one when carried forward. */
		basedOnRevisionId: integer('based_on_revision_id').references(() => clauseRevisions.id, { onDelete: 'set null' }),
		/** The source text changed since: the translation describes an earlier wording. */
		outdated: integer('outdated', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [uniqueIndex('clause_translations_revision_language_uq').on(t.revisionId, t.language)]
);

export const stances = sqliteTable(
	'stances',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		/** Null once the participant deleted their account: the stance keeps counting anonymously. */
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		stance: text('stance', { enum: STANCES }).notNull(),
		reason: text('reason'),
		/** The language the reason is written in (the participant's home language by default). */
		language: text('language').notNull(),
		/** The reason (and who gave it) is for the drafting committee only; the stance still counts in every tally. */
		committeeOnly: integer('committee_only', { mode: 'boolean' }).notNull().default(false),
		/**
		 * Set when the participant deleted their account: a random key shared by all of that person's
		 * contributions (it names no one), so a recount of the tallies still counts them once per revision.
		 */
		formerParticipant: text('former_participant'),
		/** The participant's home language community when the stance was given: the tally it counts in. */
		community: text('community').notNull(),
		/** Their self-declared affiliation then ('' when none). */
		affiliation: text('affiliation').notNull().default(''),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [
		uniqueIndex('stances_revision_user_uq').on(t.revisionId, t.userId),
		index('stances_revision_stance_idx').on(t.revisionId, t.stance),
		index('stances_revision_updated_idx').on(t.revisionId, t.updatedAt),
		index('stances_user_idx').on(t.userId),
		// Pages through, and counts, the reasons a reader may read (and the committee-only ones they may not) from the index alone.
		index('stances_reasons_idx').on(t.revisionId, t.updatedAt, t.committeeOnly, t.userId).where(sql`${t.reason} is not null`)
	]
);

export const MODERATION_STATES = ['visible', 'hidden', 'pending'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const comments = sqliteTable(
	'comments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		/** Null once the author deleted their account ("former participant"). */
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** Replies are one level deep: a reply's parent is always a top-level comment. */
		parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id, {
			onDelete: 'cascade'
		}),
		language: text('language').notNull(),
		/** Markdown. */
		body: text('body').notNull(),
		/** The author's home language community when they wrote it (the comment's own language is `language`). */
		community: text('community').notNull(),
		/** Their self-declared affiliation then ('' when none). */
		affiliation: text('affiliation').notNull().default(''),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now),
		/** Set when the author changed the body after posting (earlier bodies are in comment_revisions). */
		editedAt: integer('edited_at'),
		/** Text and author are for the drafting committee (and the author) only; the comment still counts. */
		committeeOnly: integer('committee_only', { mode: 'boolean' }).notNull().default(false),
		/**
		 * 'hidden': a moderator hid it (readers see the reason); 'pending': hidden automatically after
		 * enough reports, until a moderator reviews it.
		 */
		moderation: text('moderation', { enum: MODERATION_STATES }).notNull().default('visible'),
		moderationReason: text('moderation_reason'),
		moderatedBy: integer('moderated_by').references((): AnySQLiteColumn => users.id, { onDelete: 'set null' }),
		moderatedAt: integer('moderated_at'),
		/** Set when the author deleted it: the body is emptied, replies stay. */
		deletedAt: integer('deleted_at'),
		/** Set when the author deleted their account: the same random key as on their stances (see stances). */
		formerParticipant: text('former_participant')
	},
	(t) => [
		index('comments_revision_parent_created_idx').on(t.revisionId, t.parentId, t.createdAt),
		index('comments_revision_language_created_idx').on(t.revisionId, t.language, t.createdAt),
		index('comments_parent_idx').on(t.parentId),
		index('comments_author_idx').on(t.authorId),
		// The per-language counts of top-level comments a reader may read, from the index alone.
		index('comments_top_language_idx')
			.on(t.revisionId, t.language, t.committeeOnly, t.authorId, t.parentId)
			.where(sql`${t.parentId} is null`),
		index('comments_committee_only_idx').on(t.revisionId, t.authorId, t.parentId).where(sql`${t.committeeOnly} = 1`)
	]
);

/**
 * Feedback counts per clause revision × language community × affiliation, kept up to date in the
 * same transaction as every stance and comment write (scripts/rebuild-tallies.ts recomputes them).
 * `participants` counts the people who took a stance on, or commented on, the revision.
 */
export const clauseTallies = sqliteTable(
	'clause_tallies',
	{
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		community: text('community').notNull(),
		affiliation: text('affiliation').notNull().default(''),
		support: integer('support').notNull().default(0),
		oppose: integer('oppose').notNull().default(0),
		neutral: integer('neutral').notNull().default(0),
		comments: integer('comments').notNull().default(0),
		participants: integer('participants').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.revisionId, t.community, t.affiliation] })]
);

/** A translation of a comment into another language, by a person or by machine translation. */
export const commentTranslations = sqliteTable(
	'comment_translations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		commentId: integer('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		body: text('body').notNull(),
		translatorId: integer('translator_id').references(() => users.id, { onDelete: 'set null' }),
		machine: integer('machine', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [uniqueIndex('comment_translations_uq').on(t.commentId, t.language, t.machine)]
);

export const RESPONSE_STATUSES = ['accepted', 'partly', 'declined', 'noted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/**
 * The drafting committee's answer to the feedback on a clause revision, or to one comment on it:
 * what it decided, why, and in which version it acted.
 */
export const committeeResponses = sqliteTable(
	'committee_responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		/** Set when the response answers one comment rather than the clause's feedback as a whole. */
		commentId: integer('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
		status: text('status', { enum: RESPONSE_STATUSES }).notNull(),
		/** Markdown. */
		explanation: text('explanation').notNull(),
		actedInVersionId: integer('acted_in_version_id').references(() => draftVersions.id, { onDelete: 'set null' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('committee_responses_revision_idx').on(t.revisionId), index('committee_responses_comment_idx').on(t.commentId)]
);

export const SUMMARY_CHANNELS = [
	'on-wiki',
	'chat-group',
	'social-media',
	'video-call',
	'survey',
	'email',
	'in-person',
	'other'
] as const;
export type SummaryChannel = (typeof SUMMARY_CHANNELS)[number];

/**
 * A language liaison's summary of what their community said about a version, on and off the
 * platform. Its numbers are shown beside the on-platform tallies, never added to them silently.
 */
export const liaisonSummaries = sqliteTable(
	'liaison_summaries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		versionId: integer('version_id')
			.notNull()
			.references(() => draftVersions.id, { onDelete: 'cascade' }),
		/** The language community the summary speaks for. */
		language: text('language').notNull(),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		status: text('status', { enum: ['draft', 'published'] })
			.notNull()
			.default('draft'),
		/** Markdown, in `narrativeLanguage`. */
		narrative: text('narrative').notNull().default(''),
		narrativeLanguage: text('narrative_language').notNull(),
		/** An optional translation of the narrative (Markdown), into `translationLanguage`. */
		narrativeTranslation: text('narrative_translation'),
		translationLanguage: text('translation_language'),
		publishedAt: integer('published_at'),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('liaison_summaries_version_language_idx').on(t.versionId, t.language)]
);

/** Where a summary's feedback was gathered, and how many people took part there. */
export const summaryChannels = sqliteTable(
	'summary_channels',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		summaryId: integer('summary_id')
			.notNull()
			.references(() => liaisonSummaries.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: SUMMARY_CHANNELS }).notNull(),
		/** Which group, call or survey (free text). */
		description: text('description').notNull().default(''),
		participants: integer('participants').notNull(),
		/** ISO dates (YYYY-MM-DD). */
		startedOn: text('started_on'),
		endedOn: text('ended_on'),
		position: integer('position').notNull()
	},
	(t) => [index('summary_channels_summary_idx').on(t.summaryId)]
);

/** What a summary reports about one clause: counts as reported (or "not asked") and key points. */
export const summaryEntries = sqliteTable(
	'summary_entries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		summaryId: integer('summary_id')
			.notNull()
			.references(() => liaisonSummaries.id, { onDelete: 'cascade' }),
		revisionId: integer('revision_id')
			.notNull()
			.references(() => clauseRevisions.id, { onDelete: 'cascade' }),
		/** False when the community was not asked for support/oppose/neutral on this clause. */
		asked: integer('asked', { mode: 'boolean' }).notNull().default(true),
		support: integer('support'),
		oppose: integer('oppose'),
		neutral: integer('neutral'),
		/** Markdown. */
		keyPoints: text('key_points').notNull().default('')
	},
	(t) => [uniqueIndex('summary_entries_uq').on(t.summaryId, t.revisionId), index('summary_entries_revision_idx').on(t.revisionId)]
);

/** A representative quote: the original words, and a translation. */
export const summaryQuotes = sqliteTable(
	'summary_quotes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => summaryEntries.id, { onDelete: 'cascade' }),
		original: text('original').notNull(),
		language: text('language').notNull(),
		translation: text('translation').notNull().default(''),
		position: integer('position').notNull()
	},
	(t) => [index('summary_quotes_entry_idx').on(t.entryId)]
);

/**
 * A translation of a stance's reason or of a liaison summary's quote, by a person who reads both
 * languages or by machine translation (comments have their own table, comment_translations). It
 * keeps the text it translated (`source`): when the reason is changed, or the quote edited, the
 * translation is shown as outdated rather than passed off as the new words' meaning.
 */
export const feedbackTranslations = sqliteTable(
	'feedback_translations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: ['reason', 'quote'] }).notNull(),
		/** Set for a reason (kind 'reason'): the stance it was given with. */
		stanceId: integer('stance_id').references(() => stances.id, { onDelete: 'cascade' }),
		/** Set for a quote (kind 'quote'). */
		quoteId: integer('quote_id').references(() => summaryQuotes.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		body: text('body').notNull(),
		/** The original text as it was when translated. */
		source: text('source').notNull(),
		translatorId: integer('translator_id').references(() => users.id, { onDelete: 'set null' }),
		machine: integer('machine', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [
		// One person's translation and one machine translation per text and language, as for comments.
		uniqueIndex('feedback_translations_stance_uq').on(t.stanceId, t.language, t.machine).where(sql`${t.stanceId} is not null`),
		uniqueIndex('feedback_translations_quote_uq').on(t.quoteId, t.language, t.machine).where(sql`${t.quoteId} is not null`),
		index('feedback_translations_language_idx').on(t.language, t.kind)
	]
);

/** Earlier states of a published summary: every edit after publishing keeps the text it replaced. */
export const summaryHistory = sqliteTable(
	'summary_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		summaryId: integer('summary_id')
			.notNull()
			.references(() => liaisonSummaries.id, { onDelete: 'cascade' }),
		/** The whole summary as it was (channels, entries, quotes), as JSON. */
		snapshot: text('snapshot', { mode: 'json' }).notNull(),
		editedBy: integer('edited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [index('summary_history_summary_idx').on(t.summaryId)]
);
/**
 * The drafting committee's answer to a published liaison summary as a whole: what it heard from
 * that community and what it did. One per summary; recording again replaces it.
 */
export const summaryResponses = sqliteTable(
	'summary_responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		summaryId: integer('summary_id')
			.notNull()
			.references(() => liaisonSummaries.id, { onDelete: 'cascade' }),
		status: text('status', { enum: RESPONSE_STATUSES }).notNull(),
		/** Markdown. */
		explanation: text('explanation').notNull(),
		actedInVersionId: integer('acted_in_version_id').references(() => draftVersions.id, { onDelete: 'set null' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [uniqueIndex('summary_responses_summary_uq').on(t.summaryId), index('summary_responses_author_idx').on(t.authorId)]
);

/**
 * What a text of the consultation other than a clause is, for its translations (text_translations):
 * the consultation's title and description, a version's change note, a committee response (to a
 * clause's feedback or a comment; to a liaison summary), a summary entry's key points and a summary
 * channel's description.
 */
export const TEXT_KINDS = [
	'consultation-title',
	'consultation-description',
	'version-note',
	'response',
	'summary-response',
	'key-points',
	'channel-description'
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/**
 * Translations of the consultation's texts other than clauses (TEXT_KINDS), one per text and
 * language. A text is named by `subject_id` (the consultation, version or response id; the summary
 * id for key points and channels, whose rows a summary's every save replaces) and `part` (the
 * clause revision id of key points, the position of a channel; 0 otherwise). No foreign key can
 * point at so many tables: rows whose text is gone are never read, and go with their consultation.
 */
export const textTranslations = sqliteTable(
	'text_translations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: TEXT_KINDS }).notNull(),
		subjectId: integer('subject_id').notNull(),
		part: integer('part').notNull().default(0),
		language: text('language').notNull(),
		/** The translation (Markdown where the source is). */
		text: text('text').notNull(),
		/**
		 * The source text as it was when translated: the translation is outdated while the source
		 * differs from it (compared when read, so every way of editing a source marks it), and the
		 * translator is shown what changed since.
		 */
		sourceText: text('source_text').notNull(),
		translatorId: integer('translator_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [
		uniqueIndex('text_translations_uq').on(t.kind, t.subjectId, t.part, t.language),
		index('text_translations_consultation_language_idx').on(t.consultationId, t.language)
	]
);

export const roleAssignments = sqliteTable(
	'role_assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultations.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		/** The language a translator or liaison serves; '' for roles over the whole consultation. */
		language: text('language').notNull().default(''),
		grantedBy: integer('granted_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [
		uniqueIndex('role_assignments_uq').on(t.consultationId, t.userId, t.role, t.language),
		index('role_assignments_user_idx').on(t.userId)
	]
);

/** A comment's earlier bodies: each edit keeps the text it replaced. */
export const commentRevisions = sqliteTable(
	'comment_revisions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		commentId: integer('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		language: text('language').notNull(),
		/** When this body was replaced. */
		replacedAt: integer('replaced_at').notNull().default(now)
	},
	(t) => [index('comment_revisions_comment_idx').on(t.commentId)]
);

export const REPORT_REASONS = ['harassment', 'personal-information', 'spam', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A signed-in person's report of a comment to the moderators. One open report per person and comment. */
export const reports = sqliteTable(
	'reports',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		commentId: integer('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason', { enum: REPORT_REASONS }).notNull(),
		details: text('details').notNull().default(''),
		/** 'open' until a moderator hides the comment ('upheld') or dismisses the report. */
		status: text('status', { enum: ['open', 'upheld', 'dismissed'] })
			.notNull()
			.default('open'),
		resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
		resolvedAt: integer('resolved_at'),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [
		uniqueIndex('reports_comment_reporter_uq').on(t.commentId, t.reporterId),
		index('reports_status_created_idx').on(t.status, t.createdAt)
	]
);

/**
 * A moderator's suspension of an account in one consultation: no posting, reporting or stances
 * there until `endsAt`. `consultationId` is null only for suspensions issued before they were
 * scoped (migration 0005): those keep applying on the whole site until they end or are lifted.
 */
export const suspensions = sqliteTable(
	'suspensions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		consultationId: integer('consultation_id').references(() => consultations.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		startsAt: integer('starts_at').notNull().default(now),
		endsAt: integer('ends_at').notNull(),
		/** Set when a moderator ended the suspension early. */
		liftedAt: integer('lifted_at'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull().default(now)
	},
	(t) => [
		index('suspensions_user_ends_idx').on(t.userId, t.endsAt),
		index('suspensions_consultation_ends_idx').on(t.consultationId, t.endsAt)
	]
);

/**
 * Every moderation decision and role change: who did what to what, when. Admins read and filter it.
 * `actorName` and `subject` keep the names as they were, so the log survives account deletion.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull().default(now),
		actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
		actorName: text('actor_name').notNull().default(''),
		/** e.g. 'comment.hide', 'comment.restore', 'report.dismiss', 'user.suspend', 'role.grant', 'role.revoke'. */
		action: text('action').notNull(),
		consultationId: integer('consultation_id').references(() => consultations.id, { onDelete: 'set null' }),
		/** 'comment', 'user', 'report', 'role', … and its id. */
		targetType: text('target_type').notNull(),
		targetId: integer('target_id'),
		/** A readable description of the target at the time (a user's name, a role and language). */
		subject: text('subject').notNull().default(''),
		reason: text('reason').notNull().default(''),
		details: text('details', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_at_idx').on(t.action, t.at)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Consultation = typeof consultations.$inferSelect;
export type DraftVersion = typeof draftVersions.$inferSelect;
export type Clause = typeof clauses.$inferSelect;
export type ClauseRevision = typeof clauseRevisions.$inferSelect;
export type ClauseTranslation = typeof clauseTranslations.$inferSelect;
export type Stance = typeof stances.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type RoleAssignment = typeof roleAssignments.$inferSelect;
export type CommentTranslation = typeof commentTranslations.$inferSelect;
export type FeedbackTranslation = typeof feedbackTranslations.$inferSelect;
export type CommitteeResponse = typeof committeeResponses.$inferSelect;
export type SummaryResponse = typeof summaryResponses.$inferSelect;
export type ClauseTally = typeof clauseTallies.$inferSelect;
export type LiaisonSummary = typeof liaisonSummaries.$inferSelect;
export type SummaryChannelRow = typeof summaryChannels.$inferSelect;
export type SummaryEntry = typeof summaryEntries.$inferSelect;
export type SummaryQuote = typeof summaryQuotes.$inferSelect;
export type CommentRevision = typeof commentRevisions.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type Suspension = typeof suspensions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type FlashMessage = typeof flashMessages.$inferSelect;
export type TextTranslation = typeof textTranslations.$inferSelect;
