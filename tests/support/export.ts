// Feedback for the export tests: public items, and items only the committee may read — each of the
// latter carrying a distinctive marker, so that a test can prove no public export contains them.
import { and, asc, eq } from 'drizzle-orm';
import type { DB } from '../../src/lib/server/db';
import {
	clauseRevisions,
	clauses,
	commentTranslations,
	comments,
	draftVersions,
	feedbackTranslations,
	liaisonSummaries,
	stances,
	summaryEntries,
	summaryQuotes,
	type Consultation
} from '../../src/lib/server/db/schema';
import { setStance } from '../../src/lib/server/stances/service';
import { addComment } from '../../src/lib/server/comments/service';
import { translateComment } from '../../src/lib/server/comments/translations';
import { reasonSource, translateFeedback, type Source } from '../../src/lib/server/translations/feedback';
import { recordResponse } from '../../src/lib/server/responses/service';
import { saveSummary, startSummary } from '../../src/lib/server/summaries/service';
import { parseDraft } from '../../src/lib/server/drafts/parse';
import { importVersion } from '../../src/lib/server/drafts/service';
import { makeUser } from './db';

/** Text that must appear in committee exports and never in a public one. */
export const SECRET = {
	committeeStance: 'MARKER-COMMITTEE-STANCE-q7x',
	committeeComment: 'MARKER-COMMITTEE-COMMENT-q7x',
	committeeCommentTranslation: 'MARKER-COMMITTEE-TRANSLATION-q7x',
	committeeReasonTranslation: 'MARKER-COMMITTEE-REASON-TRANSLATION-q7x',
	draftQuoteTranslation: 'MARKER-DRAFT-QUOTE-TRANSLATION-q7x',
	replyUnderCommitteeComment: 'MARKER-REPLY-UNDER-PRIVATE-q7x',
	hiddenComment: 'MARKER-HIDDEN-COMMENT-q7x',
	moderationReason: 'MARKER-MODERATION-REASON-q7x',
	pendingComment: 'MARKER-PENDING-COMMENT-q7x',
	deletedComment: 'MARKER-DELETED-COMMENT-q7x',
	responseToPrivate: 'MARKER-RESPONSE-TO-PRIVATE-q7x',
	draftSummary: 'MARKER-DRAFT-SUMMARY-q7x',
	draftVersion: 'MARKER-DRAFT-VERSION-q7x'
} as const;

/** Never in any export: login names are not display names. */
export const USERNAME_MARKER = 'marker-login-q7x';

export const PUBLIC_TEXT = {
	reason: 'The purpose reads clearly to me.',
	comment: 'A public comment on the purpose, with **emphasis**.',
	arabicComment: 'تعليق عام على الغرض من المدونة.',
	reply: 'A public reply to the public comment.',
	translation: 'Un comentario público sobre el propósito.',
	machineTranslation: 'MACHINE-TRANSLATION-NOT-EXPORTED-q7x',
	clauseResponse: 'We clarified the purpose in the next version.',
	keyPoints: 'People asked for a shorter purpose.',
	quote: 'نريد غرضًا أقصر',
	quoteTranslation: 'We want a shorter purpose',
	/** Translations of the public reason (a person's, current; a machine's, outdated) and of the published quote. */
	reasonTranslation: 'El propósito se lee con claridad.',
	reasonMachineTranslation: 'الغرض واضح بالنسبة لي (آلية).',
	earlierReason: 'The purpose reads clearly.',
	quotePersonTranslation: 'Queremos un propósito más corto'
} as const;

export interface ExportFixture {
	revisionId: number;
	clauseKey: string;
	users: { alice: number; badr: number; carla: number; liaison: number; committee: number };
	comments: { public: number; arabic: number; reply: number; private: number; replyUnderPrivate: number; hidden: number; pending: number; deleted: number; replyUnderDeleted: number };
	stances: { withReason: number; withoutReason: number; private: number };
	/** Quotes of the published and the draft summary. */
	quotes: { published: number; draft: number };
}

/**
 * Feedback on the first clause of `versionNumber` (a published version), two liaison summaries
 * (`published` and `draft` languages), and an unpublished next version. `now` dates everything.
 */
export function seedExportFixture(
	db: DB,
	consultation: Consultation,
	options: { versionNumber: number; published: string; draft: string; now?: number; draftVersion?: boolean }
): ExportFixture {
	const now = options.now ?? Date.now();
	const first = db
		.select({ revisionId: clauseRevisions.id, key: clauses.key })
		.from(clauseRevisions)
		.innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
		.where(eq(clauseRevisions.versionId, versionIdOf(db, consultation.id, options.versionNumber)))
		.orderBy(asc(clauseRevisions.position))
		.get();
	if (!first) throw new Error('the version has no clause');
	const revisionId = first.revisionId;

	const alice = makeUser(db, { username: USERNAME_MARKER, displayName: 'Alice Adams', languages: ['en', 'es'], affiliation: 'volunteer' });
	const badr = makeUser(db, { displayName: 'بدر الدين', languages: ['ar', 'en'], affiliation: 'staff' });
	const carla = makeUser(db, { displayName: 'Carla Ruiz', languages: ['es', 'en'], affiliation: 'affiliate' });
	const liaison = makeUser(db, { displayName: 'Layla Liaison', languages: [options.published, 'en'] });
	const committee = makeUser(db, { displayName: 'Committee Kim', languages: ['en'] });

	const withReason = setStance(db, { revisionId, userId: alice.id, stance: 'support', reason: PUBLIC_TEXT.reason, language: 'en', now: now - 9_000 });
	const withoutReason = setStance(db, { revisionId, userId: badr.id, stance: 'oppose', reason: null, language: 'ar', now: now - 8_000 });
	const privateStance = setStance(db, { revisionId, userId: carla.id, stance: 'neutral', reason: SECRET.committeeStance, language: 'es', now: now - 7_000 });
	db.update(stances).set({ committeeOnly: true }).where(eq(stances.id, privateStance.id)).run();

	const comment = (authorId: number, body: string, language: string, at: number, parentId?: number) =>
		addComment(db, { revisionId, authorId, language, body, parentId, now: now - at }).id;
	const publicComment = comment(alice.id, PUBLIC_TEXT.comment, 'en', 6_000);
	const arabic = comment(badr.id, PUBLIC_TEXT.arabicComment, 'ar', 5_900);
	const reply = comment(carla.id, PUBLIC_TEXT.reply, 'en', 5_800, publicComment);
	const privateComment = comment(carla.id, SECRET.committeeComment, 'es', 5_000);
	const replyUnderPrivate = comment(alice.id, SECRET.replyUnderCommitteeComment, 'en', 4_900, privateComment);
	const hidden = comment(badr.id, SECRET.hiddenComment, 'en', 4_000);
	const pending = comment(alice.id, SECRET.pendingComment, 'en', 3_000);
	const deleted = comment(carla.id, SECRET.deletedComment, 'en', 2_000);
	const replyUnderDeleted = comment(alice.id, 'A reply that stays under a deleted comment.', 'en', 1_900, deleted);
	db.update(comments).set({ committeeOnly: true }).where(eq(comments.id, privateComment)).run();
	db.update(comments).set({ moderation: 'hidden', moderationReason: SECRET.moderationReason, moderatedAt: now }).where(eq(comments.id, hidden)).run();
	db.update(comments).set({ moderation: 'pending' }).where(eq(comments.id, pending)).run();
	// The text stays in the row on purpose: the export must leave it out even if it were not emptied.
	db.update(comments).set({ deletedAt: now - 1_000 }).where(eq(comments.id, deleted)).run();

	translateComment(db, {
		commentId: publicComment,
		language: 'es',
		body: PUBLIC_TEXT.translation,
		translatorId: carla.id,
		consultationLanguages: consultation.languages,
		translatorLanguages: ['en', 'es']
	});
	translateComment(db, {
		commentId: privateComment,
		language: 'en',
		body: SECRET.committeeCommentTranslation,
		translatorId: alice.id,
		consultationLanguages: consultation.languages,
		translatorLanguages: ['en', 'es']
	});
	db.insert(commentTranslations).values({ commentId: arabic, language: 'en', body: PUBLIC_TEXT.machineTranslation, machine: true }).run();

	recordResponse(db, { revisionId, status: 'accepted', explanation: PUBLIC_TEXT.clauseResponse, actedInVersion: options.versionNumber, authorId: committee.id, consultationId: consultation.id, now: now - 500 });
	recordResponse(db, { revisionId, commentId: privateComment, status: 'noted', explanation: SECRET.responseToPrivate, authorId: committee.id, consultationId: consultation.id, now: now - 400 });
	recordResponse(db, { revisionId, commentId: publicComment, status: 'partly', explanation: 'Partly: see the new wording.', authorId: committee.id, consultationId: consultation.id, now: now - 300 });

	const summary = (language: string, publish: boolean, keyPoints: string, narrative: string) => {
		const { summary } = startSummary(db, { consultation, versionNumber: options.versionNumber, language, authorId: liaison.id, now: now - 200 });
		saveSummary(db, {
			summaryId: summary.id,
			editorId: liaison.id,
			publish,
			now: now - 100,
			content: {
				narrative,
				narrativeLanguage: language,
				channels: [{ kind: 'chat-group', description: 'A chat group', participants: 21, startedOn: '2026-03-01', endedOn: null }],
				entries: [
					{
						clause: first.key,
						asked: true,
						support: 12,
						oppose: 5,
						neutral: 4,
						keyPoints,
						quotes: [{ original: PUBLIC_TEXT.quote, language: 'ar', translation: PUBLIC_TEXT.quoteTranslation }]
					}
				]
			}
		});
	};
	summary(options.published, true, PUBLIC_TEXT.keyPoints, 'What the community said.');
	summary(options.draft, false, SECRET.draftSummary, SECRET.draftSummary);

	// Translations of reasons and quotes (feedback_translations): each follows what it translates.
	const quoteOf = (language: string) =>
		db
			.select({ id: summaryQuotes.id })
			.from(summaryQuotes)
			.innerJoin(summaryEntries, eq(summaryEntries.id, summaryQuotes.entryId))
			.innerJoin(liaisonSummaries, eq(liaisonSummaries.id, summaryEntries.summaryId))
			.where(and(eq(liaisonSummaries.versionId, versionIdOf(db, consultation.id, options.versionNumber)), eq(liaisonSummaries.language, language)))
			.get()!.id;
	const quotes = { published: quoteOf(options.published), draft: quoteOf(options.draft) };
	const translate = (source: Source, language: string, body: string, translatorId: number) =>
		translateFeedback(db, {
			source,
			language,
			body,
			translatorId,
			consultationLanguages: [source.language, language],
			translatorLanguages: [source.language, language],
			now: now - 50
		});
	const quoteSource = (id: number): Source => ({ kind: 'quote', id, text: PUBLIC_TEXT.quote, language: 'ar' });
	translate(reasonSource(db, withReason.id), 'es', PUBLIC_TEXT.reasonTranslation, carla.id);
	translate(reasonSource(db, privateStance.id), 'en', SECRET.committeeReasonTranslation, alice.id);
	translate(quoteSource(quotes.published), 'es', PUBLIC_TEXT.quotePersonTranslation, carla.id);
	translate(quoteSource(quotes.draft), 'es', SECRET.draftQuoteTranslation, carla.id);
	// A machine translation of the reason's earlier wording: outdated since.
	db.insert(feedbackTranslations)
		.values({ kind: 'reason', stanceId: withReason.id, language: 'ar', body: PUBLIC_TEXT.reasonMachineTranslation, source: PUBLIC_TEXT.earlierReason, machine: true, translatorId: alice.id, createdAt: now - 40, updatedAt: now - 40 })
		.run();

	if (options.draftVersion !== false) {
		const parsed = parseDraft(`# Next\n\n## 1 A new clause {#draft-only-clause}\n\n${SECRET.draftVersion} body.\n\n## 2 ${SECRET.draftVersion} {#draft-heading}\n\nText.\n`, 2);
		if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
		importVersion(db, { consultationId: consultation.id, clauses: parsed.clauses, note: '', publish: false, createdBy: null, now });
	}

	return {
		revisionId,
		clauseKey: first.key,
		users: { alice: alice.id, badr: badr.id, carla: carla.id, liaison: liaison.id, committee: committee.id },
		comments: { public: publicComment, arabic, reply, private: privateComment, replyUnderPrivate, hidden, pending, deleted, replyUnderDeleted },
		stances: { withReason: withReason.id, withoutReason: withoutReason.id, private: privateStance.id },
		quotes
	};
}

function versionIdOf(db: DB, consultationId: number, number: number): number {
	const version = db
		.select({ id: draftVersions.id })
		.from(draftVersions)
		.where(and(eq(draftVersions.consultationId, consultationId), eq(draftVersions.number, number)))
		.get();
	if (!version) throw new Error(`no version ${number}`);
	return version.id;
}
