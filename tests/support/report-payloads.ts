// Puts hostile text in every field that reaches the Markdown and MediaWiki reports, on the export
// fixture's first clause (tests/support/export.ts): the clause's heading and text, the consultation's
// title, comments (made notable, so that the report quotes them), a stance reason, the published
// liaison summary's key points, narrative, quotes and their translations, the committee's responses
// (to the clause, to a comment, to the summary) and the display names of their authors.
import type { DB } from '../../src/lib/server/db';
import type { Consultation } from '../../src/lib/server/db/schema';
import { addComment } from '../../src/lib/server/comments/service';
import { setStance } from '../../src/lib/server/stances/service';
import { recordResponse } from '../../src/lib/server/responses/service';
import { recordSummaryResponse } from '../../src/lib/server/responses/summaries';
import { saveSummary } from '../../src/lib/server/summaries/service';
import { getConsultation } from '../../src/lib/server/consultations/service';
import type { ExportFixture } from './export';
import type { SummaryResponses } from './summary-responses';
import { makeUser } from './db';

/** The report quotes at most this much of a comment: longer texts are split over several comments. */
const COMMENT_CHARS = 780;

function chunks(texts: string[], size: number): string[] {
	const out: string[] = [];
	let current = '';
	for (const text of texts) {
		if (current && current.length + text.length + 2 > size) {
			out.push(current);
			current = '';
		}
		current = current ? `${current}\n\n${text}` : text;
	}
	if (current) out.push(current);
	return out;
}

/**
 * `texts` (Markdown, one paragraph each) go into every multi-line field; `name` into the title,
 * heading and display names (single line). Returns the consultation as it now reads.
 */
export function seedReportPayloads(
	db: DB,
	consultation: Consultation,
	fixture: ExportFixture,
	answers: SummaryResponses,
	options: { texts: string[]; name: string; now: number }
): Consultation {
	const { texts, name, now } = options;
	const all = texts.join('\n\n');
	const sqlite = db.$client;
	sqlite.prepare('update consultations set title = ? where id = ?').run(`Title ${name}`, consultation.id);
	sqlite.prepare('update clause_revisions set heading = ?, body = ? where id = ?').run(`Heading ${name}`, all, fixture.revisionId);
	for (const id of [fixture.users.liaison, fixture.users.committee]) sqlite.prepare('update users set display_name = ? where id = ?').run(`Named ${name}`, id);

	const author = makeUser(db, { displayName: `Author ${name}`, languages: ['en'] });
	const replier = makeUser(db, { displayName: `Replier ${name}`, languages: ['en'] });
	setStance(db, { revisionId: fixture.revisionId, userId: author.id, stance: 'oppose', reason: all, language: 'en', now });
	// Replies make these comments the most discussed: the report quotes the five most discussed.
	const comments = chunks(texts, COMMENT_CHARS);
	if (comments.length > 5) throw new Error(`the payloads need ${comments.length} comments; the report quotes five`);
	for (const body of comments) {
		const comment = addComment(db, { revisionId: fixture.revisionId, authorId: author.id, language: 'en', body, now });
		for (let i = 0; i < 3; i++) addComment(db, { revisionId: fixture.revisionId, authorId: replier.id, language: 'en', body: `Reply ${i}.`, parentId: comment.id, now });
		recordResponse(db, { revisionId: fixture.revisionId, commentId: comment.id, status: 'noted', explanation: body, authorId: fixture.users.committee, consultationId: consultation.id, now });
	}
	recordResponse(db, { revisionId: fixture.revisionId, status: 'partly', explanation: all, authorId: fixture.users.committee, consultationId: consultation.id, now });

	// A summary refuses control characters (its validation keeps them out, so they cannot reach a report from it).
	// eslint-disable-next-line no-control-regex -- the control characters a summary refuses
	const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
	const summaryText = clean(all);
	saveSummary(db, {
		summaryId: answers.publishedSummaryId,
		editorId: fixture.users.liaison,
		publish: true,
		now,
		content: {
			narrative: summaryText,
			narrativeLanguage: 'ar',
			channels: [{ kind: 'chat-group', description: clean(name).slice(0, 200), participants: 21, startedOn: '2026-03-01', endedOn: null }],
			entries: [
				{
					clause: fixture.clauseKey,
					asked: true,
					support: 1,
					oppose: 2,
					neutral: 3,
					keyPoints: summaryText,
					quotes: chunks(texts.map(clean), 1_900).map((text) => ({ original: text, language: 'ar', translation: text }))
				}
			]
		}
	});
	recordSummaryResponse(db, { summaryId: answers.publishedSummaryId, consultationId: consultation.id, status: 'partly', explanation: all, authorId: fixture.users.committee, now });
	return getConsultation(db, consultation.slug)!;
}
