// Translations of stance reasons and liaison quotes (feedback_translations): by a person who reads
// both languages, or by machine translation when the site has a service. The same rules as comment
// translations (comments/translations.ts): one person's and one machine translation per text and
// language, shown beside the original and never in its place; a later person's replaces the earlier.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { PUBLIC_READER, reasonVisibleTo, type Reader } from '../privacy/visibility';
import { z } from 'zod';
import type { Queryable } from '../db';
import { clauseRevisions, clauses, draftVersions, feedbackTranslations, liaisonSummaries, stances, summaryEntries, summaryQuotes, users, type FeedbackTranslation } from '../db/schema';
import { consultationOfRevision, personColumns, personOf, type PersonView } from '../people/badges';
import { machineTranslate } from '../mt/libretranslate';
import { balanceBidi } from '../bidi';
import { languageTag, multiLine } from '../validation';
import { MAX_TRANSLATION_CHARS, TranslationError } from '../comments/translations';

export type FeedbackKind = 'reason' | 'quote';

const id = z.coerce.number({ error: 'errors.invalid' }).int({ error: 'errors.invalid' }).positive({ error: 'errors.invalid' });

export const reasonTranslationInput = z.object({
	stance: id,
	language: languageTag,
	body: multiLine(MAX_TRANSLATION_CHARS, 'errors.translationTooLong').refine((s) => s.length > 0, { error: 'errors.translationEmpty' })
});
export const reasonMachineInput = z.object({ stance: id, language: languageTag });

/** The text being translated, its language, and which column names it. */
export interface Source {
	kind: FeedbackKind;
	id: number;
	text: string;
	language: string;
}

/** A reason that may be translated: given, with its language; committee-only checks are the caller's (it names the stance as found for the reader). */
export function reasonSource(db: Queryable, stanceId: number): Source {
	const row = db.select({ reason: stances.reason, language: stances.language }).from(stances).where(eq(stances.id, stanceId)).get();
	if (!row || !row.reason) throw new TranslationError('errors.reasonNotFound');
	return { kind: 'reason', id: stanceId, text: row.reason, language: row.language };
}

function target(source: Source) {
	return source.kind === 'reason' ? { stanceId: source.id, quoteId: null } : { stanceId: null, quoteId: source.id };
}

function checkTarget(source: Source, language: string, consultationLanguages: readonly string[]): void {
	if (!consultationLanguages.includes(language)) throw new TranslationError('errors.languageNotInConsultation', 'language');
	if (language === source.language) throw new TranslationError('errors.translationSameLanguage', 'language');
}

function existing(db: Queryable, source: Source, language: string, machine: boolean): FeedbackTranslation | undefined {
	const column = source.kind === 'reason' ? feedbackTranslations.stanceId : feedbackTranslations.quoteId;
	return db
		.select()
		.from(feedbackTranslations)
		.where(and(eq(column, source.id), eq(feedbackTranslations.language, language), eq(feedbackTranslations.machine, machine)))
		.get();
}

function store(db: Queryable, source: Source, values: { language: string; body: string; translatorId: number; machine: boolean; now: number }): FeedbackTranslation {
	const before = existing(db, source, values.language, values.machine);
	if (before) {
		return db
			.update(feedbackTranslations)
			.set({ body: values.body, source: source.text, translatorId: values.translatorId, updatedAt: values.now })
			.where(eq(feedbackTranslations.id, before.id))
			.returning()
			.get();
	}
	return db
		.insert(feedbackTranslations)
		.values({ kind: source.kind, ...target(source), ...values, source: source.text, createdAt: values.now, updatedAt: values.now })
		.returning()
		.get();
}

/** A person's translation of a reason or quote; they must read both languages (their profile's, compared exactly). */
export function translateFeedback(
	db: Queryable,
	input: {
		source: Source;
		language: string;
		body: string;
		translatorId: number;
		consultationLanguages: readonly string[];
		translatorLanguages: readonly string[];
		now?: number;
	}
): FeedbackTranslation {
	const body = input.body.replace(/\r\n?/g, '\n').trim();
	if (body.length === 0) throw new TranslationError('errors.translationEmpty', 'body');
	if (body.length > MAX_TRANSLATION_CHARS) throw new TranslationError('errors.translationTooLong', 'body');
	checkTarget(input.source, input.language, input.consultationLanguages);
	if (!input.translatorLanguages.includes(input.source.language) || !input.translatorLanguages.includes(input.language)) {
		throw new TranslationError('errors.translatorLanguages', 'language');
	}
	return store(db, input.source, { language: input.language, body, translatorId: input.translatorId, machine: false, now: input.now ?? Date.now() });
}

/**
 * A machine translation of a reason or quote. When one exists for the same text it is returned
 * without asking the service again; a changed text is translated anew. Throws
 * MachineTranslationError when the service fails (nothing is stored).
 */
export async function machineTranslateFeedback(
	db: Queryable,
	input: { source: Source; language: string; requesterId: number; consultationLanguages: readonly string[]; now?: number }
): Promise<FeedbackTranslation> {
	checkTarget(input.source, input.language, input.consultationLanguages);
	const before = existing(db, input.source, input.language, true);
	if (before && before.source === input.source.text) return before;
	const body = (await machineTranslate(input.source.text, input.source.language, input.language)).trim();
	return store(db, input.source, { language: input.language, body, translatorId: input.requesterId, machine: true, now: input.now ?? Date.now() });
}

export interface FeedbackTranslationView {
	id: number;
	language: string;
	/** Plain text (reasons and quotes are not Markdown), direction controls balanced. */
	text: string;
	translator: PersonView | null;
	machine: boolean;
	updatedAt: number;
	/** The reason or quote changed since: this translates earlier words. */
	outdated: boolean;
}

/** The translations of these reasons (by stance id) or quotes (by quote id): by language, a person's before the machine's. */
export function listFeedbackTranslations(db: Queryable, kind: FeedbackKind, ids: readonly number[]): Map<number, FeedbackTranslationView[]> {
	const out = new Map<number, FeedbackTranslationView[]>();
	if (ids.length === 0) return out;
	const columns = (current: typeof stances.reason | typeof summaryQuotes.original, consultationId: Parameters<typeof personColumns>[1]) => ({
		id: feedbackTranslations.id,
		stanceId: feedbackTranslations.stanceId,
		quoteId: feedbackTranslations.quoteId,
		language: feedbackTranslations.language,
		body: feedbackTranslations.body,
		source: feedbackTranslations.source,
		current,
		machine: feedbackTranslations.machine,
		updatedAt: feedbackTranslations.updatedAt,
		// The translator's badges are those of the consultation the reason or quote belongs to.
		...personColumns(users, consultationId)
	});
	const order = [asc(feedbackTranslations.language), asc(feedbackTranslations.machine), asc(feedbackTranslations.id)];
	const rows =
		kind === 'reason'
			? db
					.select(columns(stances.reason, consultationOfRevision(stances.revisionId)))
					.from(feedbackTranslations)
					.innerJoin(stances, eq(stances.id, feedbackTranslations.stanceId))
					.leftJoin(users, eq(users.id, feedbackTranslations.translatorId))
					.where(inArray(feedbackTranslations.stanceId, [...ids]))
					.orderBy(...order)
					.all()
			: db
					.select(columns(summaryQuotes.original, liaisonSummaries.consultationId))
					.from(feedbackTranslations)
					.innerJoin(summaryQuotes, eq(summaryQuotes.id, feedbackTranslations.quoteId))
					.innerJoin(summaryEntries, eq(summaryEntries.id, summaryQuotes.entryId))
					.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryEntries.summaryId))
					.leftJoin(users, eq(users.id, feedbackTranslations.translatorId))
					.where(inArray(feedbackTranslations.quoteId, [...ids]))
					.orderBy(...order)
					.all();
	for (const row of rows) {
		const of = (kind === 'reason' ? row.stanceId : row.quoteId)!;
		const list = out.get(of) ?? [];
		list.push({
			id: row.id,
			language: row.language,
			text: balanceBidi(row.body),
			translator: row.machine ? null : personOf(row),
			machine: row.machine,
			updatedAt: row.updatedAt,
			outdated: row.source !== row.current
		});
		out.set(of, list);
	}
	return out;
}

/** The reasons of a page, each with its translations. */
export function reasonsWithTranslations<R extends { id: number }>(db: Queryable, items: R[]): (R & { translations: FeedbackTranslationView[] })[] {
	const translations = listFeedbackTranslations(db, 'reason', items.map((r) => r.id));
	return items.map((r) => ({ ...r, translations: translations.get(r.id) ?? [] }));
}

/**
 * A reason given on a published version of this clause of this consultation, readable by the
 * reader, or undefined (the caller answers 404: someone else's committee-only reason is not there for them).
 */
export function findReasonOnClause(db: Queryable, stanceId: number, consultationId: number, clauseKey: string, reader: Reader = PUBLIC_READER): Source | undefined {
	const row = db
		.select({ id: stances.id, reason: stances.reason, language: stances.language })
		.from(stances)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, stances.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.where(
			and(
				eq(stances.id, stanceId),
				eq(clauses.consultationId, consultationId),
				eq(clauses.key, clauseKey),
				eq(draftVersions.status, 'published'),
				isNotNull(stances.reason),
				reasonVisibleTo(reader)
			)
		)
		.get();
	return row?.reason ? { kind: 'reason', id: row.id, text: row.reason, language: row.language } : undefined;
}
