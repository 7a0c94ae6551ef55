// Committee-only feedback: who may read a committee-only comment or stance reason. Every service that
// reads comment bodies, reasons or their authors filters with these conditions in SQL, so text a
// viewer may not read never leaves the database for them (see docs/privacy.md).
//
// The rules:
// - the drafting committee (committee members and admins of the consultation) reads everything;
// - the author reads their own committee-only comments and reasons;
// - a reply to a committee-only comment is committee-only too (addComment enforces it), and the
//   thread is a private conversation between its author and the committee: the author of a
//   committee-only comment also reads the committee-only replies to it;
// - everyone else sees neither the text nor the author, only that some feedback was for the
//   committee (the counts include it).
import { eq, not, or, sql, type SQL } from 'drizzle-orm';
import { comments, stances } from '../db/schema';

/** Who is reading; structurally compatible with the comments' CommentViewer. */
export interface Viewer {
	userId: number | null;
	/** The drafting committee (or an admin) of the consultation being read. */
	committee: boolean;
}

export const ANONYMOUS_VIEWER: Viewer = { userId: null, committee: false };

/** The viewer for a signed-in user (or null) with their permissions in the consultation. */
export function viewerOf(user: { id: number } | null | undefined, permissions: { committee: boolean }): Viewer {
	return { userId: user?.id ?? null, committee: permissions.committee };
}

/**
 * SQL: the `comments` row is readable by the viewer as far as committee-only goes (moderation is
 * another matter). Undefined for the committee: no condition.
 */
export function commentVisibleTo(viewer: Viewer): SQL | undefined {
	if (viewer.committee) return undefined;
	if (viewer.userId === null) return eq(comments.committeeOnly, false);
	return or(
		eq(comments.committeeOnly, false),
		eq(comments.authorId, viewer.userId),
		// The author of a committee-only comment reads the (committee-only) replies to it.
		sql`exists (select 1 from comments as private_parent where private_parent.id = ${comments.parentId}
			and private_parent.committee_only = 1 and private_parent.author_id = ${viewer.userId})`
	);
}

/** SQL: the committee-only `comments` rows the viewer may not read (counted, never shown). */
export function commentHiddenFrom(viewer: Viewer): SQL {
	const visible = commentVisibleTo(viewer);
	return visible ? not(visible) : sql`0`;
}

/** SQL: the `stances` row's reason (and who gave it) is readable by the viewer. */
export function reasonVisibleTo(viewer: Viewer): SQL | undefined {
	if (viewer.committee) return undefined;
	if (viewer.userId === null) return eq(stances.committeeOnly, false);
	return or(eq(stances.committeeOnly, false), eq(stances.userId, viewer.userId));
}

/** SQL: the committee-only reasons the viewer may not read. */
export function reasonHiddenFrom(viewer: Viewer): SQL {
	const visible = reasonVisibleTo(viewer);
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
	viewer: Viewer
): boolean {
	if (!comment.committeeOnly || viewer.committee) return true;
	if (viewer.userId === null) return false;
	if (comment.authorId === viewer.userId) return true;
	return Boolean(parent?.committeeOnly && parent.authorId === viewer.userId);
}
