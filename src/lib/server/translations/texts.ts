// Translations of a consultation's texts other than clauses — its title and description, version
// notes, committee responses, liaison key points and channel descriptions: which texts there are
// to translate, their translations' state, saving one, and reading a text in the reader's language.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Queryable } from '../db';
import {
	clauseRevisions,
	clauses,
	comments,
	committeeResponses,
	consultations,
	draftVersions,
	liaisonSummaries,
	summaryChannels,
	summaryEntries,
	summaryResponses,
	textTranslations,
	type TextKind,
	type TextTranslation
} from '../db/schema';
import { PUBLIC_READER, commentVisibleTo } from '../privacy/visibility';
import type { TranslationStatus } from './service';

/** Texts written in Markdown (rendered when shown); the others are plain lines. */
export const MARKDOWN_KINDS: readonly TextKind[] = ['consultation-description', 'response', 'summary-response', 'key-points'];

/** The longest translation accepted, per kind: each source's own limit, with room for longer scripts. */
export const MAX_TEXT_CHARS: Record<TextKind, number> = {
	'consultation-title': 300,
	'consultation-description': 20_000,
	'version-note': 4_000,
	response: 20_000,
	'summary-response': 20_000,
	'key-points': 10_000,
	'channel-description': 400
};

export interface TextRef {
	kind: TextKind;
	subjectId: number;
	/** The clause revision of key points, the position of a channel; 0 otherwise. */
	part: number;
}

/** One text of the consultation a translator can translate, with what it belongs to. */
export interface TextSource extends TextRef {
	/** The language it is written in. */
	language: string;
	text: string;
	/** The version it belongs to (a note's, a response's revision's, a summary's); null for the title and description. */
	version: number | null;
	/** The clause it is about (responses to clauses and comments, key points). */
	clauseLabel: string | null;
	/** The language community of the summary it comes from. */
	community: string | null;
}

export const refKey = (r: TextRef) => `${r.kind}:${r.subjectId}:${r.part}`;

/** A short fingerprint of a source text: the editor sends it back, so a translation of a source changed meanwhile is refused. */
export const sourceHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * Every text of the consultation that readers see, in reading order: the title and description, the
 * published versions' notes, the committee's public responses, and what the published liaison
 * summaries say (key points, channel descriptions, the committee's answers to them). Responses to
 * committee-only comments are left out: translators work on what the public reads.
 */
export function textSources(db: Queryable, consultationId: number): TextSource[] {
	const c = db.select().from(consultations).where(eq(consultations.id, consultationId)).get();
	if (!c) return [];
	const source = c.sourceLanguage;
	const base = { version: null, clauseLabel: null, community: null, part: 0 };
	const out: TextSource[] = [{ ...base, kind: 'consultation-title', subjectId: c.id, language: source, text: c.title }];
	if (c.description.trim()) out.push({ ...base, kind: 'consultation-description', subjectId: c.id, language: source, text: c.description });

	const published = db
		.select({ id: draftVersions.id, number: draftVersions.number, note: draftVersions.note })
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.status, 'published')))
		.orderBy(asc(draftVersions.number))
		.all();
	for (const v of published) {
		if (v.note.trim()) out.push({ ...base, kind: 'version-note', subjectId: v.id, language: source, text: v.note, version: v.number });
	}
	if (published.length === 0) return out;
	const versionIds = published.map((v) => v.id);

	const visible = commentVisibleTo(PUBLIC_READER);
	const responses = db
		.select({
			id: committeeResponses.id,
			explanation: committeeResponses.explanation,
			version: draftVersions.number,
			label: clauseRevisions.label,
			position: clauseRevisions.position
		})
		.from(committeeResponses)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, committeeResponses.revisionId))
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.innerJoin(draftVersions, eq(draftVersions.id, clauseRevisions.versionId))
		.leftJoin(comments, eq(comments.id, committeeResponses.commentId))
		.where(and(eq(clauses.consultationId, consultationId), inArray(draftVersions.id, versionIds), or(isNull(committeeResponses.commentId), visible)))
		.orderBy(asc(draftVersions.number), asc(clauseRevisions.position), asc(committeeResponses.id))
		.all();
	for (const r of responses) {
		out.push({ ...base, kind: 'response', subjectId: r.id, language: source, text: r.explanation, version: r.version, clauseLabel: r.label });
	}

	const summaries = db
		.select({
			id: liaisonSummaries.id,
			language: liaisonSummaries.language,
			narrativeLanguage: liaisonSummaries.narrativeLanguage,
			version: draftVersions.number
		})
		.from(liaisonSummaries)
		.innerJoin(draftVersions, eq(draftVersions.id, liaisonSummaries.versionId))
		.where(and(eq(liaisonSummaries.consultationId, consultationId), eq(liaisonSummaries.status, 'published')))
		.orderBy(asc(draftVersions.number), asc(liaisonSummaries.language), asc(liaisonSummaries.id))
		.all();
	if (summaries.length === 0) return out;
	const summaryIds = summaries.map((s) => s.id);
	const channels = db
		.select({ summaryId: summaryChannels.summaryId, position: summaryChannels.position, description: summaryChannels.description })
		.from(summaryChannels)
		.where(and(inArray(summaryChannels.summaryId, summaryIds), ne(summaryChannels.description, '')))
		.orderBy(asc(summaryChannels.position))
		.all();
	const entries = db
		.select({ summaryId: summaryEntries.summaryId, revisionId: summaryEntries.revisionId, keyPoints: summaryEntries.keyPoints, label: clauseRevisions.label })
		.from(summaryEntries)
		.innerJoin(clauseRevisions, eq(clauseRevisions.id, summaryEntries.revisionId))
		.where(and(inArray(summaryEntries.summaryId, summaryIds), ne(summaryEntries.keyPoints, '')))
		.orderBy(asc(clauseRevisions.position))
		.all();
	const answers = db
		.select({ id: summaryResponses.id, summaryId: summaryResponses.summaryId, explanation: summaryResponses.explanation })
		.from(summaryResponses)
		.where(inArray(summaryResponses.summaryId, summaryIds))
		.all();
	for (const s of summaries) {
		// The liaison writes channels and key points in the summary's narrative language.
		const from = { ...base, version: s.version, community: s.language, language: s.narrativeLanguage };
		for (const ch of channels.filter((x) => x.summaryId === s.id)) {
			out.push({ ...from, kind: 'channel-description', subjectId: s.id, part: ch.position, text: ch.description });
		}
		for (const e of entries.filter((x) => x.summaryId === s.id)) {
			out.push({ ...from, kind: 'key-points', subjectId: s.id, part: e.revisionId, text: e.keyPoints, clauseLabel: e.label });
		}
		for (const a of answers.filter((x) => x.summaryId === s.id)) {
			out.push({ ...from, language: source, kind: 'summary-response', subjectId: a.id, text: a.explanation });
		}
	}
	return out;
}

/** The state of a translation: missing, current, or outdated when its source changed since it was made. */
export function statusOf(source: { text: string }, row: Pick<TextTranslation, 'sourceText'> | undefined): TranslationStatus {
	if (!row) return 'missing';
	return row.sourceText === source.text ? 'current' : 'outdated';
}

/** Every translation into `language` of the consultation's texts, by refKey. */
export function translationsInto(db: Queryable, consultationId: number, language: string): Map<string, TextTranslation> {
	const rows = db
		.select()
		.from(textTranslations)
		.where(and(eq(textTranslations.consultationId, consultationId), eq(textTranslations.language, language)))
		.all();
	return new Map(rows.map((r) => [refKey(r), r]));
}

export interface TextWorkItem extends TextSource {
	status: TranslationStatus;
	translation: string | null;
	/** The source as it was translated, when it has changed since (for showing what changed). */
	translatedFrom: string | null;
	updatedAt: number | null;
}

/** The consultation's texts (those not written in `language`) with their translation into it, in reading order. */
export function textWorklist(db: Queryable, consultationId: number, language: string): TextWorkItem[] {
	const rows = translationsInto(db, consultationId, language);
	return textSources(db, consultationId)
		.filter((s) => s.language !== language)
		.map((s) => {
			const row = rows.get(refKey(s));
			const status = statusOf(s, row);
			return {
				...s,
				status,
				translation: row?.text ?? null,
				translatedFrom: status === 'outdated' ? row!.sourceText : null,
				updatedAt: row?.updatedAt ?? null
			};
		});
}

/** How many of the consultation's texts have a current, outdated or no translation into each language. */
export function textProgress(db: Queryable, consultationId: number, languages: string[]) {
	const sources = textSources(db, consultationId);
	return languages.map((language) => {
		const rows = translationsInto(db, consultationId, language);
		const counts = { language, current: 0, outdated: 0, missing: 0, total: 0 };
		for (const s of sources) {
			if (s.language === language) continue;
			counts[statusOf(s, rows.get(refKey(s)))] += 1;
			counts.total += 1;
		}
		return counts;
	});
}

export class TextTranslationError extends Error {
	constructor(public readonly code: string) {
		super(code);
	}
}

export interface SetTextTranslationInput extends TextRef {
	consultationId: number;
	language: string;
	text: string;
	translatorId: number | null;
	/** sourceHash() of the source the translator saw; refused (errors.textSourceChanged) if it changed since. */
	sourceHash?: string;
	now?: number;
}

/**
 * Saves a translation of one of the consultation's texts (replacing an earlier one), remembering the
 * source it was made from. Refused when the text is not one readers of this consultation see, or
 * is already written in that language. Who may write is the route's guard (requireTranslator).
 */
export function setTextTranslation(db: Queryable, input: SetTextTranslationInput): TextTranslation {
	const text = input.text.replace(/\r\n?/g, '\n').trim();
	if (!text) throw new TextTranslationError('errors.required');
	if (text.length > MAX_TEXT_CHARS[input.kind]) throw new TextTranslationError('errors.tooLong');
	const now = input.now ?? Date.now();
	return db.transaction(
		(tx) => {
			const key = refKey(input);
			const source = textSources(tx, input.consultationId).find((s) => refKey(s) === key);
			if (!source) throw new TextTranslationError('errors.textNotFound');
			if (source.language === input.language) throw new TextTranslationError('errors.textSameLanguage');
			if (input.sourceHash !== undefined && input.sourceHash !== sourceHash(source.text)) {
				throw new TextTranslationError('errors.textSourceChanged');
			}
			const values = { text, sourceText: source.text, translatorId: input.translatorId, updatedAt: now };
			return tx
				.insert(textTranslations)
				.values({
					...values,
					consultationId: input.consultationId,
					kind: input.kind,
					subjectId: input.subjectId,
					part: input.part,
					language: input.language,
					createdAt: now
				})
				.onConflictDoUpdate({
					target: [textTranslations.kind, textTranslations.subjectId, textTranslations.part, textTranslations.language],
					set: values
				})
				.returning()
				.get();
		},
		{ behavior: 'immediate' }
	);
}

/** A text as a reader gets it: the translation into their language when there is one, else the original. */
export interface LocalizedText {
	text: string;
	/** The language `text` is in. */
	language: string;
	translated: boolean;
	/** The translation was made from an earlier wording of the source. */
	outdated: boolean;
	/** The source, when `text` is a translation. */
	original: { text: string; language: string } | null;
}

export type TextReader = (ref: TextRef, source: { text: string; language: string }) => LocalizedText;

/** A text of the consultation as the API (and the summaries' API) gives it: in `?lang=` when translated, saying which language it is in. */
export function textJson(t: LocalizedText) {
	return { text: t.text, language: t.language, translated: t.translated, outdated: t.outdated };
}

/**
 * A reader of the consultation's texts in `language` (one query for all of them): each call gives the
 * translation when one exists, outdated or not (readers are told), and the source otherwise.
 */
export function textReader(db: Queryable, consultationId: number, language: string): TextReader {
	let rows: Map<string, TextTranslation> | null = null;
	return (ref, source) => {
		const original: LocalizedText = { text: source.text, language: source.language, translated: false, outdated: false, original: null };
		if (!source.text || language === source.language) return original;
		rows ??= translationsInto(db, consultationId, language);
		const row = rows.get(refKey(ref));
		if (!row) return original;
		return {
			text: row.text,
			language,
			translated: true,
			outdated: statusOf(source, row) === 'outdated',
			original: { text: source.text, language: source.language }
		};
	};
}

/** Every translation of the consultation's texts with its status, for the export. */
export function allTextTranslations(db: Queryable, consultationId: number) {
	const sources = new Map(textSources(db, consultationId).map((s) => [refKey(s), s]));
	return db
		.select()
		.from(textTranslations)
		.where(eq(textTranslations.consultationId, consultationId))
		.orderBy(asc(textTranslations.kind), asc(textTranslations.subjectId), asc(textTranslations.part), asc(textTranslations.language))
		.all()
		.flatMap((r) => {
			const source = sources.get(refKey(r));
			// A translation of a text readers no longer see (a response to a comment since hidden) stays out.
			return source ? [{ ...r, source, status: statusOf(source, r) }] : [];
		});
}
