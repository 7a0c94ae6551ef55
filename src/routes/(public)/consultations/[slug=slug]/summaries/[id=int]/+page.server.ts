import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { loadConsultation, requireCommittee, requireUser } from '$lib/server/auth/guards';
import { listVersions } from '$lib/server/consultations/service';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { ResponseError } from '$lib/server/responses/service';
import { recordSummaryResponse, summaryResponsesFor } from '$lib/server/responses/summaries';
import { summaryResponseInput } from '$lib/server/responses/schemas';
import { listVersionClauses } from '$lib/server/clauses/service';
import { renderMarkdown } from '$lib/server/markdown';
import { getSummary, listSummaryHistory, readSummary } from '$lib/server/summaries/service';
import { textReader } from '$lib/server/translations/texts';
import { readText, withResponseTranslation } from '$lib/server/translations/reading';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

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
	// The committee writes its answers in the consultation's source language (as on clause pages).
	const answer = summaryResponsesFor(db, [summary.id]).get(summary.id);
	// Channel descriptions, key points and the committee's answer in the reading language where a
	// translator translated them (a draft's are never translated: only published summaries are listed).
	const read = textReader(db, consultation.id, language);
	const from = summary.narrativeLanguage;
	return {
		consultation: publicConsultation(consultation, event),
		canEdit,
		justPublished: event.url.searchParams.has('published'),
		// The committee's answer to the summary (public, like the summary), and its form for the committee.
		response: answer ? { ...withResponseTranslation(read, 'summary-response', answer, consultation.sourceLanguage), language: consultation.sourceLanguage } : null,
		canRespond: permissions.committee && summary.status === 'published',
		responseVersions: permissions.committee ? listVersions(db, consultation.id).map((v) => ({ number: v.number, status: v.status })) : [],
		summary: {
			id: summary.id,
			language: summary.language,
			status: summary.status,
			versionNumber: summary.versionNumber,
			author: summary.author,
			publishedAt: summary.publishedAt,
			updatedAt: summary.updatedAt,
			participants: summary.participants,
			channels: summary.channels.map((ch, position) => ({
				...ch,
				description: readText(read, { kind: 'channel-description', subjectId: summary.id, part: position }, ch.description, from)
			})),
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
				keyPoints: e.keyPoints ? readText(read, { kind: 'key-points', subjectId: summary.id, part: e.revisionId }, e.keyPoints, from) : null,
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

export const actions: Actions = postRedirectGet({
	/** The drafting committee answers the summary as a whole (recording again replaces the answer). */
	respond: async (event) => {
		const user = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		requireCommittee(event, consultation);
		const t = event.locals.t;
		const values = formValues(await readForm(event));
		const input = validate(event, summaryResponseInput, values);
		if (!input.ok) return fail(400, { action: 'respond', values, errors: input.errors });
		try {
			recordSummaryResponse(getDb(), {
				summaryId: Number(event.params.id),
				consultationId: consultation.id,
				status: input.data.status,
				explanation: input.data.explanation,
				actedInVersion: input.data.actedInVersion,
				authorId: user.id
			});
		} catch (e) {
			if (e instanceof ResponseError) {
				// An unknown or unpublished summary is, to this form, not there.
				if (e.code === 'errors.responseTarget') error(404, t('errors.summaryNotFound'));
				return fail(400, { action: 'respond', values, errors: { [e.field]: t(e.code) } });
			}
			throw e;
		}
		return { action: 'respond', responded: true };
	}
});
