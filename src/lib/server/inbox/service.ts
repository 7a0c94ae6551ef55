// The committee inbox: what in a consultation still needs the drafting committee's attention, across
// its published versions — feedback without a response, liaison summaries without a response,
// clauses on which the language communities diverge, translations left undone, and how many reported
// comments wait for a moderator. It is the committee's own page, so committee-only feedback is in it
// (the route lets no one else in). See docs/versions.md, "The committee inbox".
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { draftVersions, type Consultation, type StanceValue } from '../db/schema';
import { publicSql } from '../privacy/visibility';
import { personOf, type PersonView } from '../people/badges';
import { versionResults } from '../aggregation/service';
import { translationWorklist } from '../translations/service';
import { moderationQueue } from '../moderation/service';
import { COMMENT_PAGE_SIZE } from '../comments/service';
import { plainExcerpt, shorten } from '../markdown';

/** Unanswered comments and reasons shown on one page of the inbox. */
export const INBOX_PAGE_SIZE = 20;

/**
 * A clause needs the committee's attention when the share of support of its most and least
 * supportive weighed communities differ by at least this much (the divergence of docs/measures.md):
 * 0.3 is e.g. 80 % support in one community and 50 % in another.
 */
export const DIVERGENCE_ATTENTION = 0.3;

/** How much of a comment or reason the inbox quotes (the link leads to the whole). */
const EXCERPT_CHARS = 280;

export interface InboxClause {
	key: string;
	label: string;
	heading: string;
}

/** A comment or a stance reason that no committee response answers yet. */
export interface InboxFeedback {
	kind: 'comment' | 'reason';
	/** The comment's or the stance's id. */
	id: number;
	versionNumber: number;
	clause: InboxClause;
	/** The author's language community (the one their feedback counts in). */
	community: string;
	/** The language the text is written in. */
	language: string;
	excerpt: string;
	/** For a reason: the stance it explains. */
	stance: StanceValue | null;
	committeeOnly: boolean;
	/** Replies that readers can see (0 for a reason). */
	replies: number;
	author: PersonView | null;
	at: number;
	/** The page of the clause's comment list the comment is on (1 for a reason). */
	clausePage: number;
}

export interface InboxSummary {
	id: number;
	versionNumber: number;
	language: string;
	author: PersonView | null;
	/** People the liaison reports reaching, over their channels. */
	participants: number;
	publishedAt: number;
}

export interface InboxDivergence {
	versionNumber: number;
	clause: InboxClause;
	divergence: number;
	most: { community: string; support: number; votes: number };
	least: { community: string; support: number; votes: number };
}

export interface InboxTranslation {
	versionNumber: number;
	clause: InboxClause;
	language: string;
	status: 'outdated' | 'missing';
}

export interface CommunityCount {
	community: string;
	comments: number;
	reasons: number;
	summaries: number;
	total: number;
}

export interface Inbox {
	filters: { community: string | null; page: number };
	/** Unanswered items per community (always over every community, whatever the filter), most first. */
	counts: CommunityCount[];
	feedback: { items: InboxFeedback[]; total: number; page: number; pageCount: number; pageSize: number };
	summaries: InboxSummary[];
	divergent: InboxDivergence[];
	/** For the current version only: translations of older versions are no longer read. */
	translations: InboxTranslation[];
	currentVersionNumber: number | null;
	/** Reported or pending comments waiting for a moderator's decision. */
	moderationWaiting: number;
}

/** Plain words for a quotation: a comment is Markdown (a cut could leave `**` behind), a reason plain text. */
const excerpt = (kind: 'comment' | 'reason', s: string) => (kind === 'comment' ? plainExcerpt(s, EXCERPT_CHARS) : shorten(s, EXCERPT_CHARS));

/**
 * SQL parts shared by the two halves of the feedback list: published versions of the consultation,
 * and authors who are not themselves the committee (their own words need no answer from it).
 */
function feedbackSql(consultationId: number, community: string | null) {
	const published = sql`v.consultation_id = ${consultationId} and v.status = 'published'`;
	const notCommittee = (author: SQL) =>
		sql`not exists (select 1 from role_assignments ra where ra.consultation_id = ${consultationId} and ra.user_id = ${author} and ra.role in ('committee', 'admin'))`;
	const commentRows = sql`
		select 'comment' as kind, c.id as id, v.number as version_number, k.key as clause_key, r.label as label, r.heading as heading,
			c.community as community, c.language as language, c.body as text, null as stance, c.committee_only as committee_only,
			(select count(*) from comments rep where rep.parent_id = c.id and rep.deleted_at is null and ${sql.raw(publicSql.commentShown('rep'))}) as replies,
			c.author_id as author_id, c.created_at as at,
			-- The clause page lists top-level comments newest first, COMMENT_PAGE_SIZE a page: the page this one is on.
			1 + (select count(*) from comments newer where newer.revision_id = c.revision_id and newer.parent_id is null
				and (newer.created_at > c.created_at or (newer.created_at = c.created_at and newer.id > c.id))) / ${COMMENT_PAGE_SIZE} as clause_page
		from comments c
		join clause_revisions r on r.id = c.revision_id
		join draft_versions v on v.id = r.version_id
		join clauses k on k.id = r.clause_id
		where ${published} and c.parent_id is null and c.deleted_at is null and ${sql.raw(publicSql.commentShown('c'))}
			and not exists (select 1 from committee_responses cr where cr.comment_id = c.id)
			and ${notCommittee(sql`c.author_id`)}
			${community === null ? sql`` : sql`and c.community = ${community}`}`;
	// A reason is answered by the committee's response to the clause's feedback as a whole.
	const reasonRows = sql`
		select 'reason', s.id, v.number, k.key, r.label, r.heading,
			s.community, s.language, s.reason, s.stance, s.committee_only, 0, s.user_id, s.updated_at, 1
		from stances s
		join clause_revisions r on r.id = s.revision_id
		join draft_versions v on v.id = r.version_id
		join clauses k on k.id = r.clause_id
		where ${published} and s.reason is not null and trim(s.reason) <> ''
			and not exists (select 1 from committee_responses cr where cr.revision_id = s.revision_id and cr.comment_id is null)
			and ${notCommittee(sql`s.user_id`)}
			${community === null ? sql`` : sql`and s.community = ${community}`}`;
	return { commentRows, reasonRows };
}

interface FeedbackRow {
	kind: 'comment' | 'reason';
	id: number;
	version_number: number;
	clause_key: string;
	label: string;
	heading: string;
	community: string;
	language: string;
	text: string;
	stance: StanceValue | null;
	committee_only: number;
	replies: number;
	author_id: number | null;
	at: number;
	clause_page: number;
}

/** Unanswered comments and reasons: the most-replied first, then the newest. */
function unansweredFeedback(db: Queryable, consultationId: number, community: string | null, page: number, pageSize: number) {
	const { commentRows, reasonRows } = feedbackSql(consultationId, community);
	const total = db.get<{ n: number }>(sql`select count(*) as n from (${commentRows} union all ${reasonRows})`).n;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, page), pageCount);
	const rows = db.all<FeedbackRow>(sql`
		select * from (${commentRows} union all ${reasonRows})
		order by replies desc, at desc, kind, id desc
		limit ${pageSize} offset ${(current - 1) * pageSize}`);
	const people = peopleOf(db, consultationId, rows.map((r) => r.author_id));
	const items: InboxFeedback[] = rows.map((r) => ({
		kind: r.kind,
		id: r.id,
		versionNumber: r.version_number,
		clause: { key: r.clause_key, label: r.label, heading: r.heading },
		community: r.community,
		language: r.language,
		excerpt: excerpt(r.kind, r.text),
		stance: r.stance,
		committeeOnly: r.committee_only === 1,
		replies: r.replies,
		author: r.author_id === null ? null : (people.get(r.author_id) ?? null),
		at: r.at,
		clausePage: r.clause_page
	}));
	return { items, total, page: current, pageCount, pageSize };
}

/** Per community: unanswered comments, reasons and summaries. */
function countsByCommunity(db: Queryable, consultationId: number): CommunityCount[] {
	const { commentRows, reasonRows } = feedbackSql(consultationId, null);
	const rows = db.all<{ community: string; kind: 'comment' | 'reason' | 'summary'; n: number }>(sql`
		select community, kind, count(*) as n from (${commentRows} union all ${reasonRows}) group by community, kind
		union all
		select s.language, 'summary', count(*) from liaison_summaries s
		where s.consultation_id = ${consultationId} and ${sql.raw(publicSql.summary('s'))}
			and not exists (select 1 from summary_responses sr where sr.summary_id = s.id)
		group by s.language`);
	const out = new Map<string, CommunityCount>();
	for (const r of rows) {
		const row = out.get(r.community) ?? { community: r.community, comments: 0, reasons: 0, summaries: 0, total: 0 };
		if (r.kind === 'comment') row.comments += r.n;
		else if (r.kind === 'reason') row.reasons += r.n;
		else row.summaries += r.n;
		row.total += r.n;
		out.set(r.community, row);
	}
	return [...out.values()].sort((a, b) => b.total - a.total || (a.community < b.community ? -1 : 1));
}

function peopleOf(db: Queryable, consultationId: number, ids: (number | null)[]): Map<number, PersonView> {
	const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
	if (wanted.length === 0) return new Map();
	// Written out: in a one-table query drizzle leaves columns unqualified, and personColumns' roles
	// subquery would then read `user_id = "id"` inside role_assignments (everyone's roles, or none).
	const rows = db.all<{ id: number; username: string; displayName: string; isSiteAdmin: number; roles: string | null }>(sql`
		select u.id as id, u.username as username, u.display_name as displayName, u.is_site_admin as isSiteAdmin,
			(select group_concat(ra.role || ':' || ra.language, ',') from role_assignments ra
			 where ra.user_id = u.id and ra.consultation_id = ${consultationId}) as roles
		from users u where u.id in (${sql.join(wanted.map((id) => sql`${id}`), sql`, `)})`);
	return new Map(rows.map((r) => [r.id, personOf({ ...r, isSiteAdmin: r.isSiteAdmin === 1 })!]));
}

/** Published liaison summaries the committee has not answered, newest first. */
function unansweredSummaries(db: Queryable, consultationId: number, community: string | null): InboxSummary[] {
	const rows = db.all<{ id: number; version_number: number; language: string; author_id: number | null; participants: number; published_at: number }>(sql`
		select s.id, v.number as version_number, s.language, s.author_id,
			(select coalesce(sum(ch.participants), 0) from summary_channels ch where ch.summary_id = s.id) as participants,
			s.published_at
		from liaison_summaries s join draft_versions v on v.id = s.version_id
		where s.consultation_id = ${consultationId} and ${sql.raw(publicSql.summary('s'))}
			and not exists (select 1 from summary_responses sr where sr.summary_id = s.id)
			${community === null ? sql`` : sql`and s.language = ${community}`}
		order by s.published_at desc, s.id desc`);
	const people = peopleOf(db, consultationId, rows.map((r) => r.author_id));
	return rows.map((r) => ({
		id: r.id,
		versionNumber: r.version_number,
		language: r.language,
		author: r.author_id === null ? null : (people.get(r.author_id) ?? null),
		participants: r.participants,
		publishedAt: r.published_at
	}));
}

/**
 * Clauses whose communities diverge (docs/measures.md), newest version first, the widest gap first;
 * under a community filter, those where that community is the most or the least supportive.
 */
function divergentClauses(db: Queryable, consultation: Consultation, versions: { id: number; number: number }[], community: string | null): InboxDivergence[] {
	const out: InboxDivergence[] = [];
	for (const version of versions) {
		const results = versionResults(db, consultation, version);
		const found: InboxDivergence[] = [];
		for (const clause of results.clauses) {
			const m = clause.measures;
			if (m.divergence === null || m.divergence < DIVERGENCE_ATTENTION || !m.mostSupportive || !m.leastSupportive) continue;
			if (community !== null && m.mostSupportive !== community && m.leastSupportive !== community) continue;
			const side = (tag: string) => {
				const w = m.weighed.find((x) => x.community === tag)!;
				return { community: tag, support: w.support, votes: w.votes };
			};
			found.push({
				versionNumber: version.number,
				clause: { key: clause.key, label: clause.label, heading: clause.heading },
				divergence: m.divergence,
				most: side(m.mostSupportive),
				least: side(m.leastSupportive)
			});
		}
		out.push(...found.sort((a, b) => b.divergence - a.divergence));
	}
	return out;
}

/** Outdated or missing clause translations of the current version, per language (the source language aside). */
function undoneTranslations(db: Queryable, consultation: Consultation, version: { id: number; number: number } | undefined, community: string | null): InboxTranslation[] {
	if (!version) return [];
	const languages = consultation.languages.filter((l) => l !== consultation.sourceLanguage && (community === null || l === community));
	return languages.flatMap((language) =>
		translationWorklist(db, version.id, language)
			.filter((item) => item.status !== 'current')
			.map((item) => ({
				versionNumber: version.number,
				clause: { key: item.key, label: item.label, heading: item.heading },
				language,
				status: item.status as 'outdated' | 'missing'
			}))
	);
}

export function committeeInbox(
	db: Queryable,
	consultation: Consultation,
	options: { community?: string | null; page?: number; pageSize?: number } = {}
): Inbox {
	const community = options.community ?? null;
	const versions = db
		.select({ id: draftVersions.id, number: draftVersions.number })
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultation.id), eq(draftVersions.status, 'published')))
		.orderBy(desc(draftVersions.number))
		.all();
	const feedback = unansweredFeedback(db, consultation.id, community, options.page ?? 1, options.pageSize ?? INBOX_PAGE_SIZE);
	return {
		filters: { community, page: feedback.page },
		counts: countsByCommunity(db, consultation.id),
		feedback,
		summaries: unansweredSummaries(db, consultation.id, community),
		divergent: divergentClauses(db, consultation, versions, community),
		translations: undoneTranslations(db, consultation, versions[0], community),
		currentVersionNumber: versions[0]?.number ?? null,
		// The committee moderates too: its queue includes committee-only comments.
		moderationWaiting: moderationQueue(db, consultation.id, { view: 'open', committee: true, pageSize: 1 }).waiting
	};
}
