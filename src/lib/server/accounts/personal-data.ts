// "Download my data": everything a person wrote on the platform, and what it holds about them, as
// one JSON document (see docs/privacy.md). Only their own items: not the replies others wrote to
// them, not the committee's responses to their comments or to their liaison summaries.
import { asc, eq, inArray } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteSelect } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '../db';
import {
	auditLog,
	clauseRevisions,
	clauses,
	clauseTranslations,
	comments,
	commentRevisions,
	commentTranslations,
	committeeResponses,
	consultations,
	draftVersions,
	liaisonSummaries,
	reports,
	roleAssignments,
	sessions,
	stances,
	summaryChannels,
	summaryEntries,
	summaryHistory,
	summaryQuotes,
	summaryResponses,
	suspensions,
	users
} from '../db/schema';
import { permissionsFor } from '../roles/service';
import { canReadComment } from '../privacy/visibility';

export const PERSONAL_DATA_FORMAT = 'polyphony-personal-data';
export const PERSONAL_DATA_VERSION = 1;

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Where a contribution sits: consultation, version and clause of a clause revision. */
/**
 * Joins a clause revision, named by `revisionId` in `query`, to its clause, version and
 * consultation: what `placeColumns` reads.
 */
function withPlace<T extends SQLiteSelect>(query: T, revisionId: SQLiteColumn) {
	return query
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.innerJoin(consultations, eq(consultations.id, clauses.consultationId));
}

const placeColumns = {
	consultation: consultations.slug,
	version: draftVersions.number,
	clause: clauses.key,
	label: clauseRevisions.label
};

export function personalData(db: Queryable, userId: number, now = Date.now()) {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user) return null;

	const roles = db
		.select({ consultation: consultations.slug, role: roleAssignments.role, language: roleAssignments.language, since: roleAssignments.createdAt })
		.from(roleAssignments)
		.innerJoin(consultations, eq(consultations.id, roleAssignments.consultationId))
		.where(eq(roleAssignments.userId, userId))
		.orderBy(asc(roleAssignments.id))
		.all();

	const sessionRows = db
		.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(asc(sessions.createdAt))
		.all();

	const stanceRows = withPlace(
		db
			.select({
				...placeColumns,
				stance: stances.stance,
				reason: stances.reason,
				language: stances.language,
				committeeOnly: stances.committeeOnly,
				community: stances.community,
				affiliation: stances.affiliation,
				createdAt: stances.createdAt,
				updatedAt: stances.updatedAt
			})
			.from(stances)
			.$dynamic(),
		stances.revisionId
	)
		.where(eq(stances.userId, userId))
		.orderBy(asc(stances.createdAt), asc(stances.id))
		.all();

	const commentRows = withPlace(
		db
			.select({
				id: comments.id,
				...placeColumns,
				parentId: comments.parentId,
				language: comments.language,
				body: comments.body,
				committeeOnly: comments.committeeOnly,
				moderation: comments.moderation,
				moderationReason: comments.moderationReason,
				createdAt: comments.createdAt,
				editedAt: comments.editedAt,
				deletedAt: comments.deletedAt
			})
			.from(comments)
			.$dynamic(),
		comments.revisionId
	)
		.where(eq(comments.authorId, userId))
		.orderBy(asc(comments.createdAt), asc(comments.id))
		.all();
	const earlierBodies = new Map<number, { body: string; language: string; replacedAt: string | null }[]>();
	if (commentRows.length > 0) {
		for (const r of db
			.select()
			.from(commentRevisions)
			.where(inArray(commentRevisions.commentId, commentRows.map((c) => c.id)))
			.orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id))
			.all()) {
			const list = earlierBodies.get(r.commentId) ?? [];
			list.push({ body: r.body, language: r.language, replacedAt: iso(r.replacedAt) });
			earlierBodies.set(r.commentId, list);
		}
	}

	// Their translations of comments. One of someone else's committee-only comment carries its words:
	// its text is included only while they may still read that comment (e.g. still on the committee).
	const translationRows = db
		.select({
			id: commentTranslations.id,
			commentId: commentTranslations.commentId,
			language: commentTranslations.language,
			body: commentTranslations.body,
			machine: commentTranslations.machine,
			createdAt: commentTranslations.createdAt,
			updatedAt: commentTranslations.updatedAt,
			consultationId: clauses.consultationId,
			committeeOnly: comments.committeeOnly,
			authorId: comments.authorId,
			parentId: comments.parentId
		})
		.from(commentTranslations)
		.innerJoin(comments, eq(comments.id, commentTranslations.commentId))
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(commentTranslations.translatorId, userId))
		.orderBy(asc(commentTranslations.id))
		.all();
	const committeeIn = new Map<number, boolean>();
	const readable = (row: (typeof translationRows)[number]) => {
		if (!row.committeeOnly) return true;
		if (!committeeIn.has(row.consultationId)) committeeIn.set(row.consultationId, permissionsFor(db, user, row.consultationId).committee);
		const parent = row.parentId === null ? null : db.select().from(comments).where(eq(comments.id, row.parentId)).get();
		return canReadComment(row, parent, { userId, committee: committeeIn.get(row.consultationId)! });
	};

	const clauseTranslationRows = withPlace(
		db
			.select({
				...placeColumns,
				language: clauseTranslations.language,
				heading: clauseTranslations.heading,
				body: clauseTranslations.body,
				createdAt: clauseTranslations.createdAt,
				updatedAt: clauseTranslations.updatedAt
			})
			.from(clauseTranslations)
			.$dynamic(),
		clauseTranslations.revisionId
	)
		.where(eq(clauseTranslations.translatorId, userId))
		.orderBy(asc(clauseTranslations.id))
		.all();

	const responseRows = withPlace(
		db
			.select({
				...placeColumns,
				commentId: committeeResponses.commentId,
				status: committeeResponses.status,
				explanation: committeeResponses.explanation,
				actedInVersionId: committeeResponses.actedInVersionId,
				createdAt: committeeResponses.createdAt,
				updatedAt: committeeResponses.updatedAt
			})
			.from(committeeResponses)
			.$dynamic(),
		committeeResponses.revisionId
	)
		.where(eq(committeeResponses.authorId, userId))
		.orderBy(asc(committeeResponses.id))
		.all();
	// Their responses, on the committee, to liaison summaries as a whole (whoever wrote the summary).
	const summaryResponseRows = db
		.select({
			summaryId: summaryResponses.summaryId,
			consultation: consultations.slug,
			version: draftVersions.number,
			language: liaisonSummaries.language,
			status: summaryResponses.status,
			explanation: summaryResponses.explanation,
			actedInVersionId: summaryResponses.actedInVersionId,
			createdAt: summaryResponses.createdAt,
			updatedAt: summaryResponses.updatedAt
		})
		.from(summaryResponses)
		.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryResponses.summaryId))
		.innerJoin(consultations, eq(consultations.id, liaisonSummaries.consultationId))
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.where(eq(summaryResponses.authorId, userId))
		.orderBy(asc(summaryResponses.id))
		.all();
	const actedInIds = [...responseRows, ...summaryResponseRows].flatMap((r) => (r.actedInVersionId === null ? [] : [r.actedInVersionId]));
	const versionNumbers = new Map(
		actedInIds.length > 0
			? db
					.select({ id: draftVersions.id, number: draftVersions.number })
					.from(draftVersions)
					.where(inArray(draftVersions.id, actedInIds))
					.all()
					.map((v) => [v.id, v.number])
			: []
	);
	const actedIn = (id: number | null) => (id === null ? null : (versionNumbers.get(id) ?? null));

	return {
		format: PERSONAL_DATA_FORMAT,
		formatVersion: PERSONAL_DATA_VERSION,
		exportedAt: iso(now),
		profile: {
			username: user.username,
			displayName: user.displayName,
			languages: user.languages,
			affiliation: user.affiliation,
			locale: user.locale,
			isSiteAdmin: user.isSiteAdmin,
			createdAt: iso(user.createdAt)
		},
		roles: roles.map((r) => ({ ...r, language: r.language || null, since: iso(r.since) })),
		sessions: sessionRows.map((s) => ({
			createdAt: iso(s.createdAt),
			lastSeenAt: iso(s.lastSeenAt),
			expiresAt: iso(s.expiresAt),
			userAgent: s.userAgent
		})),
		stances: stanceRows.map((s) => ({ ...s, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })),
		comments: commentRows.map((c) => ({
			...c,
			createdAt: iso(c.createdAt),
			editedAt: iso(c.editedAt),
			deletedAt: iso(c.deletedAt),
			earlierBodies: earlierBodies.get(c.id) ?? []
		})),
		commentTranslations: translationRows.map((r) => ({
			commentId: r.commentId,
			language: r.language,
			machine: r.machine,
			// A machine translation was asked for, not written: its text is the service's.
			body: !r.machine && readable(r) ? r.body : null,
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt)
		})),
		clauseTranslations: clauseTranslationRows.map((r) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
		committeeResponses: responseRows.map(({ actedInVersionId, ...r }) => ({
			...r,
			actedInVersion: actedIn(actedInVersionId),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt)
		})),
		summaryResponses: summaryResponseRows.map(({ actedInVersionId, ...r }) => ({
			...r,
			actedInVersion: actedIn(actedInVersionId),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt)
		})),
		liaisonSummaries: summariesBy(db, userId),
		summaryEdits: db
			.select({ summaryId: summaryHistory.summaryId, at: summaryHistory.createdAt })
			.from(summaryHistory)
			.where(eq(summaryHistory.editedBy, userId))
			.orderBy(asc(summaryHistory.id))
			.all()
			.map((e) => ({ summaryId: e.summaryId, at: iso(e.at) })),
		reports: db
			.select({ commentId: reports.commentId, reason: reports.reason, details: reports.details, status: reports.status, createdAt: reports.createdAt })
			.from(reports)
			.where(eq(reports.reporterId, userId))
			.orderBy(asc(reports.id))
			.all()
			.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
		suspensions: db
			.select({ reason: suspensions.reason, startsAt: suspensions.startsAt, endsAt: suspensions.endsAt, liftedAt: suspensions.liftedAt })
			.from(suspensions)
			.where(eq(suspensions.userId, userId))
			.orderBy(asc(suspensions.id))
			.all()
			.map((s) => ({ reason: s.reason, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), liftedAt: iso(s.liftedAt) })),
		consultationsCreated: db
			.select({ slug: consultations.slug, title: consultations.title, createdAt: consultations.createdAt })
			.from(consultations)
			.where(eq(consultations.createdBy, userId))
			.orderBy(asc(consultations.id))
			.all()
			.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
		versionsCreated: db
			.select({ consultation: consultations.slug, number: draftVersions.number, note: draftVersions.note, createdAt: draftVersions.createdAt })
			.from(draftVersions)
			.innerJoin(consultations, eq(consultations.id, draftVersions.consultationId))
			.where(eq(draftVersions.createdBy, userId))
			.orderBy(asc(draftVersions.id))
			.all()
			.map((v) => ({ ...v, createdAt: iso(v.createdAt) })),
		auditActions: db
			.select({
				at: auditLog.at,
				action: auditLog.action,
				targetType: auditLog.targetType,
				targetId: auditLog.targetId,
				subject: auditLog.subject,
				reason: auditLog.reason
			})
			.from(auditLog)
			.where(eq(auditLog.actorId, userId))
			.orderBy(asc(auditLog.id))
			.all()
			.map((a) => ({ ...a, at: iso(a.at) }))
	};
}

export type PersonalData = NonNullable<ReturnType<typeof personalData>>;

/** The liaison summaries the person authored, each with its channels, entries and quotes. */
function summariesBy(db: Queryable, userId: number) {
	const rows = db
		.select({
			id: liaisonSummaries.id,
			consultation: consultations.slug,
			version: draftVersions.number,
			language: liaisonSummaries.language,
			status: liaisonSummaries.status,
			narrative: liaisonSummaries.narrative,
			narrativeLanguage: liaisonSummaries.narrativeLanguage,
			narrativeTranslation: liaisonSummaries.narrativeTranslation,
			translationLanguage: liaisonSummaries.translationLanguage,
			publishedAt: liaisonSummaries.publishedAt,
			createdAt: liaisonSummaries.createdAt,
			updatedAt: liaisonSummaries.updatedAt
		})
		.from(liaisonSummaries)
		.innerJoin(consultations, eq(consultations.id, liaisonSummaries.consultationId))
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.where(eq(liaisonSummaries.authorId, userId))
		.orderBy(asc(liaisonSummaries.id))
		.all();
	return rows.map((s) => {
		const channels = db
			.select({
				kind: summaryChannels.kind,
				description: summaryChannels.description,
				participants: summaryChannels.participants,
				startedOn: summaryChannels.startedOn,
				endedOn: summaryChannels.endedOn
			})
			.from(summaryChannels)
			.where(eq(summaryChannels.summaryId, s.id))
			.orderBy(asc(summaryChannels.position))
			.all();
		const entries = db
			.select({
				id: summaryEntries.id,
				clause: clauses.key,
				asked: summaryEntries.asked,
				support: summaryEntries.support,
				oppose: summaryEntries.oppose,
				neutral: summaryEntries.neutral,
				keyPoints: summaryEntries.keyPoints
			})
			.from(summaryEntries)
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, summaryEntries.revisionId))
			.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
			.where(eq(summaryEntries.summaryId, s.id))
			.orderBy(asc(summaryEntries.id))
			.all();
		const quotes = entries.length
			? db
					.select()
					.from(summaryQuotes)
					.where(inArray(summaryQuotes.entryId, entries.map((e) => e.id)))
					.orderBy(asc(summaryQuotes.position))
					.all()
			: [];
		return {
			...s,
			publishedAt: iso(s.publishedAt),
			createdAt: iso(s.createdAt),
			updatedAt: iso(s.updatedAt),
			channels,
			entries: entries.map(({ id, ...e }) => ({
				...e,
				quotes: quotes
					.filter((q) => q.entryId === id)
					.map((q) => ({ original: q.original, language: q.language, translation: q.translation }))
			}))
		};
	});
}

/** What deleting the account would do, for the confirmation page. */
export function deletionPreview(db: Queryable, userId: number) {
	const mine = eq(comments.authorId, userId);
	const ownComments = db.select({ id: comments.id, deletedAt: comments.deletedAt }).from(comments).where(mine).all();
	const ids = ownComments.map((c) => c.id);
	const stanceRows = db.select({ reason: stances.reason }).from(stances).where(eq(stances.userId, userId)).all();
	const repliesByOthers = ids.length
		? db
				.select({ id: comments.id, authorId: comments.authorId })
				.from(comments)
				.where(inArray(comments.parentId, ids))
				.all()
				.filter((r) => r.authorId !== userId).length
		: 0;
	return {
		stances: stanceRows.length,
		reasons: stanceRows.filter((s) => s.reason !== null).length,
		comments: ownComments.filter((c) => c.deletedAt === null).length,
		repliesByOthers,
		roles: db
			.select({ consultation: consultations.title, role: roleAssignments.role, language: roleAssignments.language })
			.from(roleAssignments)
			.innerJoin(consultations, eq(consultations.id, roleAssignments.consultationId))
			.where(eq(roleAssignments.userId, userId))
			.all()
	};
}
