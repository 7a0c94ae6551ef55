// The committee's responses to the export fixture's liaison summaries (tests/support/export.ts): one
// recorded through the service on the published summary, whose words every format that shows
// summaries must carry, and one written straight into the table on the draft summary — the service
// refuses that, but an export must not rely on it: a draft summary never carries a response.
import type { DB } from '../../src/lib/server/db';
import { summaryResponses, type Consultation } from '../../src/lib/server/db/schema';
import { recordSummaryResponse } from '../../src/lib/server/responses/summaries';

export const SUMMARY_RESPONSE = {
	/** In the response to the published summary: in every export that shows summaries. */
	published: 'MARKER-SUMMARY-RESPONSE-p4k',
	/** In the (impossible) response to the draft summary: in no export at all. */
	onDraft: 'MARKER-DRAFT-SUMMARY-RESPONSE-q7x'
} as const;

export interface SummaryResponses {
	publishedSummaryId: number;
	draftSummaryId: number;
	/** The explanation of the published summary's response, as recorded. */
	explanation: string;
}

/**
 * Answers the summaries seedExportFixture made for `versionNumber` (languages `published` and
 * `draft`), as `authorId`: "accepted", acted in `versionNumber`.
 */
export function answerFixtureSummaries(
	db: DB,
	consultation: Consultation,
	options: { versionNumber: number; published: string; draft: string; authorId: number; now?: number }
): SummaryResponses {
	const now = options.now ?? Date.now();
	const summaryOf = (language: string) => {
		const row = db.$client
			.prepare(
				`select ls.id, ls.status from liaison_summaries ls join draft_versions v on v.id = ls.version_id
				 where ls.consultation_id = ? and v.number = ? and ls.language = ?`
			)
			.get(consultation.id, options.versionNumber, language) as { id: number; status: string } | undefined;
		if (!row) throw new Error(`no ${language} summary of version ${options.versionNumber}`);
		return row;
	};
	const published = summaryOf(options.published);
	const draft = summaryOf(options.draft);
	if (published.status !== 'published' || draft.status !== 'draft') throw new Error('the fixture’s summaries are not as expected');

	const explanation = `${SUMMARY_RESPONSE.published}: we **shortened** the purpose, as the community asked.`;
	recordSummaryResponse(db, {
		summaryId: published.id,
		consultationId: consultation.id,
		status: 'accepted',
		explanation,
		actedInVersion: options.versionNumber,
		authorId: options.authorId,
		now: now - 50
	});
	db.insert(summaryResponses)
		.values({ summaryId: draft.id, status: 'declined', explanation: SUMMARY_RESPONSE.onDraft, authorId: options.authorId, createdAt: now - 40, updatedAt: now - 40 })
		.run();
	return { publishedSummaryId: published.id, draftSummaryId: draft.id, explanation };
}
