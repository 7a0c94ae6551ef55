// Reports and moderation of comments: reporting, the moderators' queue, hiding, restoring and
// dismissing. Every decision writes an audit row in the same transaction as the change.
//
// States of a comment (comments.moderation):
//   visible ──(reports reach the consultation's threshold)──▶ pending ──(dismiss / restore)──▶ visible
//   visible / pending ──(hide, with a reason)──▶ hidden ──(restore)──▶ visible
// Reports: 'open' until a moderator hides the comment (they become 'upheld') or dismisses them
// (or restores a pending comment: 'dismissed').
import { aliasedTable, and, asc, count, desc, eq, exists, inArray, isNotNull, isNull, min, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { nameWithUsername, personColumns, personOf, type PersonView } from '../people/badges';
import {
	clauseRevisions,
	clauses,
	comments,
	consultations,
	draftVersions,
	reports,
	users,
	type Comment,
	type ModerationState,
	type ReportReason
} from '../db/schema';
import type { Permissions } from '../roles/service';
import { renderMarkdown } from '../markdown';
import { recordAudit } from '../audit/service';
import { commentIsPublic, forAudience } from '../privacy/visibility';
import { ModerationError } from './errors';
import { suspendedUntil } from './suspensions';

export { ModerationError } from './errors';

export const MAX_REPORT_DETAILS_CHARS = 1_000;
export const MAX_MODERATION_REASON_CHARS = 500;
export const QUEUE_PAGE_SIZE = 20;

/**
 * Who may moderate a consultation's comments (queue, hide, restore, dismiss, suspend): its
 * moderators, its drafting committee, its administrators and site administrators.
 */
export function canModerate(permissions: Permissions): boolean {
	return permissions.moderator || permissions.committee || permissions.admin;
}

interface LocatedComment extends Comment {
	consultationId: number;
	clauseKey: string;
	authorName: string | null;
}

/** A comment of this consultation, with where it is; moderators of another consultation cannot reach it. */
function locate(db: Queryable, commentId: number, consultationId: number): LocatedComment {
	const row = db
		.select({ comment: comments, consultationId: clauses.consultationId, clauseKey: clauses.key, displayName: users.displayName, username: users.username })
		.from(comments)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(and(eq(comments.id, commentId), eq(clauses.consultationId, consultationId)))
		.get();
	if (!row) throw new ModerationError('errors.commentNotFound', 404);
	const { displayName, username } = row;
	const authorName = displayName !== null && username !== null ? nameWithUsername({ displayName, username }) : null;
	return { ...row.comment, consultationId: row.consultationId, clauseKey: row.clauseKey, authorName };
}

/** How the audit log names a comment: whose, on which clause, which id. */
function commentSubject(c: LocatedComment): string {
	return `#${c.id} · ${c.authorName ?? '—'} · ${c.clauseKey}`;
}

function openReportCount(db: Queryable, commentId: number): number {
	return db.select({ n: count() }).from(reports).where(and(eq(reports.commentId, commentId), eq(reports.status, 'open'))).get()?.n ?? 0;
}

export interface ReportOutcome {
	/** 'updated': the person had an open report on this comment already; its reason and text were replaced. */
	outcome: 'reported' | 'updated';
	/** The comment is (now) hidden pending review. */
	pending: boolean;
	openReports: number;
}

/**
 * A signed-in person reports a comment. One report per person and comment: a second one while the
 * first is open replaces its reason and text (it does not count twice); once a moderator reviewed
 * it, it is refused. When the number of different people with an open report reaches the
 * consultation's threshold, the comment becomes 'pending' (hidden until reviewed), in the same
 * transaction.
 */
export function reportComment(
	db: Queryable,
	input: { commentId: number; consultationId: number; reporterId: number; reason: ReportReason; details: string; now?: number }
): ReportOutcome {
	const now = input.now ?? Date.now();
	const details = input.details.trim();
	if (details.length > MAX_REPORT_DETAILS_CHARS) throw new ModerationError('errors.reportDetailsTooLong', 400, 'details');
	if (input.reason === 'other' && !details) throw new ModerationError('errors.reportDetailsRequired', 400, 'details');
	return db.transaction((tx) => {
		const comment = locate(tx, input.commentId, input.consultationId);
		if (comment.deletedAt !== null) throw new ModerationError('errors.commentNotFound', 404);
		if (comment.authorId === input.reporterId) throw new ModerationError('errors.reportOwnComment', 403);
		if (comment.moderation === 'hidden') throw new ModerationError('errors.reportAlreadyHidden', 409);

		const existing = tx
			.select()
			.from(reports)
			.where(and(eq(reports.commentId, comment.id), eq(reports.reporterId, input.reporterId)))
			.get();
		let outcome: ReportOutcome['outcome'] = 'reported';
		if (existing && existing.status !== 'open') throw new ModerationError('errors.reportAlreadyReviewed', 409);
		if (existing) {
			tx.update(reports).set({ reason: input.reason, details }).where(eq(reports.id, existing.id)).run();
			outcome = 'updated';
		} else {
			tx.insert(reports)
				.values({ commentId: comment.id, reporterId: input.reporterId, reason: input.reason, details, createdAt: now })
				.run();
		}

		// Each open report is a different person (one report per person and comment).
		const openReports = openReportCount(tx, comment.id);
		const threshold = tx
			.select({ threshold: consultations.reportThreshold })
			.from(consultations)
			.where(eq(consultations.id, input.consultationId))
			.get()!.threshold;
		let pending = comment.moderation === 'pending';
		if (comment.moderation === 'visible' && threshold > 0 && openReports >= threshold) {
			tx.update(comments)
				.set({ moderation: 'pending', moderationReason: null, moderatedBy: null, moderatedAt: now })
				.where(eq(comments.id, comment.id))
				.run();
			recordAudit(tx, {
				actorId: null,
				action: 'comment.pending',
				consultationId: input.consultationId,
				targetType: 'comment',
				targetId: comment.id,
				subject: commentSubject(comment),
				details: { openReports, threshold },
				now
			});
			pending = true;
		}
		return { outcome, pending, openReports };
	});
}

/** Resolves the comment's open reports as upheld or dismissed; returns how many. */
function resolveOpenReports(db: Queryable, commentId: number, status: 'upheld' | 'dismissed', moderatorId: number, now: number): number {
	return db
		.update(reports)
		.set({ status, resolvedBy: moderatorId, resolvedAt: now })
		.where(and(eq(reports.commentId, commentId), eq(reports.status, 'open')))
		.run().changes;
}

/**
 * Hides a comment with a stated reason, which readers see in its place. Its open reports are
 * upheld. Hiding a hidden comment again replaces the reason.
 */
export function hideComment(
	db: Queryable,
	input: { commentId: number; consultationId: number; moderatorId: number; reason: string; now?: number }
): void {
	const now = input.now ?? Date.now();
	const reason = input.reason.trim();
	if (!reason) throw new ModerationError('errors.moderationReasonRequired', 400, 'reason');
	if (reason.length > MAX_MODERATION_REASON_CHARS) throw new ModerationError('errors.moderationReasonTooLong', 400, 'reason');
	db.transaction((tx) => {
		const comment = locate(tx, input.commentId, input.consultationId);
		if (comment.deletedAt !== null) throw new ModerationError('errors.commentDeleted', 409);
		tx.update(comments)
			.set({ moderation: 'hidden', moderationReason: reason, moderatedBy: input.moderatorId, moderatedAt: now })
			.where(eq(comments.id, comment.id))
			.run();
		const upheld = resolveOpenReports(tx, comment.id, 'upheld', input.moderatorId, now);
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'comment.hide',
			consultationId: input.consultationId,
			targetType: 'comment',
			targetId: comment.id,
			subject: commentSubject(comment),
			reason,
			details: { from: comment.moderation, upheldReports: upheld },
			now
		});
	});
}

/** Makes a hidden or pending comment visible again; a pending one's open reports are dismissed. */
export function restoreComment(
	db: Queryable,
	input: { commentId: number; consultationId: number; moderatorId: number; reason?: string; now?: number }
): void {
	const now = input.now ?? Date.now();
	db.transaction((tx) => {
		const comment = locate(tx, input.commentId, input.consultationId);
		if (comment.moderation === 'visible') throw new ModerationError('errors.moderationNothingToDo', 409);
		tx.update(comments)
			.set({ moderation: 'visible', moderationReason: null, moderatedBy: input.moderatorId, moderatedAt: now })
			.where(eq(comments.id, comment.id))
			.run();
		const dismissed = resolveOpenReports(tx, comment.id, 'dismissed', input.moderatorId, now);
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'comment.restore',
			consultationId: input.consultationId,
			targetType: 'comment',
			targetId: comment.id,
			subject: commentSubject(comment),
			reason: input.reason?.trim() ?? '',
			details: { from: comment.moderation, dismissedReports: dismissed },
			now
		});
	});
}

/** Dismisses the open reports of a comment; a comment pending review becomes visible again. */
export function dismissReports(
	db: Queryable,
	input: { commentId: number; consultationId: number; moderatorId: number; reason?: string; now?: number }
): number {
	const now = input.now ?? Date.now();
	return db.transaction((tx) => {
		const comment = locate(tx, input.commentId, input.consultationId);
		const wasPending = comment.moderation === 'pending';
		const dismissed = resolveOpenReports(tx, comment.id, 'dismissed', input.moderatorId, now);
		if (dismissed === 0 && !wasPending) throw new ModerationError('errors.moderationNothingToDo', 409);
		if (wasPending) {
			tx.update(comments)
				.set({ moderation: 'visible', moderationReason: null, moderatedBy: input.moderatorId, moderatedAt: now })
				.where(eq(comments.id, comment.id))
				.run();
		}
		recordAudit(tx, {
			actorId: input.moderatorId,
			action: 'report.dismiss',
			consultationId: input.consultationId,
			targetType: 'comment',
			targetId: comment.id,
			subject: commentSubject(comment),
			reason: input.reason?.trim() ?? '',
			details: { dismissedReports: dismissed, from: comment.moderation },
			now
		});
		return dismissed;
	});
}

export type QueueView = 'open' | 'hidden';

export interface QueueFilters {
	/** 'open': comments with open reports or pending review (oldest first); 'hidden': hidden comments (latest first). */
	view: QueueView;
	reason?: ReportReason | null;
	language?: string | null;
	page?: number;
	pageSize?: number;
	/** Committee-only comments are queued for moderators who are on the committee only. */
	committee?: boolean;
}

export interface QueueReport {
	id: number;
	reason: ReportReason;
	details: string;
	status: 'open' | 'upheld' | 'dismissed';
	reporter: PersonView | null;
	createdAt: number;
}

export interface QueueItem {
	comment: {
		id: number;
		parentId: number | null;
		language: string;
		html: string;
		createdAt: number;
		editedAt: number | null;
		moderation: ModerationState;
		moderationReason: string | null;
		moderatedAt: number | null;
		moderatedBy: PersonView | null;
	};
	/** With their @username and roles in the consultation (people/badges.ts); null for a former participant. */
	author: (PersonView & { id: number; suspendedUntil: number | null }) | null;
	clause: { key: string; label: string; versionNumber: number };
	openReports: number;
	/** Open reports per reason, most frequent first. */
	reasons: { reason: ReportReason; count: number }[];
	/** Open reports ('open' view) or every report (the 'hidden' view), oldest first. */
	reports: QueueReport[];
	/** The earliest open report (or when it went pending): what the queue is ordered by. */
	since: number | null;
}

export interface QueuePage {
	items: QueueItem[];
	total: number;
	page: number;
	pageCount: number;
	/** Comments waiting for a decision (the 'open' view without filters). */
	waiting: number;
}

/** The moderators' queue of one consultation: one item per comment, with its reports grouped. */
export function moderationQueue(db: Queryable, consultationId: number, filters: QueueFilters, now = Date.now()): QueuePage {
	const pageSize = filters.pageSize ?? QUEUE_PAGE_SIZE;
	const open = db
		.select({ commentId: reports.commentId, n: count().as('open_n'), first: min(reports.createdAt).as('open_first') })
		.from(reports)
		.where(eq(reports.status, 'open'))
		.groupBy(reports.commentId)
		.as('open_reports');
	const inConsultation = and(
		eq(clauses.consultationId, consultationId),
		isNull(comments.deletedAt),
		forAudience(filters.committee ? 'committee' : 'public', commentIsPublic())
	)!;
	const waitingCondition = or(isNotNull(open.commentId), eq(comments.moderation, 'pending'))!;
	const conditions: SQL[] = [inConsultation, filters.view === 'hidden' ? eq(comments.moderation, 'hidden') : waitingCondition];
	if (filters.language) conditions.push(eq(comments.language, filters.language));
	if (filters.reason) {
		const withReason = aliasedTable(reports, 'with_reason');
		conditions.push(
			exists(
				db
					.select({ id: withReason.id })
					.from(withReason)
					.where(
						and(
							eq(withReason.commentId, comments.id),
							eq(withReason.reason, filters.reason),
							filters.view === 'open' ? eq(withReason.status, 'open') : undefined
						)
					)
			)
		);
	}
	const base = () =>
		db
			.select({ n: count() })
			.from(comments)
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.leftJoin(open, eq(open.commentId, comments.id));
	const total = base().where(and(...conditions)).get()?.n ?? 0;
	const waiting = base().where(and(inConsultation, waitingCondition)).get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);

	const moderator = aliasedTable(users, 'moderator');
	const since = sql<number | null>`coalesce(${open.first}, ${comments.moderatedAt})`;
	const rows = db
		.select({
			comment: comments,
			openReports: open.n,
			since,
			clauseKey: clauses.key,
			label: clauseRevisions.label,
			versionNumber: draftVersions.number,
			...personColumns(users, consultationId),
			moderator: personColumns(moderator, consultationId)
		})
		.from(comments)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.leftJoin(open, eq(open.commentId, comments.id))
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(moderator, eq(moderator.id, comments.moderatedBy))
		.where(and(...conditions))
		.orderBy(...(filters.view === 'hidden' ? [desc(comments.moderatedAt), desc(comments.id)] : [asc(since), asc(comments.id)]))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();

	const ids = rows.map((r) => r.comment.id);
	const reporter = aliasedTable(users, 'reporter');
	const reportRows =
		ids.length === 0
			? []
			: db
					.select({
						id: reports.id,
						commentId: reports.commentId,
						reason: reports.reason,
						details: reports.details,
						status: reports.status,
						reporter: personColumns(reporter, consultationId),
						createdAt: reports.createdAt
					})
					.from(reports)
					.leftJoin(reporter, eq(reporter.id, reports.reporterId))
					.where(and(inArray(reports.commentId, ids), filters.view === 'open' ? eq(reports.status, 'open') : undefined))
					.orderBy(asc(reports.createdAt), asc(reports.id))
					.all();
	const suspended = suspendedUntil(
		db,
		rows.flatMap((r) => (r.comment.authorId === null ? [] : [r.comment.authorId])),
		consultationId,
		now
	);

	const items: QueueItem[] = rows.map((r) => {
		const c = r.comment;
		const itsReports = reportRows.filter((rep) => rep.commentId === c.id);
		const reasonCounts = new Map<ReportReason, number>();
		for (const rep of itsReports) if (rep.status === 'open') reasonCounts.set(rep.reason, (reasonCounts.get(rep.reason) ?? 0) + 1);
		return {
			comment: {
				id: c.id,
				parentId: c.parentId,
				language: c.language,
				html: renderMarkdown(c.body),
				createdAt: c.createdAt,
				editedAt: c.editedAt,
				moderation: c.moderation,
				moderationReason: c.moderationReason,
				moderatedAt: c.moderatedAt,
				moderatedBy: personOf(r.moderator)
			},
			author: (() => {
				const person = personOf(r);
				return c.authorId !== null && person ? { ...person, id: c.authorId, suspendedUntil: suspended.get(c.authorId) ?? null } : null;
			})(),
			clause: { key: r.clauseKey, label: r.label, versionNumber: r.versionNumber },
			openReports: r.openReports ?? 0,
			reasons: [...reasonCounts].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count),
			reports: itsReports.map(({ commentId: _commentId, reporter, ...rep }) => ({ ...rep, reporter: personOf(reporter) })),
			since: r.since
		};
	});
	return { items, total, page, pageCount, waiting };
}

/** The comment a person reported, if they did (for the clause page: "you reported this"). */
export function reportsBy(db: Queryable, reporterId: number, commentIds: number[]): Map<number, ReportReason> {
	if (commentIds.length === 0) return new Map();
	const rows = db
		.select({ commentId: reports.commentId, reason: reports.reason })
		.from(reports)
		.where(and(eq(reports.reporterId, reporterId), inArray(reports.commentId, commentIds)))
		.all();
	return new Map(rows.map((r) => [r.commentId, r.reason]));
}
