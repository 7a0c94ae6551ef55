// The per-community digest: what one language community said on one published version, on one
// public page — per clause its counts, the reasons given for and against, the most-discussed comments,
// the committee's answers; the community's liaison summaries; and how many items were for the
// committee only (a count: never their text or authors). Everything here is public: it reads with the
// anonymous reader's rules, and hidden, pending and deleted comments are left out. The rules for
// choosing reasons and comments are in docs/versions.md, "Per-community digests".
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import {
	clauseRevisions,
	comments,
	commentTranslations,
	stances,
	users,
	type Consultation,
	type DraftVersion,
	type StanceValue
} from '../db/schema';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import { versionClauseHeadings } from '../aggregation/service';
import { publishedSummaryLanguages, reportedCounts, type ReportedVotes } from '../summaries/published';
import { communitiesWithFeedback, communityTallies } from '../tallies/read';
import { responsesForRevision, type ResponseView } from '../responses/service';
import { listPublishedSummaries, type SummaryView } from '../summaries/service';
import { summaryResponsesFor } from '../responses/summaries';
import { PUBLIC_READER, commentIsPublic, commentIsShown, publicSql, reasonIsPublic } from '../privacy/visibility';
import { plainExcerpt } from '../markdown';

/** Reasons quoted per side (for, against) and comments quoted per clause. */
export const DIGEST_REASONS_PER_SIDE = 3;
export const DIGEST_COMMENTS = 3;
/** How much of a comment the digest quotes (the clause page has the whole). */
const EXCERPT_CHARS = 600;

export interface DigestTranslation {
	language: string;
	text: string;
	machine: boolean;
}

/** A reason or a comment the digest quotes. */
export interface DigestQuote {
	kind: 'reason' | 'comment';
	id: number;
	text: string;
	language: string;
	author: PersonView | null;
	at: number;
	/** The stance a reason explains. */
	stance: StanceValue | null;
	/** Replies readers can see (comments). */
	replies: number;
	/** Into the reader's language, where someone (or a machine, labelled) translated it. */
	translations: DigestTranslation[];
}

export interface DigestAnswer {
	/** The comment answered; null for the answer to the clause's feedback as a whole. */
	comment: DigestQuote | null;
	response: ResponseView;
}

export interface DigestCounts {
	support: number;
	oppose: number;
	neutral: number;
	/** support + oppose + neutral: the denominator of every share. */
	votes: number;
	comments: number;
	participants: number;
}

export interface DigestClause {
	revisionId: number;
	key: string;
	label: string;
	heading: string;
	headingLanguage: string;
	counts: DigestCounts;
	/** What the community's liaisons reported off the platform (kept apart, never added). */
	reported: ReportedVotes | null;
	/** The stance most of the community took; null without votes or on a tie. */
	majority: StanceValue | null;
	reasonsFor: DigestQuote[];
	reasonsAgainst: DigestQuote[];
	discussed: DigestQuote[];
	answers: DigestAnswer[];
	/** Committee-only comments and reasons from this community on the clause: counted, never shown. */
	committeeOnly: number;
}

export interface DigestSummary {
	view: SummaryView;
	response: ResponseView | null;
}

export interface Digest {
	community: string;
	versionNumber: number;
	/** Distinct people of the community who took a stance or commented on the version. */
	people: number;
	clauses: DigestClause[];
	summaries: DigestSummary[];
	committeeOnly: number;
	/** Anything at all to show: on-platform feedback or a liaison summary. */
	hasFeedback: boolean;
}

/** Plain words for a quotation of a comment (Markdown: a cut could leave `**` behind). */
const excerpt = (s: string) => plainExcerpt(s, EXCERPT_CHARS);

function majorityOf(c: { support: number; oppose: number; neutral: number }): StanceValue | null {
	const sides: [StanceValue, number][] = [
		['support', c.support],
		['oppose', c.oppose],
		['neutral', c.neutral]
	];
	const top = Math.max(...sides.map(([, n]) => n));
	const leaders = sides.filter(([, n]) => n === top);
	return top === 0 || leaders.length > 1 ? null : leaders[0][0];
}

/** The public reasons of one side, from the community, the latest first (the latest states the person's current view). */
function reasons(db: Queryable, revisionId: number, community: string, stance: StanceValue, limit: number): DigestQuote[] {
	return db
		.select({ id: stances.id, reason: stances.reason, language: stances.language, at: stances.updatedAt, ...personColumns(users, consultationOfRevision(revisionId)) })
		.from(stances)
		.leftJoin(users, eq(users.id, stances.userId))
		.where(
			and(
				eq(stances.revisionId, revisionId),
				eq(stances.community, community),
				eq(stances.stance, stance),
				reasonIsPublic(),
				sql`trim(coalesce(${stances.reason}, '')) <> ''`
			)
		)
		.orderBy(desc(stances.updatedAt), desc(stances.id))
		.limit(limit)
		.all()
		.map((r) => ({ kind: 'reason', id: r.id, text: r.reason!, language: r.language, author: personOf(r), at: r.at, stance, replies: 0, translations: [] }));
}

/**
 * Public, visible, top-level comments, not deleted: what any visitor reads. Replies are never quoted
 * (one under a committee-only comment belongs to that private thread, whatever its own flag says).
 */
const publicComment = and(commentIsPublic(), commentIsShown(), isNull(comments.deletedAt), isNull(comments.parentId));

/** Top-level public comments of the community on the revision, the most replies first (public replies only), then the newest. */
function discussed(db: Queryable, revisionId: number, community: string, limit: number): DigestQuote[] {
	const replies = sql<number>`(select count(*) from comments rep where rep.parent_id = ${comments.id} and ${sql.raw(publicSql.comment('rep'))} and rep.deleted_at is null)`;
	return db
		.select({ id: comments.id, body: comments.body, language: comments.language, at: comments.createdAt, replies, ...personColumns(users, consultationOfRevision(revisionId)) })
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(and(eq(comments.revisionId, revisionId), eq(comments.community, community), publicComment))
		.orderBy(desc(replies), desc(comments.createdAt), desc(comments.id))
		.limit(limit)
		.all()
		.map((r) => ({ kind: 'comment', id: r.id, text: excerpt(r.body), language: r.language, author: personOf(r), at: r.at, stance: null, replies: r.replies, translations: [] }));
}

/** Translations of these comments into `language` made for their current wording (a person's before the machine's). */
function translationsInto(db: Queryable, commentIds: number[], language: string): Map<number, DigestTranslation[]> {
	const out = new Map<number, DigestTranslation[]>();
	if (commentIds.length === 0) return out;
	const rows = db
		.select({ commentId: commentTranslations.commentId, body: commentTranslations.body, machine: commentTranslations.machine })
		.from(commentTranslations)
		.innerJoin(comments, eq(comments.id, commentTranslations.commentId))
		.where(
			and(
				inArray(commentTranslations.commentId, commentIds),
				eq(commentTranslations.language, language),
				// Made before the author's last edit: it translates words that are no longer there.
				sql`(${comments.editedAt} is null or ${commentTranslations.updatedAt} >= ${comments.editedAt})`
			)
		)
		.orderBy(commentTranslations.machine, commentTranslations.id)
		.all();
	for (const r of rows) {
		const list = out.get(r.commentId) ?? [];
		list.push({ language, text: excerpt(r.body), machine: r.machine });
		out.set(r.commentId, list);
	}
	return out;
}

/** The committee's answers on the revision that a visitor reads: to the clause, and to this community's public comments. */
function answers(db: Queryable, revisionId: number, community: string): DigestAnswer[] {
	const responses = responsesForRevision(db, revisionId, PUBLIC_READER);
	const out: DigestAnswer[] = responses.clause ? [{ comment: null, response: responses.clause }] : [];
	const ids = [...responses.byComment.keys()];
	if (ids.length === 0) return out;
	const answered = db
		.select({ id: comments.id, body: comments.body, language: comments.language, at: comments.createdAt, ...personColumns(users, consultationOfRevision(revisionId)) })
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(and(inArray(comments.id, ids), eq(comments.community, community), publicComment))
		.orderBy(comments.createdAt, comments.id)
		.all();
	for (const c of answered) {
		out.push({
			comment: { kind: 'comment', id: c.id, text: excerpt(c.body), language: c.language, author: personOf(c), at: c.at, stance: null, replies: 0, translations: [] },
			response: responses.byComment.get(c.id)!
		});
	}
	return out;
}

/** Committee-only comments (visible, not deleted) and reasons of the community on the revision. */
function committeeOnlyCount(db: Queryable, revisionId: number, community: string): number {
	return db.get<{ n: number }>(sql`select
		(select count(*) from comments where revision_id = ${revisionId} and community = ${community} and not (${commentIsPublic()})
			and ${commentIsShown()} and deleted_at is null)
		+ (select count(*) from stances where revision_id = ${revisionId} and community = ${community} and not (${reasonIsPublic()})
			and trim(coalesce(reason, '')) <> '') as n`).n;
}

function peopleIn(db: Queryable, versionId: number, community: string): number {
	const revisionIds = sql`(select ${clauseRevisions.id} from ${clauseRevisions} where ${clauseRevisions.versionId} = ${versionId})`;
	return db.get<{ n: number }>(sql`select count(distinct person) as n from (
		select coalesce('u' || user_id, former_participant, 's' || id) as person from stances where revision_id in ${revisionIds} and community = ${community}
		union
		select coalesce('u' || author_id, former_participant, 'c' || id) from comments where revision_id in ${revisionIds} and community = ${community})`).n;
}

/**
 * The digest of `community` on a published `version`, with headings and translations of comments
 * in `readerLanguage` where they exist.
 */
export function communityDigest(
	db: Queryable,
	consultation: Pick<Consultation, 'sourceLanguage'>,
	version: Pick<DraftVersion, 'id' | 'number'>,
	community: string,
	readerLanguage: string
): Digest {
	const headings = versionClauseHeadings(db, version.id, consultation.sourceLanguage, readerLanguage);
	const byRevision = communityTallies(
		db,
		headings.map((h) => h.revisionId),
		community
	);
	const reported = reportedCounts(db, version.id);

	const clauses: DigestClause[] = headings.map((h) => {
		const t = byRevision.get(h.revisionId) ?? { support: 0, oppose: 0, neutral: 0, comments: 0, participants: 0 };
		const counts = { ...t, votes: t.support + t.oppose + t.neutral };
		const majority = majorityOf(counts);
		const most = discussed(db, h.revisionId, community, DIGEST_COMMENTS);
		const translated = readerLanguage === community ? new Map<number, DigestTranslation[]>() : translationsInto(db, most.map((c) => c.id), readerLanguage);
		return {
			...h,
			counts,
			reported: reported.get(h.revisionId)?.find((r) => r.language === community) ?? null,
			majority,
			reasonsFor: reasons(db, h.revisionId, community, 'support', DIGEST_REASONS_PER_SIDE),
			reasonsAgainst: reasons(db, h.revisionId, community, 'oppose', DIGEST_REASONS_PER_SIDE),
			discussed: most.map((c) => ({ ...c, translations: (translated.get(c.id) ?? []).filter((x) => x.language !== c.language) })),
			answers: answers(db, h.revisionId, community),
			committeeOnly: committeeOnlyCount(db, h.revisionId, community)
		};
	});
	const published = listPublishedSummaries(db, version.id).filter((s) => s.language === community);
	const responses = summaryResponsesFor(db, published.map((s) => s.id));
	const summaries = published.map((view) => ({ view, response: responses.get(view.id) ?? null }));
	const people = peopleIn(db, version.id, community);
	return {
		community,
		versionNumber: version.number,
		people,
		clauses,
		summaries,
		committeeOnly: clauses.reduce((n, c) => n + c.committeeOnly, 0),
		hasFeedback: people > 0 || summaries.length > 0
	};
}

/**
 * The communities with something to show on a version: on-platform feedback (a tally row with
 * anything in it) or a published liaison summary, the most people first.
 */
export function digestCommunities(db: Queryable, versionId: number): string[] {
	const people = new Map<string, number>();
	for (const r of communitiesWithFeedback(db, versionId)) people.set(r.community, r.participants);
	for (const language of publishedSummaryLanguages(db, versionId)) people.set(language, people.get(language) ?? 0);
	return [...people.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([c]) => c);
}

/** What a liaison can pull into a summary from the digest: its quoted reasons and comments, per clause key. */
export interface DigestPick {
	/** 'reason:<id>' or 'comment:<id>': what the pull action is sent. */
	ref: string;
	kind: 'reason' | 'comment';
	stance: StanceValue | null;
	text: string;
	language: string;
}

export function digestPicks(digest: Digest): Record<string, DigestPick[]> {
	const out: Record<string, DigestPick[]> = {};
	for (const c of digest.clauses) {
		const items = [...c.reasonsFor, ...c.reasonsAgainst, ...c.discussed];
		if (items.length) out[c.key] = items.map((q) => ({ ref: `${q.kind}:${q.id}`, kind: q.kind, stance: q.stance, text: q.text, language: q.language }));
	}
	return out;
}

/**
 * One public reason or comment of `community` on `version`, named by its pick ref, with its clause's
 * key and a person's translation into `translationLanguage` when there is one; null when it is not
 * something the digest could show (committee-only, hidden, deleted, another community or version).
 */
export function resolvePick(
	db: Queryable,
	versionId: number,
	community: string,
	ref: string,
	translationLanguage: string
): { clauseKey: string; text: string; language: string; translation: string } | null {
	const m = /^(reason|comment):([1-9][0-9]{0,9})$/.exec(ref);
	if (!m) return null;
	const id = Number(m[2]);
	const key = sql<string>`(select k.key from clauses k where k.id = ${clauseRevisions.clauseId})`;
	if (m[1] === 'reason') {
		const row = db
			.select({ text: stances.reason, language: stances.language, key })
			.from(stances)
			.innerJoin(clauseRevisions, eq(clauseRevisions.id, stances.revisionId))
			.where(and(eq(stances.id, id), eq(clauseRevisions.versionId, versionId), eq(stances.community, community), reasonIsPublic()))
			.get();
		return row?.text?.trim() ? { clauseKey: row.key, text: row.text, language: row.language, translation: '' } : null;
	}
	const row = db
		.select({ text: comments.body, language: comments.language, editedAt: comments.editedAt, key })
		.from(comments)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.where(and(eq(comments.id, id), eq(clauseRevisions.versionId, versionId), eq(comments.community, community), publicComment))
		.get();
	if (!row) return null;
	const translation =
		row.language === translationLanguage
			? ''
			: ((translationsInto(db, [id], translationLanguage).get(id) ?? []).find((t) => !t.machine)?.text ?? '');
	return { clauseKey: row.key, text: row.text, language: row.language, translation };
}
