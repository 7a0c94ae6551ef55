// Committee-only feedback: who may read a committee-only comment or stance reason. Every service that
// reads comment bodies, reasons or their authors filters with these conditions in SQL, so text a
// reader may not read never leaves the database for them (see docs/privacy.md).
//
// The rules:
// - the drafting committee (committee members and admins of the consultation) reads everything;
// - the author reads their own committee-only comments and reasons;
// - a reply to a committee-only comment is committee-only too (addComment enforces it), and the
//   thread is a private conversation between its author and the committee: the author of a
//   committee-only comment also reads the committee-only replies to it;
// - everyone else sees neither the text nor the author, only that some feedback was for the
//   committee (the counts include it).
// What the public may read — also what the public export, the digests, the waiting-for-translation
// list and 'what we heard' show — is spelled once below (`reasonIsPublic`, `commentIsPublic`,
// `commentIsShown`, `commentInPublicThread`, `summaryIsPublic`), over any alias of the table, and as
// SQL text (`publicSql`) for the export's raw row-by-row statements. A new private kind of item
// gets its rule here; privacy/rules.test.ts fails when a service spells one itself.
import { and, eq, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import { alias, SQLiteSyncDialect, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { comments, liaisonSummaries, stances } from '../db/schema';

/** Who reads a list that is the same for everyone of a kind: anyone at all, or the drafting committee (everything). */
export type Audience = 'public' | 'committee';

/** The columns of `stances` (or an alias of it) the rules read. */
export interface ReasonColumns {
	committeeOnly: AnySQLiteColumn;
}

/** The columns of `comments` (or an alias of it) the rules read. */
export interface CommentColumns {
	committeeOnly: AnySQLiteColumn;
	moderation: AnySQLiteColumn;
	parentId: AnySQLiteColumn;
}

/** A stance's reason (and who gave it) is for everyone, not for the committee only. */
export function reasonIsPublic(s: ReasonColumns = stances): SQL {
	return sql`${s.committeeOnly} = 0`;
}

/** A comment is for everyone, not for the committee only (moderation is `commentIsShown`). */
export function commentIsPublic(c: Pick<CommentColumns, 'committeeOnly'> = comments): SQL {
	return sql`${c.committeeOnly} = 0`;
}

/** A comment no moderator hid and that does not wait for review. */
export function commentIsShown(c: Pick<CommentColumns, 'moderation'> = comments): SQL {
	return sql`${c.moderation} = 'visible'`;
}

/**
 * A comment as the public export shows it: public and shown, and a reply only under a parent that
 * is too (`parent` is the parent's alias, joined by the caller; null when the comment is top-level).
 */
export function commentInPublicThread(c: CommentColumns, parent: Pick<CommentColumns, 'committeeOnly' | 'moderation'>): SQL {
	return sql`${commentIsPublic(c)} and ${commentIsShown(c)} and (${isNull(c.parentId)} or (${commentIsPublic(parent)} and ${commentIsShown(parent)}))`;
}

/** A liaison summary its liaison published (a draft is for them and the committee). */
export function summaryIsPublic(ls: { status: AnySQLiteColumn } = liaisonSummaries): SQL {
	return sql`${ls.status} = 'published'`;
}

/** A condition that applies to the public only: the committee reads everything (no condition). */
export function forAudience(audience: Audience, condition: SQL): SQL | undefined {
	return audience === 'committee' ? undefined : condition;
}

const dialect = new SQLiteSyncDialect();

/** A rule as SQL text, for statements written as text. Rules carry no parameters: one that did would be a bug here. */
function sqlText(fragment: SQL): string {
	const query = dialect.sqlToQuery(fragment);
	if (query.params.length > 0) throw new Error(`a visibility rule with parameters cannot be written as text: ${query.sql}`);
	return query.sql;
}

/**
 * The rules as SQL text over the given table aliases, for statements written as text: the export
 * streams its rows through better-sqlite3 statements, and a few services write unions in raw SQL
 * (`sql.raw(publicSql.commentShown('rep'))` there).
 */
export const publicSql = {
	reason: (s: string) => sqlText(reasonIsPublic(alias(stances, s))),
	commentPublic: (c: string) => sqlText(commentIsPublic(alias(comments, c))),
	commentShown: (c: string) => sqlText(commentIsShown(alias(comments, c))),
	/** Public and shown (not its thread: `commentInThread`). */
	comment: (c: string) => sqlText(and(commentIsPublic(alias(comments, c)), commentIsShown(alias(comments, c)))!),
	commentInThread: (c: string, parent: string) => sqlText(commentInPublicThread(alias(comments, c), alias(comments, parent))),
	summary: (ls: string) => sqlText(summaryIsPublic(alias(liaisonSummaries, ls)))
};

/**
 * The reader of a page: who is reading, and so what they may see of it. The one description every
 * list and check takes (comments, reasons, responses, "what we heard", earlier feedback, the API).
 * Bodies a reader may not see never leave the services: a withheld comment's `html` is then empty
 * and its `author` null (comments/service.ts `readableBy`).
 */
export interface Reader {
	userId: number | null;
	/** The drafting committee (or an admin) of the consultation being read: reads committee-only material. */
	committee: boolean;
	/** Moderators, the committee and admins of the consultation: they read hidden and pending comments, marked. */
	moderates: boolean;
}

/** What the committee-only rules look at: moderation is another matter (reasons are never moderated). */
export type CommitteeOnlyReading = Pick<Reader, 'userId' | 'committee'>;

/** A reader who is not signed in: the most restricted view, and the default. */
export const PUBLIC_READER: Reader = { userId: null, committee: false, moderates: false };

/**
 * The reader for a signed-in user (or null) with their permissions in the consultation. An
 * administrator is both committee and moderator in `permissionsOf`, so they moderate too.
 */
export function readerOf(user: { id: number } | null | undefined, permissions: { committee: boolean; moderator: boolean }): Reader {
	return { userId: user?.id ?? null, committee: permissions.committee, moderates: permissions.moderator || permissions.committee };
}

/**
 * SQL: the `comments` row is readable by the reader as far as committee-only goes (moderation is
 * another matter). Undefined for the committee: no condition.
 */
export function commentVisibleTo(reader: CommitteeOnlyReading): SQL | undefined {
	if (reader.committee) return undefined;
	if (reader.userId === null) return commentIsPublic();
	return or(
		commentIsPublic(),
		eq(comments.authorId, reader.userId),
		// The author of a committee-only comment reads the (committee-only) replies to it.
		sql`exists (select 1 from comments as private_parent where private_parent.id = ${comments.parentId}
			and private_parent.committee_only = 1 and private_parent.author_id = ${reader.userId})`
	);
}

/** SQL: the committee-only `comments` rows the reader may not read (counted, never shown). */
export function commentHiddenFrom(reader: CommitteeOnlyReading): SQL {
	const visible = commentVisibleTo(reader);
	return visible ? not(visible) : sql`0`;
}

/** SQL: the `stances` row's reason (and who gave it) is readable by the reader. */
export function reasonVisibleTo(reader: CommitteeOnlyReading): SQL | undefined {
	if (reader.committee) return undefined;
	if (reader.userId === null) return reasonIsPublic();
	return or(reasonIsPublic(), eq(stances.userId, reader.userId));
}

/** SQL: the committee-only reasons the reader may not read. */
export function reasonHiddenFrom(reader: CommitteeOnlyReading): SQL {
	const visible = reasonVisibleTo(reader);
	return visible ? not(visible) : sql`0`;
}

/**
 * The same rule for one comment already loaded (with its parent when it is a reply): for checks
 * before acting on a comment named by id. Callers answer "not found" when this is false, so that
 * nobody learns that a committee-only comment exists.
 */
export function canReadComment(
	comment: { committeeOnly: boolean; authorId: number | null },
	parent: { committeeOnly: boolean; authorId: number | null } | null | undefined,
	reader: CommitteeOnlyReading
): boolean {
	if (!comment.committeeOnly || reader.committee) return true;
	if (reader.userId === null) return false;
	if (comment.authorId === reader.userId) return true;
	return Boolean(parent?.committeeOnly && parent.authorId === reader.userId);
}
