// The JSON shape of GET /api/v1/consultations/{slug}/versions/{n}/summaries (docs/api.md).
import type { Queryable } from '../db';
import type { Consultation, DraftVersion } from '../db/schema';
import { listPublishedSummaries } from './service';
import { summaryResponsesFor } from '../responses/summaries';
import type { ResponseView } from '../responses/service';
import { textJson, textReader, type TextReader } from '../translations/texts';
import { listFeedbackTranslations, type FeedbackTranslationView } from '../translations/feedback';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function summariesJson(db: Queryable, c: Consultation, version: DraftVersion, language = c.sourceLanguage) {
	const summaries = listPublishedSummaries(db, version.id);
	// Channel descriptions, key points and the committee's answers also in `?lang=` where translated.
	const read = textReader(db, c.id, language);
	const responses = summaryResponsesFor(db, summaries.map((s) => s.id));
	// People's (and machine) translations of the quotes into other languages, with their status.
	const quoteTranslations = listFeedbackTranslations(db, 'quote', summaries.flatMap((s) => s.entries.flatMap((e) => e.quotes.map((q) => q.id))));
	return {
		consultation: c.slug,
		version: version.number,
		language,
		summaries: summaries.map((s) => ({
			id: s.id,
			language: s.language,
			author: s.author?.displayName ?? null,
			// Display names are not unique; the username is (docs/moderation.md, "Impersonation").
			authorUsername: s.author?.username ?? null,
			publishedAt: iso(s.publishedAt),
			updatedAt: iso(s.updatedAt),
			narrative: { language: s.narrativeLanguage, text: s.narrative },
			translation:
				s.narrativeTranslation && s.translationLanguage ? { language: s.translationLanguage, text: s.narrativeTranslation } : null,
			participants: s.participants,
			channels: s.channels.map((ch, position) => ({
				...ch,
				descriptionText: textJson(read({ kind: 'channel-description', subjectId: s.id, part: position }, { text: ch.description, language: s.narrativeLanguage }))
			})),
			entries: s.entries.map((e) => ({
				clause: e.clause,
				label: e.label,
				asked: e.asked,
				counts: e.asked ? { support: e.support, oppose: e.oppose, neutral: e.neutral } : null,
				reported: e.reported,
				keyPoints: e.keyPoints,
				keyPointsText: textJson(read({ kind: 'key-points', subjectId: s.id, part: e.revisionId }, { text: e.keyPoints, language: s.narrativeLanguage })),
				quotes: e.quotes.map((q) => ({
					original: q.original,
					language: q.language,
					// Quote translations are into the consultation's source language, which the committee reads.
					translation: q.translation ? { language: c.sourceLanguage, text: q.translation } : null,
					translations: (quoteTranslations.get(q.id) ?? []).map(translationJson)
				}))
			})),
			response: responseJson(responses.get(s.id), c.sourceLanguage, read)
		}))
	};
}

/** A translation of a quote by a reader who reads both languages, or by machine: labelled so, and outdated once the quote changed. */
function translationJson(t: FeedbackTranslationView) {
	return {
		language: t.language,
		text: t.text,
		machine: t.machine,
		outdated: t.outdated,
		translator: t.translator?.displayName ?? null,
		translatorUsername: t.translator?.username ?? null,
		updatedAt: iso(t.updatedAt)
	};
}

/** The committee's response to a summary (its explanation is Markdown, in the source language), or null. */
function responseJson(r: ResponseView | undefined, language: string, read: TextReader) {
	if (!r) return null;
	return {
		status: r.status,
		explanation: { language, text: r.explanation },
		explanationText: textJson(read({ kind: 'summary-response', subjectId: r.id, part: 0 }, { text: r.explanation, language })),
		actedInVersion: r.actedInVersion,
		author: r.author?.displayName ?? null,
		authorUsername: r.author?.username ?? null,
		updatedAt: iso(r.updatedAt)
	};
}
