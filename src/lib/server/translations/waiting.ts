// "Waiting for translation": the feedback of a consultation written in other languages that no one
// has translated into one language yet — comments and replies, stance reasons, liaison quotes — for
// people who read both languages. A machine translation does not take an item off the list: it
// helps readers meanwhile, but a person's translation is what the list asks for.
import { sql, type SQL } from 'drizzle-orm';
import { publicSql } from '../privacy/visibility';
import type { Queryable } from '../db';
import { COMMENT_PAGE_SIZE } from '../comments/service';
import { renderMarkdown } from '../markdown';
import { balanceBidi } from '../bidi';

export const WAITING_PAGE_SIZE = 20;

export type WaitingKind = 'comment' | 'reason' | 'quote';

export interface WaitingItem {
	kind: WaitingKind;
	/** The comment's, stance's or quote's id. */
	id: number;
	language: string;
	/** Comments: sanitised HTML of their Markdown; reasons and quotes: plain text. */
	html: string | null;
	text: string;
	versionNumber: number;
	clause: { key: string; label: string; heading: string } | null;
	/** The liaison summary a quote comes from. */
	summaryId: number | null;
	/** Visible replies (comments), how "discussed" the item is. */
	replies: number;
	/** The page of the clause's comments the item is on (comments only). */
	clausePage: number;
	/** A reply: the comment it answers. */
	parentId: number | null;
	/** Counted only for the committee, who alone receive these. */
	committeeOnly: boolean;
	at: number;
}

export interface WaitingList {
	items: WaitingItem[];
	total: number;
	page: number;
	pageCount: number;
	/** How many are waiting per source language (for the page's sentence). */
	byLanguage: { language: string; count: number }[];
}

interface Row {
	kind: WaitingKind;
	id: number;
	language: string;
	text: string;
	version_number: number;
	clause_key: string | null;
	label: string | null;
	heading: string | null;
	summary_id: number | null;
	replies: number;
	parent_id: number | null;
	committee_only: number;
	at: number;
	clause_page: number;
	discussion: number;
}

/**
 * The three kinds as one SQL union with the same columns. Published versions only; hidden, pending
 * and deleted comments never; committee-only comments and reasons only when `committee` (not even
 * their authors: the page is for volunteers translating for everyone, so that text stays with the
 * committee). `discussion` orders "most discussed first": an item's replies, then the number of
 * comments and reasons on its clause revision.
 */
function waitingSql(consultationId: number, language: string, committee: boolean): SQL {
	const published = sql`v.consultation_id = ${consultationId} and v.status = 'published'`;
	// The public's rules (privacy/visibility.ts); the committee's list has committee-only items too.
	const open = (rule: string) => (committee ? sql`1 = 1` : sql.raw(rule));
	const shown = (c: string) => sql.raw(publicSql.commentShown(c));
	const revisionFeedback = (revision: SQL) =>
		sql`((select count(*) from comments x where x.revision_id = ${revision} and x.deleted_at is null and ${shown('x')})
			+ (select count(*) from stances y where y.revision_id = ${revision} and y.reason is not null))`;
	return sql`
		select 'comment' as kind, c.id as id, c.language as language, c.body as text, v.number as version_number,
			k.key as clause_key, r.label as label, r.heading as heading, null as summary_id,
			(select count(*) from comments rep where rep.parent_id = c.id and rep.deleted_at is null and ${shown('rep')}) as replies,
			c.parent_id as parent_id, c.committee_only as committee_only, c.created_at as at,
			-- The clause page lists top-level comments newest first, COMMENT_PAGE_SIZE a page: the page this one (or its parent) is on.
			1 + (select count(*) from comments newer, comments top where top.id = coalesce(c.parent_id, c.id)
				and newer.revision_id = top.revision_id and newer.parent_id is null
				and (newer.created_at > top.created_at or (newer.created_at = top.created_at and newer.id > top.id))) / ${COMMENT_PAGE_SIZE} as clause_page,
			${revisionFeedback(sql`c.revision_id`)} as discussion
		from comments c
		join clause_revisions r on r.id = c.revision_id
		join draft_versions v on v.id = r.version_id
		join clauses k on k.id = r.clause_id
		where ${published} and c.language <> ${language} and c.deleted_at is null and ${shown('c')}
			and trim(c.body) <> '' and ${open(publicSql.commentPublic('c'))}
			and not exists (select 1 from comment_translations ct where ct.comment_id = c.id and ct.language = ${language} and ct.machine = 0)
		union all
		select 'reason', s.id, s.language, s.reason, v.number, k.key, r.label, r.heading, null, 0, null, s.committee_only, s.updated_at, 1,
			${revisionFeedback(sql`s.revision_id`)}
		from stances s
		join clause_revisions r on r.id = s.revision_id
		join draft_versions v on v.id = r.version_id
		join clauses k on k.id = r.clause_id
		where ${published} and s.language <> ${language} and s.reason is not null and trim(s.reason) <> ''
			and ${open(publicSql.reason('s'))}
			and not exists (select 1 from feedback_translations ft where ft.stance_id = s.id and ft.language = ${language} and ft.machine = 0)
		union all
		select 'quote', q.id, q.language, q.original, v.number, null, null, null, ls.id, 0, null, 0, ls.published_at, 1, 0
		from summary_quotes q
		join summary_entries e on e.id = q.entry_id
		join liaison_summaries ls on ls.id = e.summary_id
		join draft_versions v on v.id = ls.version_id
		where ${published} and ${sql.raw(publicSql.summary('ls'))} and q.language <> ${language} and trim(q.original) <> ''
			and not exists (select 1 from feedback_translations ft where ft.quote_id = q.id and ft.language = ${language} and ft.machine = 0)`;
}

/** One page of what waits for a translation into `language`, most discussed first, then newest. */
export function waitingForTranslation(
	db: Queryable,
	consultationId: number,
	language: string,
	options: { committee: boolean; page?: number; pageSize?: number }
): WaitingList {
	const pageSize = options.pageSize ?? WAITING_PAGE_SIZE;
	const union = waitingSql(consultationId, language, options.committee);
	const byLanguage = db
		.all<{ language: string; count: number }>(sql`select language, count(*) as count from (${union}) group by language order by count desc, language`)
		.map((r) => ({ language: r.language, count: r.count }));
	const total = byLanguage.reduce((n, r) => n + r.count, 0);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
	const rows = db.all<Row>(sql`
		select * from (${union})
		order by replies desc, discussion desc, at desc, kind, id desc
		limit ${pageSize} offset ${(page - 1) * pageSize}`);
	return {
		items: rows.map((r) => ({
			kind: r.kind,
			id: r.id,
			language: r.language,
			html: r.kind === 'comment' ? renderMarkdown(r.text) : null,
			text: balanceBidi(r.text),
			versionNumber: r.version_number,
			clause: r.clause_key ? { key: r.clause_key, label: r.label ?? '', heading: r.heading ?? '' } : null,
			summaryId: r.summary_id,
			replies: r.replies,
			clausePage: r.clause_page,
			parentId: r.parent_id,
			committeeOnly: r.committee_only === 1,
			at: r.at
		})),
		total,
		page,
		pageCount,
		byLanguage
	};
}

/** The languages whose waiting pages a person may open: theirs that the consultation runs in, when they read two or more of them. */
export function waitingLanguagesFor(userLanguages: readonly string[], consultationLanguages: readonly string[]): string[] {
	const theirs = userLanguages.filter((l) => consultationLanguages.includes(l));
	return theirs.length >= 2 ? theirs : [];
}

/**
 * The text of one item of a waiting list, as the list's rules allow it (published, visible, not
 * deleted; committee-only only for the committee), or undefined: the translate form on the waiting
 * page names an item by kind and id, and must not reach anything the list would not show.
 */
export function waitingItemSource(
	db: Queryable,
	consultationId: number,
	kind: WaitingKind,
	id: number,
	committee: boolean
): { kind: WaitingKind; id: number; text: string; language: string } | undefined {
	const published = sql`v.consultation_id = ${consultationId} and v.status = 'published'`;
	const open = (rule: string) => (committee ? sql`1 = 1` : sql.raw(rule));
	const query =
		kind === 'comment'
			? sql`select c.body as text, c.language as language from comments c join clause_revisions r on r.id = c.revision_id join draft_versions v on v.id = r.version_id
				where c.id = ${id} and ${published} and c.deleted_at is null and ${sql.raw(publicSql.commentShown('c'))} and ${open(publicSql.commentPublic('c'))}`
			: kind === 'reason'
				? sql`select s.reason as text, s.language as language from stances s join clause_revisions r on r.id = s.revision_id join draft_versions v on v.id = r.version_id
				where s.id = ${id} and ${published} and s.reason is not null and ${open(publicSql.reason('s'))}`
				: sql`select q.original as text, q.language as language from summary_quotes q join summary_entries e on e.id = q.entry_id
				join liaison_summaries ls on ls.id = e.summary_id join draft_versions v on v.id = ls.version_id
				where q.id = ${id} and ${published} and ${sql.raw(publicSql.summary('ls'))}`;
	const row = db.get<{ text: string; language: string } | undefined>(query);
	return row ? { kind, id, text: row.text, language: row.language } : undefined;
}
