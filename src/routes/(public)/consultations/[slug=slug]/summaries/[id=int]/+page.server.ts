import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/consultations/reading';
import { listVersionClauses } from '$lib/server/clauses/service';
import { renderMarkdown } from '$lib/server/markdown';
import { getSummary, listSummaryHistory, readSummary } from '$lib/server/summaries/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { consultation, permissions, language } = consultationContext(event, event.params.slug);
	const stored = getSummary(db, consultation.id, Number(event.params.id));
	const canEdit = stored !== undefined && (permissions.committee || permissions.liaisonFor.includes(stored.language));
	// A draft exists only for the people who may write it (who see it here as a preview).
	if (!stored || (stored.status !== 'published' && !canEdit)) error(404, event.locals.t('errors.summaryNotFound'));
	const summary = readSummary(db, stored.id)!;
	// Clause headings in the reader's language where translated.
	const headings = new Map(
		listVersionClauses(db, summary.versionId, consultation.sourceLanguage, language).map((c) => [c.key, { heading: c.heading, language: c.language }])
	);
	return {
		consultation: publicConsultation(consultation),
		canEdit,
		justPublished: event.url.searchParams.has('published'),
		summary: {
			id: summary.id,
			language: summary.language,
			status: summary.status,
			versionNumber: summary.versionNumber,
			author: summary.author,
			publishedAt: summary.publishedAt,
			updatedAt: summary.updatedAt,
			participants: summary.participants,
			channels: summary.channels,
			narrative: { language: summary.narrativeLanguage, html: renderMarkdown(summary.narrative) },
			translation:
				summary.narrativeTranslation && summary.translationLanguage
					? { language: summary.translationLanguage, html: renderMarkdown(summary.narrativeTranslation) }
					: null,
			entries: summary.entries.map((e) => ({
				clause: e.clause,
				label: e.label,
				heading: headings.get(e.clause)?.heading ?? '',
				headingLanguage: headings.get(e.clause)?.language ?? consultation.sourceLanguage,
				asked: e.asked,
				support: e.support ?? 0,
				oppose: e.oppose ?? 0,
				neutral: e.neutral ?? 0,
				keyPointsHtml: e.keyPoints ? renderMarkdown(e.keyPoints) : '',
				quotes: e.quotes
			}))
		},
		history: listSummaryHistory(db, summary.id).map((h) => ({
			id: h.id,
			replacedAt: h.replacedAt,
			editedBy: h.editedBy,
			narrative: { language: h.snapshot.narrativeLanguage, html: renderMarkdown(h.snapshot.narrative) },
			participants: h.snapshot.channels.reduce((sum, c) => sum + c.participants, 0),
			channelCount: h.snapshot.channels.length,
			entries: h.snapshot.entries.map((e) => ({
				clause: e.clause,
				label: e.label,
				asked: e.asked,
				support: e.support ?? 0,
				oppose: e.oppose ?? 0,
				neutral: e.neutral ?? 0
			}))
		}))
	};
};
