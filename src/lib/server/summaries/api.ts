// The JSON shape of GET /api/v1/consultations/{slug}/versions/{n}/summaries (docs/api.md).
import type { Queryable } from '../db';
import type { Consultation, DraftVersion } from '../db/schema';
import { listPublishedSummaries } from './service';
import { summaryResponsesFor } from '../responses/summaries';
import type { ResponseView } from '../responses/service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function summariesJson(db: Queryable, c: Consultation, version: DraftVersion) {
	const summaries = listPublishedSummaries(db, version.id);
	const responses = summaryResponsesFor(db, summaries.map((s) => s.id));
	return {
		consultation: c.slug,
		version: version.number,
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
			channels: s.channels,
			entries: s.entries.map((e) => ({
				clause: e.clause,
				label: e.label,
				asked: e.asked,
				counts: e.asked ? { support: e.support, oppose: e.oppose, neutral: e.neutral } : null,
				reported: e.reported,
				keyPoints: e.keyPoints,
				quotes: e.quotes.map((q) => ({
					original: q.original,
					language: q.language,
					// Quote translations are into the consultation's source language, which the committee reads.
					translation: q.translation ? { language: c.sourceLanguage, text: q.translation } : null
				}))
			})),
			response: responseJson(responses.get(s.id), c.sourceLanguage)
		}))
	};
}

/** The committee's response to a summary (its explanation is Markdown, in the source language), or null. */
function responseJson(r: ResponseView | undefined, language: string) {
	if (!r) return null;
	return {
		status: r.status,
		explanation: { language, text: r.explanation },
		actedInVersion: r.actedInVersion,
		author: r.author?.displayName ?? null,
		authorUsername: r.author?.username ?? null,
		updatedAt: iso(r.updatedAt)
	};
}
