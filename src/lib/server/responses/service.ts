// Committee responses: the drafting committee's answer to the feedback on a clause revision as a
// whole, or to one comment on it. There is one response per target; recording again replaces it.
import { and, countDistinct, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../db';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import {
	clauseRevisions,
	clauses,
	comments,
	committeeResponses,
	draftVersions,
	users,
	type CommitteeResponse,
	type ResponseStatus
} from '../db/schema';
import { renderMarkdown } from '../markdown';
import { MAX_EXPLANATION_CHARS } from './schemas';
import { PUBLIC_READER, commentVisibleTo, type Reader } from '../privacy/visibility';

export class ResponseError extends Error {
	constructor(
		public readonly code: string,
		/** The form field the error belongs to. */
		public readonly field: string = 'form'
	) {
		super(code);
	}
}

export interface RecordResponseInput {
	revisionId: number;
	commentId?: number | null;
	status: ResponseStatus;
	/** Markdown. */
	explanation: string;
	/** The number (not the id) of a version of the same consultation. */
	actedInVersion?: number | null;
	authorId: number;
	consultationId: number;
	now?: number;
}

/** Records the response to a revision's feedback (or to one comment), replacing an earlier one. */
export function recordResponse(db: Queryable, input: RecordResponseInput): CommitteeResponse {
	const explanation = cleanExplanation(input.explanation);
	const commentId = input.commentId ?? null;
	const now = input.now ?? Date.now();

	// Immediate: the look-up of an existing response and the write must not interleave with another writer's.
	return db.transaction(
		(tx) => {
			const revision = tx
				.select({ id: clauseRevisions.id })
				.from(clauseRevisions)
				.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
				.where(and(eq(clauseRevisions.id, input.revisionId), eq(clauses.consultationId, input.consultationId)))
				.get();
			if (!revision) throw new ResponseError('errors.responseTarget');

			if (commentId !== null) {
				const comment = tx.select({ revisionId: comments.revisionId }).from(comments).where(eq(comments.id, commentId)).get();
				if (!comment || comment.revisionId !== input.revisionId) throw new ResponseError('errors.commentNotFound');
			}

			const actedInVersionId = actedInVersionIdOf(tx, input.consultationId, input.actedInVersion);
			const values = { status: input.status, explanation, actedInVersionId, authorId: input.authorId, updatedAt: now };
			const existing = tx
				.select({ id: committeeResponses.id })
				.from(committeeResponses)
				.where(
					and(
						eq(committeeResponses.revisionId, input.revisionId),
						commentId === null ? isNull(committeeResponses.commentId) : eq(committeeResponses.commentId, commentId)
					)
				)
				.get();
			if (existing) {
				return tx.update(committeeResponses).set(values).where(eq(committeeResponses.id, existing.id)).returning().get();
			}
			return tx
				.insert(committeeResponses)
				.values({ ...values, revisionId: input.revisionId, commentId, createdAt: now })
				.returning()
				.get();
		},
		{ behavior: 'immediate' }
	);
}

/** The explanation with its line ends normalised and trimmed; refused when empty or too long. */
export function cleanExplanation(text: string): string {
	const explanation = text.replace(/\r\n?/g, '\n').trim();
	if (explanation.length === 0) throw new ResponseError('errors.explanationEmpty', 'explanation');
	if (explanation.length > MAX_EXPLANATION_CHARS) throw new ResponseError('errors.explanationTooLong', 'explanation');
	return explanation;
}

/** The id of the version (given by its number) a response says the committee acted in; refused when unknown. */
export function actedInVersionIdOf(db: Queryable, consultationId: number, number: number | null | undefined): number | null {
	if (number == null) return null;
	const version = db
		.select({ id: draftVersions.id })
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.number, number)))
		.get();
	if (!version) throw new ResponseError('errors.versionNotFound', 'actedInVersion');
	return version.id;
}

/** True when `revisionId` is a revision of the clause `key` in this consultation (in any of its versions). */
export function isRevisionOfClause(db: Queryable, consultationId: number, key: string, revisionId: number): boolean {
	const row = db
		.select({ id: clauseRevisions.id })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(and(eq(clauseRevisions.id, revisionId), eq(clauses.consultationId, consultationId), eq(clauses.key, key)))
		.get();
	return row !== undefined;
}

export interface ResponseView {
	id: number;
	status: ResponseStatus;
	/** The explanation's Markdown, for editing it. */
	explanation: string;
	/** The explanation rendered and sanitised. */
	html: string;
	/** The number of the version the committee acted in, when it gave one. */
	actedInVersion: number | null;
	/** The committee member who answered, with their @username and roles; null once their account is gone. */
	author: PersonView | null;
	updatedAt: number;
}

/** A response row (with its author's name and the acted-in version's number) as pages show it. */
export function responseView(row: {
	id: number;
	status: ResponseStatus;
	explanation: string;
	actedInVersion: number | null;
	username: string | null;
	displayName: string | null;
	isSiteAdmin: boolean | null;
	roles: string | null;
	updatedAt: number;
}): ResponseView {
	return {
		id: row.id,
		status: row.status,
		explanation: row.explanation,
		html: renderMarkdown(row.explanation),
		actedInVersion: row.actedInVersion,
		author: personOf(row),
		updatedAt: row.updatedAt
	};
}

export interface RevisionResponses {
	/** The response to the revision's feedback as a whole. */
	clause: ResponseView | null;
	byComment: Map<number, ResponseView>;
}

/**
 * Every response on one clause revision: to its feedback as a whole, and to each comment the reader
 * may read (a response to a committee-only comment goes to the committee and that comment's author only).
 */
export function responsesForRevision(db: Queryable, revisionId: number, reader: Reader = PUBLIC_READER): RevisionResponses {
	const visible = commentVisibleTo(reader);
	const rows = db
		.select({
			id: committeeResponses.id,
			commentId: committeeResponses.commentId,
			status: committeeResponses.status,
			explanation: committeeResponses.explanation,
			actedInVersion: draftVersions.number,
			...personColumns(users, consultationOfRevision(revisionId)),
			updatedAt: committeeResponses.updatedAt
		})
		.from(committeeResponses)
		.leftJoin(users, eq(users.id, committeeResponses.authorId))
		.leftJoin(draftVersions, eq(draftVersions.id, committeeResponses.actedInVersionId))
		.leftJoin(comments, eq(comments.id, committeeResponses.commentId))
		.where(and(eq(committeeResponses.revisionId, revisionId), visible && or(isNull(committeeResponses.commentId), visible)))
		.orderBy(committeeResponses.updatedAt, committeeResponses.id)
		.all();
	const out: RevisionResponses = { clause: null, byComment: new Map() };
	for (const row of rows) {
		const view = responseView(row);
		// Ordered oldest first, so should a target ever hold two responses, the latest wins.
		if (row.commentId === null) out.clause = view;
		else out.byComment.set(row.commentId, view);
	}
	return out;
}

export interface ResponseShare {
	/** The comments' language: the language community they came from. */
	language: string;
	/** Top-level comments that received a response of their own. */
	responded: number;
	total: number;
}

/** Per language community, how many top-level comments on these revisions the committee answered. */
export function responseShare(db: Queryable, revisionIds: number[]): ResponseShare[] {
	if (revisionIds.length === 0) return [];
	return db
		.select({
			language: comments.language,
			responded: countDistinct(committeeResponses.commentId),
			total: countDistinct(comments.id)
		})
		.from(comments)
		.leftJoin(committeeResponses, eq(committeeResponses.commentId, comments.id))
		.where(and(inArray(comments.revisionId, revisionIds), isNull(comments.parentId)))
		.groupBy(comments.language)
		.orderBy(desc(countDistinct(comments.id)), comments.language)
		.all();
}
