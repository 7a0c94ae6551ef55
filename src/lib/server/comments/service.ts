// Comments on a clause revision, with one level of replies.
import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { comments, users, type Comment } from '../db/schema';
import { renderMarkdown } from '../markdown';
import { bucketOf, bump, firstComment, hasStance } from '../tallies/service';

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
		now?: number;
	}
): Comment {
	const now = input.now ?? Date.now();
	if (input.parentId != null) {
		const parent = db.select().from(comments).where(eq(comments.id, input.parentId)).get();
		if (!parent || parent.revisionId !== input.revisionId) throw new CommentError('errors.parentNotFound');
		if (parent.parentId !== null) throw new CommentError('errors.replyDepth');
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

export interface CommentView {
	id: number;
	author: { username: string; displayName: string } | null;
	language: string;
	html: string;
	createdAt: number;
	editedAt: number | null;
	replies: CommentView[];
}

export interface CommentQuery {
	order: 'newest' | 'oldest';
	language: string | null;
	page: number;
	pageSize?: number;
}

export interface CommentPage {
	items: CommentView[];
	/** Top-level comments matching the filter. */
	total: number;
	page: number;
	pageCount: number;
	/** Top-level comments per language, for the filter. */
	languages: { language: string; count: number }[];
}

const commentColumns = {
	id: comments.id,
	parentId: comments.parentId,
	language: comments.language,
	body: comments.body,
	createdAt: comments.createdAt,
	editedAt: comments.editedAt,
	username: users.username,
	displayName: users.displayName
};

type CommentRow = {
	id: number;
	parentId: number | null;
	language: string;
	body: string;
	createdAt: number;
	editedAt: number | null;
	username: string | null;
	displayName: string | null;
};

function toView(row: CommentRow): CommentView {
	return {
		id: row.id,
		author: row.username ? { username: row.username, displayName: row.displayName ?? row.username } : null,
		language: row.language,
		html: renderMarkdown(row.body),
		createdAt: row.createdAt,
		editedAt: row.editedAt,
		replies: []
	};
}

/** One page of top-level comments on a revision, each with its replies (oldest first). */
export function listComments(db: Queryable, revisionId: number, query: CommentQuery): CommentPage {
	const pageSize = query.pageSize ?? COMMENT_PAGE_SIZE;
	const conditions: SQL[] = [eq(comments.revisionId, revisionId), isNull(comments.parentId)];
	if (query.language) conditions.push(eq(comments.language, query.language));
	const where = and(...conditions);

	const total = db.select({ n: count() }).from(comments).where(where).get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, query.page), pageCount);
	const ordering =
		query.order === 'oldest'
			? [asc(comments.createdAt), asc(comments.id)]
			: [desc(comments.createdAt), desc(comments.id)];
	const topRows = db
		.select(commentColumns)
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(where)
		.orderBy(...ordering)
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	const items = topRows.map(toView);

	if (items.length > 0) {
		const byId = new Map(items.map((c) => [c.id, c]));
		const replyRows = db
			.select(commentColumns)
			.from(comments)
			.leftJoin(users, eq(users.id, comments.authorId))
			.where(inArray(comments.parentId, [...byId.keys()]))
			.orderBy(asc(comments.createdAt), asc(comments.id))
			.limit(MAX_REPLIES_SHOWN * items.length)
			.all();
		for (const row of replyRows) {
			const parent = byId.get(row.parentId!);
			if (parent && parent.replies.length < MAX_REPLIES_SHOWN) parent.replies.push(toView(row));
		}
	}

	const languages = db
		.select({ language: comments.language, count: count() })
		.from(comments)
		.where(and(eq(comments.revisionId, revisionId), isNull(comments.parentId)))
		.groupBy(comments.language)
		.orderBy(desc(count()))
		.all();

	return { items, total, page, pageCount, languages };
}

export function getComment(db: Queryable, id: number): Comment | undefined {
	return db.select().from(comments).where(eq(comments.id, id)).get();
}
