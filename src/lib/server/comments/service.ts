// Comments on a clause revision, with one level of replies.
import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { commentRevisions, comments, users, type Comment, type ModerationState } from '../db/schema';
import { renderMarkdown } from '../markdown';
import { bucketOf, bump, firstComment, hasStance } from '../tallies/service';
import { canReadComment, commentHiddenFrom, commentVisibleTo, PUBLIC_READER, type Reader } from '../privacy/visibility';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';

export const COMMENT_PAGE_SIZE = 20;
/** Replies shown under one comment; they are few in practice, and this bounds the page. */
export const MAX_REPLIES_SHOWN = 200;

export class CommentError extends Error {
	constructor(public readonly code: string) {
		super(code);
	}
}

export function addComment(
	db: Queryable,
	input: {
		revisionId: number;
		authorId: number;
		language: string;
		body: string;
		parentId?: number | null;
		/** Only the drafting committee (and the author) may read it; it still counts. */
		committeeOnly?: boolean;
		/** The author is on the consultation's drafting committee (may reply to committee-only comments). */
		committee?: boolean;
		now?: number;
	}
): Comment {
	const now = input.now ?? Date.now();
	let committeeOnly = input.committeeOnly ?? false;
	if (input.parentId != null) {
		const parent = db.select().from(comments).where(eq(comments.id, input.parentId)).get();
		// A committee-only comment someone may not read is, to them, not there.
		const readable = parent && canReadComment(parent, null, { userId: input.authorId, committee: input.committee ?? false });
		if (!parent || !readable || parent.revisionId !== input.revisionId) throw new CommentError('errors.parentNotFound');
		if (parent.parentId !== null) throw new CommentError('errors.replyDepth');
		// A hidden, pending or deleted comment's thread is closed: its replies stay, no new ones come.
		if (parent.deletedAt !== null || parent.moderation !== 'visible') throw new CommentError('errors.parentClosed');
		// A reply to a committee-only comment stays between its author and the committee.
		committeeOnly ||= parent.committeeOnly;
	}
	// The comment and its tally land together.
	return db.transaction((tx) => {
		const bucket = bucketOf(tx, input.authorId);
		const counted = hasStance(tx, input.revisionId, input.authorId) || firstComment(tx, input.revisionId, input.authorId) !== undefined;
		const comment = tx
			.insert(comments)
			.values({
				revisionId: input.revisionId,
				authorId: input.authorId,
				parentId: input.parentId ?? null,
				language: input.language,
				body: input.body,
				committeeOnly,
				...bucket,
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		bump(tx, input.revisionId, bucket, { comments: 1, participants: counted ? 0 : 1 });
		return comment;
	});
}

/** An earlier body of an edited comment (see comments/authoring.ts). */
export interface CommentRevisionView {
	html: string;
	language: string;
	/** When this body was replaced by the next one. */
	replacedAt: number;
}

export interface CommentView {
	id: number;
	/** With their @username and their roles in the consultation (people/badges.ts); null for a former participant. */
	author: PersonView | null;
	language: string;
	/** Empty when `withheld`. */
	html: string;
	createdAt: number;
	editedAt: number | null;
	/** 'hidden' by a moderator (readers see the reason), or 'pending' review after enough reports. */
	moderation: ModerationState;
	/** The moderator's stated reason, for hidden comments (readers see it too). */
	moderationReason: string | null;
	/** The author deleted it: no body, no author; replies stay. */
	deleted: boolean;
	/** The reader may not read this comment's body or author (hidden, pending or deleted). */
	withheld: boolean;
	/** The reader wrote it. */
	mine: boolean;
	/** The reader may still edit it (their own, visible, within the edit window). */
	editable: boolean;
	/** The Markdown source, for the author's edit form only (null otherwise). */
	source: string | null;
	/** Earlier bodies, oldest first, when edited and readable by the reader. */
	history: CommentRevisionView[];
	/** For the drafting committee only (the reader is the committee or the author: no one else receives it). */
	committeeOnly: boolean;
	replies: CommentView[];
}

export interface CommentQuery {
	order: 'newest' | 'oldest';
	language: string | null;
	page: number;
	pageSize?: number;
	/** Who is reading; PUBLIC_READER when absent. */
	reader?: Reader;
	/** For the edit window; Date.now() when absent. */
	now?: number;
}

export interface CommentPage {
	items: CommentView[];
	/** Top-level comments matching the filter. */
	total: number;
	page: number;
	pageCount: number;
	/** Top-level comments per language, for the filter. */
	languages: { language: string; count: number }[];
	/** Comments and replies on the revision that are for the committee only and not readable by this reader. */
	committeeOnlyHidden: number;
}

/** The columns of a comment and its author (with the author's roles in the comment's consultation). */
const commentColumns = (revisionId: number) => ({
	id: comments.id,
	parentId: comments.parentId,
	authorId: comments.authorId,
	language: comments.language,
	body: comments.body,
	createdAt: comments.createdAt,
	editedAt: comments.editedAt,
	moderation: comments.moderation,
	moderationReason: comments.moderationReason,
	deletedAt: comments.deletedAt,
	committeeOnly: comments.committeeOnly,
	...personColumns(users, consultationOfRevision(revisionId))
});

type CommentRow = {
	id: number;
	parentId: number | null;
	authorId: number | null;
	language: string;
	body: string;
	createdAt: number;
	editedAt: number | null;
	moderation: ModerationState;
	moderationReason: string | null;
	deletedAt: number | null;
	committeeOnly: boolean;
	username: string | null;
	displayName: string | null;
	isSiteAdmin: boolean | null;
	roles: string | null;
};

/** How long after posting the author may still edit a comment (COMMENT_EDIT_WINDOW_MINUTES, default 60). */
export function commentEditWindowMs(): number {
	const raw = process.env.COMMENT_EDIT_WINDOW_MINUTES?.trim();
	const minutes = raw ? Number(raw) : 60;
	return (Number.isFinite(minutes) && minutes >= 0 ? minutes : 60) * 60_000;
}

/**
 * Whether the reader may read a comment's body and author: nobody once the author deleted it;
 * for hidden and pending comments, only those who moderate and the author.
 */
export function readableBy(
	comment: { authorId: number | null; moderation: ModerationState; deletedAt: number | null },
	reader: Reader
): boolean {
	if (comment.deletedAt !== null) return false;
	if (comment.moderation === 'visible') return true;
	return reader.moderates || (reader.userId !== null && comment.authorId === reader.userId);
}

function toView(row: CommentRow, reader: Reader, now: number): CommentView {
	const readable = readableBy(row, reader);
	const mine = reader.userId !== null && row.authorId === reader.userId;
	const editable = mine && row.deletedAt === null && row.moderation === 'visible' && now - row.createdAt <= commentEditWindowMs();
	return {
		id: row.id,
		author: readable ? personOf(row) : null,
		language: row.language,
		html: readable ? renderMarkdown(row.body) : '',
		createdAt: row.createdAt,
		editedAt: row.editedAt,
		moderation: row.moderation,
		moderationReason: row.moderation === 'hidden' ? (row.moderationReason ?? '') : null,
		deleted: row.deletedAt !== null,
		withheld: !readable,
		mine,
		editable,
		source: editable ? row.body : null,
		history: [],
		committeeOnly: row.committeeOnly,
		replies: []
	};
}

/** Fills in the earlier bodies of the edited comments the reader may read, in one query. */
function attachHistory(db: Queryable, views: CommentView[]): void {
	const edited = new Map(views.filter((v) => v.editedAt !== null && !v.withheld).map((v) => [v.id, v]));
	if (edited.size === 0) return;
	const rows = db
		.select()
		.from(commentRevisions)
		.where(inArray(commentRevisions.commentId, [...edited.keys()]))
		.orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id))
		.all();
	for (const row of rows) {
		edited.get(row.commentId)!.history.push({ html: renderMarkdown(row.body), language: row.language, replacedAt: row.replacedAt });
	}
}

/** One page of top-level comments on a revision, each with its replies (oldest first). */
export function listComments(db: Queryable, revisionId: number, query: CommentQuery): CommentPage {
	const pageSize = query.pageSize ?? COMMENT_PAGE_SIZE;
	const reader = query.reader ?? PUBLIC_READER;
	const now = query.now ?? Date.now();
	// Committee-only comments the reader may not read are left out here, in the SQL (docs/privacy.md).
	const visible = commentVisibleTo(reader);
	const conditions: SQL[] = [eq(comments.revisionId, revisionId), isNull(comments.parentId)];
	if (visible) conditions.push(visible);
	// The count per language (the language filter's choices) also gives the total: one index scan.
	const languages = db
		.select({ language: comments.language, count: count() })
		.from(comments)
		.where(and(...conditions))
		.groupBy(comments.language)
		.orderBy(desc(count()))
		.all();
	if (query.language) conditions.push(eq(comments.language, query.language));
	const where = and(...conditions);

	const total = query.language
		? (languages.find((l) => l.language === query.language)?.count ?? 0)
		: languages.reduce((sum, l) => sum + l.count, 0);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, query.page), pageCount);
	const ordering =
		query.order === 'oldest'
			? [asc(comments.createdAt), asc(comments.id)]
			: [desc(comments.createdAt), desc(comments.id)];
	const topRows = db
		.select(commentColumns(revisionId))
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(where)
		.orderBy(...ordering)
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	const items = topRows.map((row) => toView(row, reader, now));

	if (items.length > 0) {
		const byId = new Map(items.map((c) => [c.id, c]));
		const replyRows = db
			.select(commentColumns(revisionId))
			.from(comments)
			.leftJoin(users, eq(users.id, comments.authorId))
			.where(and(inArray(comments.parentId, [...byId.keys()]), visible))
			.orderBy(asc(comments.createdAt), asc(comments.id))
			.limit(MAX_REPLIES_SHOWN * items.length)
			.all();
		for (const row of replyRows) {
			const parent = byId.get(row.parentId!);
			if (parent && parent.replies.length < MAX_REPLIES_SHOWN) parent.replies.push(toView(row, reader, now));
		}
	}
	attachHistory(db, [...items, ...items.flatMap((c) => c.replies)]);

	const committeeOnlyHidden = reader.committee
		? 0
		: (db
				.select({ n: count() })
				.from(comments)
				.where(and(eq(comments.revisionId, revisionId), commentHiddenFrom(reader)))
				.get()?.n ?? 0);

	return { items, total, page, pageCount, languages, committeeOnlyHidden };
}

export function getComment(db: Queryable, id: number): Comment | undefined {
	return db.select().from(comments).where(eq(comments.id, id)).get();
}

/** A comment given in this consultation (on any of its versions); another consultation's is not there. */
export function getCommentIn(db: Queryable, id: number, consultationId: number): Comment | undefined {
	return db
		.select()
		.from(comments)
		.where(and(eq(comments.id, id), eq(consultationOfRevision(comments.revisionId), consultationId)))
		.get();
}
