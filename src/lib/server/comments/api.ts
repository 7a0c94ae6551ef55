// The JSON shape of a clause revision's comments for /api/v1 (docs/api.md), from the same listing as
// the clause page: bodies of hidden, pending and deleted comments reach only those who may read them.
import type { CommentPage, CommentView } from './service';

function commentJson(c: CommentView): Record<string, unknown> {
	return {
		id: c.id,
		language: c.language,
		author: c.author,
		createdAt: new Date(c.createdAt).toISOString(),
		editedAt: c.editedAt === null || c.withheld ? null : new Date(c.editedAt).toISOString(),
		state: c.deleted ? 'deleted' : c.moderation,
		/** Shown to readers in place of a hidden comment. */
		moderationReason: c.moderationReason,
		/** False when this caller may not read the text: then `html` is null and `author` too. */
		readable: !c.withheld,
		html: c.withheld ? null : c.html,
		committeeOnly: c.committeeOnly,
		earlierVersions: c.history.map((h) => ({ language: h.language, html: h.html, replacedAt: new Date(h.replacedAt).toISOString() })),
		replies: c.replies.map(commentJson)
	};
}

export function commentsJson(
	context: { consultation: string; version: number; clause: string; order: 'newest' | 'oldest'; language: string | null },
	page: CommentPage
) {
	return {
		...context,
		page: page.page,
		pageCount: page.pageCount,
		total: page.total,
		comments: page.items.map(commentJson)
	};
}
