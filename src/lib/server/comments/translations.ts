// Translations of comments: by participants who read both languages, or by machine translation when
// the site has a service configured. A translation is shown beside the original, never in its place.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import {
	clauseRevisions,
	clauses,
	comments,
	commentTranslations,
	draftVersions,
	users,
	type Comment,
	type CommentTranslation
} from '../db/schema';
import { renderMarkdown } from '../markdown';
import { machineTranslate, machineTranslationEnabled } from '../mt/libretranslate';
import { languageTag, multiLine } from '../validation';
import type { CommentView } from './service';
import { PUBLIC_READER, commentVisibleTo, type Reader } from '../privacy/visibility';
import type { TranslationReader } from '../../translation-offer';

export const MAX_TRANSLATION_CHARS = 10_000;

export class TranslationError extends Error {
	constructor(
		/** Catalog key (errors.*). */
		public readonly code: string,
		/** The form field the error belongs next to. */
		public readonly field: 'language' | 'body' | 'form' = 'form'
	) {
		super(code);
	}
}

const id = z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' });

export const commentTranslationInput = z.object({
	comment: id,
	language: languageTag,
	body: multiLine(MAX_TRANSLATION_CHARS, 'errors.translationTooLong').refine((s) => s.length > 0, {
		error: 'errors.translationEmpty'
	})
});

export const machineTranslationInput = z.object({ comment: id, language: languageTag });

function requireComment(db: Queryable, commentId: number, forModeration = false): Comment {
	const comment = db.select().from(comments).where(eq(comments.id, commentId)).get();
	if (!comment) throw new TranslationError('errors.commentNotFound');
	// Hidden, pending and deleted comments are not translated (their text is not for readers), except
	// by machine for a moderator, who must understand a reported comment to judge it.
	if (comment.deletedAt !== null || (comment.moderation !== 'visible' && !forModeration)) throw new TranslationError('errors.commentNotTranslatable');
	return comment;
}

function checkTarget(comment: Comment, language: string, consultationLanguages: readonly string[]): void {
	if (!consultationLanguages.includes(language)) throw new TranslationError('errors.languageNotInConsultation', 'language');
	if (language === comment.language) throw new TranslationError('errors.translationSameLanguage', 'language');
}

/**
 * A participant's translation of a comment into another language of the consultation. The
 * translator must read both languages (their profile's `languages`, compared exactly).
 *
 * There is one human translation per comment and language: a later one, by the same person or
 * anyone else, replaces the earlier (body and translator; `createdAt` keeps the first). Translations
 * are open to correction by any bilingual reader, as a wiki page is, and readers see one version
 * rather than a pile of competing ones. A machine translation into the same language is kept apart.
 */
export function translateComment(
	db: Queryable,
	input: {
		commentId: number;
		language: string;
		body: string;
		translatorId: number;
		consultationLanguages: readonly string[];
		translatorLanguages: readonly string[];
		now?: number;
	}
): CommentTranslation {
	const comment = requireComment(db, input.commentId);
	const body = input.body.replace(/\r\n?/g, '\n').trim();
	if (body.length === 0) throw new TranslationError('errors.translationEmpty', 'body');
	if (body.length > MAX_TRANSLATION_CHARS) throw new TranslationError('errors.translationTooLong', 'body');
	checkTarget(comment, input.language, input.consultationLanguages);
	if (!input.translatorLanguages.includes(comment.language) || !input.translatorLanguages.includes(input.language)) {
		throw new TranslationError('errors.translatorLanguages', 'language');
	}
	const now = input.now ?? Date.now();
	return db
		.insert(commentTranslations)
		.values({
			commentId: comment.id,
			language: input.language,
			body,
			translatorId: input.translatorId,
			machine: false,
			createdAt: now,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: [commentTranslations.commentId, commentTranslations.language, commentTranslations.machine],
			set: { body, translatorId: input.translatorId, updatedAt: now }
		})
		.returning()
		.get();
}

/**
 * A machine translation of a comment, asked for by `requesterId` (stored as its translatorId, but
 * shown only as "machine translation"). One per comment and language: when it exists already it is
 * returned without asking the service again. Throws MachineTranslationError when the service fails.
 */
export async function machineTranslateComment(
	db: Queryable,
	input: {
		commentId: number;
		language: string;
		requesterId: number;
		consultationLanguages: readonly string[];
		/** Asked from the moderation queue: hidden and pending comments too. */
		forModeration?: boolean;
		now?: number;
	}
): Promise<CommentTranslation> {
	const comment = requireComment(db, input.commentId, input.forModeration);
	checkTarget(comment, input.language, input.consultationLanguages);
	const existing = db
		.select()
		.from(commentTranslations)
		.where(
			and(
				eq(commentTranslations.commentId, comment.id),
				eq(commentTranslations.language, input.language),
				eq(commentTranslations.machine, true)
			)
		)
		.get();
	if (existing) return existing;

	const body = (await machineTranslate(comment.body, comment.language, input.language)).trim();
	const now = input.now ?? Date.now();
	return db
		.insert(commentTranslations)
		.values({ commentId: comment.id, language: input.language, body, translatorId: input.requesterId, machine: true, createdAt: now, updatedAt: now })
		.onConflictDoUpdate({
			target: [commentTranslations.commentId, commentTranslations.language, commentTranslations.machine],
			set: { body, translatorId: input.requesterId, updatedAt: now }
		})
		.returning()
		.get();
}

export interface CommentTranslationView {
	id: number;
	language: string;
	html: string;
	/** Null for machine translations, and once a human translator deleted their account. */
	translator: PersonView | null;
	machine: boolean;
	updatedAt: number;
	/** Made before the author last edited the comment: it translates an earlier wording. */
	outdated?: boolean;
}

/** The translations of these comments, by comment: by language, a person's before the machine's. */
export function listCommentTranslations(db: Queryable, commentIds: readonly number[]): Map<number, CommentTranslationView[]> {
	const out = new Map<number, CommentTranslationView[]>();
	if (commentIds.length === 0) return out;
	const rows = db
		.select({
			id: commentTranslations.id,
			commentId: commentTranslations.commentId,
			language: commentTranslations.language,
			body: commentTranslations.body,
			machine: commentTranslations.machine,
			updatedAt: commentTranslations.updatedAt,
			...personColumns(users, consultationOfRevision(comments.revisionId))
		})
		.from(commentTranslations)
		.innerJoin(comments, eq(comments.id, commentTranslations.commentId))
		.leftJoin(users, eq(users.id, commentTranslations.translatorId))
		.where(inArray(commentTranslations.commentId, [...commentIds]))
		.orderBy(asc(commentTranslations.commentId), asc(commentTranslations.language), asc(commentTranslations.machine), asc(commentTranslations.id))
		.all();
	for (const row of rows) {
		const list = out.get(row.commentId) ?? [];
		list.push({
			id: row.id,
			language: row.language,
			html: renderMarkdown(row.body),
			translator: row.machine ? null : personOf(row),
			machine: row.machine,
			updatedAt: row.updatedAt
		});
		out.set(row.commentId, list);
	}
	return out;
}

export type TranslatedComment<C extends CommentView = CommentView> = Omit<C, 'replies'> & {
	translations: CommentTranslationView[];
	replies: TranslatedComment<C>[];
};

/** The comments of a page (and their replies), each with its translations, in one query. */
export function withTranslations<C extends CommentView>(db: Queryable, items: C[]): TranslatedComment<C>[] {
	// A comment whose text the reader may not read (hidden, pending, deleted) has no translations for them either.
	const ids = items.flatMap((c) => [c, ...c.replies]).filter((c) => !c.withheld).map((c) => c.id);
	const translations = listCommentTranslations(db, ids);
	const translationsOf = (c: CommentView) =>
		c.withheld
			? []
			: (translations.get(c.id) ?? []).map((tr) => ({ ...tr, outdated: c.editedAt !== null && tr.updatedAt < c.editedAt }));
	const attach = (c: CommentView): TranslatedComment<C> =>
		({ ...c, translations: translationsOf(c), replies: c.replies.map(attach) }) as TranslatedComment<C>;
	return items.map(attach);
}

/**
 * A comment of this consultation on a published version of this clause, or undefined: actions
 * name a comment by id, and must not reach comments elsewhere, nor committee-only comments the
 * reader may not read (to them those are not there: the caller answers 404).
 */
export function findCommentOnClause(
	db: Queryable,
	commentId: number,
	consultationId: number,
	clauseKey: string,
	reader: Reader = PUBLIC_READER
): Comment | undefined {
	const row = db
		.select({ comment: comments })
		.from(comments)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, comments.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(
			and(
				eq(comments.id, commentId),
				eq(clauses.consultationId, consultationId),
				eq(clauses.key, clauseKey),
				eq(draftVersions.status, 'published'),
				commentVisibleTo(reader)
			)
		)
		.get();
	return row?.comment;
}

/**
 * Who reads the page, as far as translations go (the per-item rule is translationOffer in
 * $lib/translation-offer.ts). Human translation: signed in, two or more of their languages in the
 * consultation, consultation open. Machine translation: signed in and the service configured, open
 * or closed (it only helps people read what was said). Visitors read the interface language.
 */
export function translationOptions(input: {
	userLanguages: readonly string[] | null;
	consultationLanguages: readonly string[];
	open: boolean;
	uiLocale: string;
}): TranslationReader {
	const signedIn = input.userLanguages !== null;
	const reads = input.userLanguages ? [...input.userLanguages] : [input.uiLocale];
	const inConsultation = reads.filter((l) => input.consultationLanguages.includes(l));
	const preferred = inConsultation[0] ?? (input.consultationLanguages.includes(input.uiLocale) ? input.uiLocale : null);
	return {
		reads,
		preferred,
		translates: signedIn && input.open && inConsultation.length >= 2 ? inConsultation : [],
		machine: signedIn && machineTranslationEnabled(),
		signedIn
	};
}
