import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { loadConsultation, requireCommittee, requireUser } from '$lib/server/auth/guards';
import { listVersions } from '$lib/server/consultations/service';
import { acceptsFeedback, closingInfo } from '$lib/server/consultations/closing';
import { readClause } from '$lib/server/clauses/service';
import { earlierByCommunity, earlierFeedback, earlierStance } from '$lib/server/clauses/earlier';
import { getStance, listReasons } from '$lib/server/stances/service';
import { feedbackCounts, NO_FEEDBACK } from '$lib/server/tallies/read';
import { listComments } from '$lib/server/comments/service';
import { readerOf, type Reader } from '$lib/server/privacy/visibility';
import { commentTranslationInput, machineTranslationInput, translationOptions, withTranslations } from '$lib/server/comments/translations';
import { machineTranslationEnabled } from '$lib/server/mt/libretranslate';
import { commentInput, stanceInput, withdrawInput } from '$lib/server/stances/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import { postRedirectGet } from '$lib/server/http/flash';
import { participationFailure } from '$lib/server/http/participation';
import { feedbackWritten } from '$lib/server/http/page-cache-hook';
import {
	machineTranslateComment,
	machineTranslateReason,
	postComment,
	takeStance,
	translateComment,
	translateReason,
	withdrawStance
} from '$lib/server/participation';
import { deleteCommentAction, editCommentAction, moderationForPage, report } from './moderation.server';
import { renderMarkdown } from '$lib/server/markdown';
import { isRevisionOfClause, recordResponse, ResponseError, responsesForRevision, type ResponseView } from '$lib/server/responses/service';
import { responseInput } from '$lib/server/responses/schemas';
import { reportedCountsBeside } from '$lib/server/summaries/service';
import { clauseVoice } from '$lib/server/aggregation/service';
import { textReader, type TextReader } from '$lib/server/translations/texts';
import { withResponseTranslation } from '$lib/server/translations/reading';
import { reasonMachineInput, reasonsWithTranslations, reasonTranslationInput } from '$lib/server/translations/feedback';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { params, url, locals } = event;
	const { consultation, permissions, version, current, language } = consultationContext(event, params.slug);
	if (!version) error(404, locals.t('errors.clauseNotFound'));
	const clause = readClause(db, version.id, params.key, consultation.sourceLanguage, language);
	if (!clause) error(404, locals.t('errors.clauseNotFound'));

	const order = url.searchParams.get('order') === 'oldest' ? 'oldest' : 'newest';
	const commentLanguage = url.searchParams.get('clang') || null;
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	// Who reads: committee-only comments and reasons reach the committee and their authors only.
	const reader = readerOf(event.locals.user, permissions);
	// The committee's answers in the reading language where translated (translations/texts.ts).
	const read = textReader(db, consultation.id, language);
	const comments = listComments(db, clause.revisionId, {
		order,
		language: commentLanguage,
		page,
		reader
	});

	const reasonPage = Math.max(1, Number.parseInt(url.searchParams.get('rpage') ?? '1', 10) || 1);
	const reasons = listReasons(db, clause.revisionId, { page: reasonPage, reader });

	const user = locals.user;
	const isCurrent = version.id === current?.id;
	const shown = clause.translation ?? clause.original;
	const myStance = user ? getStance(db, clause.revisionId, user.id) : undefined;
	// Earlier versions' feedback follows the current one; people whose stance was on an earlier wording are asked to restate it.
	const earlier = (isCurrent ? earlierFeedback(db, clause.clauseId, version.number, reader) : []).map((e) => ({
		...e,
		responses: pageResponses(e.revisionId, consultation.sourceLanguage, reader, read)
	}));
	const restate =
		user && !myStance && isCurrent ? earlierStance(db, clause.clauseId, user.id, version.number) : null;
	// A new wording starts with no feedback: the previous wording's, per community, with the
	// committee's answers, is summed up near the top (the full earlier feedback stays further down).
	const latestEarlier = earlier[0];
	const previousWording = latestEarlier
		? {
				versionNumber: latestEarlier.versionNumber,
				counts: latestEarlier.counts,
				communities: earlierByCommunity(db, latestEarlier.revisionId),
				clauseResponse: latestEarlier.responses.clause,
				answeredComments: Object.keys(latestEarlier.responses.byComment).length
			}
		: null;
	// The languages a participant may write in here: theirs first, then the rest of the consultation's.
	const userLanguages = (user?.languages ?? []).filter((l) => consultation.languages.includes(l));
	const writingLanguages = [...userLanguages, ...consultation.languages.filter((l) => !userLanguages.includes(l))];

	return {
		consultation: publicConsultation(consultation, event),
		version: publicVersion(version),
		isCurrent,
		currentNumber: current?.number ?? null,
		language,
		clause: {
			revisionId: clause.revisionId,
			key: clause.key,
			label: clause.label,
			heading: shown.heading,
			html: renderMarkdown(shown.body),
			language: shown.language,
			translated: clause.translation !== null,
			outdated: clause.translation?.outdated ?? false,
			originalLanguage: clause.original.language,
			previous: clause.previous,
			next: clause.next
		},
		counts: feedbackCounts(db, [clause.revisionId]).get(clause.revisionId) ?? NO_FEEDBACK,
		// Liaison-reported counts for this revision, shown beside the on-platform ones (never summed).
		reportedCounts: reportedCountsBeside(db, clause.revisionId),
		// The community-voice panel: each community's counts on one scale, and the sentence (aggregation/words.ts).
		voice: clauseVoice(db, consultation, version.id, clause.revisionId),
		myStance: myStance
			? {
					stance: myStance.stance,
					reason: myStance.reason ?? '',
					language: myStance.language,
					updatedAt: myStance.updatedAt,
					committeeOnly: myStance.committeeOnly
				}
			: null,
		// Each reason with its translations (translations/feedback.ts).
		reasons: { ...reasons, items: reasonsWithTranslations(db, reasons.items) },
		earlier,
		restate,
		previousWording,
		comments: { ...comments, items: withTranslations(db, comments.items) },
		// Who reads, for what each comment and reason offers to translate ($lib/translation-offer.ts).
		reader: translationOptions({
			userLanguages: user?.languages ?? null,
			consultationLanguages: consultation.languages,
			open: consultation.status === 'open',
			uiLocale: locals.locale
		}),
		commentQuery: { order, language: commentLanguage },
		canTakePart: isCurrent && acceptsFeedback(consultation),
		closing: closingInfo(consultation),
		writingLanguages,
		// Reply forms (one per comment) offer the participant's own languages, not the whole list.
		replyLanguages: userLanguages.length > 0 ? userLanguages : writingLanguages,
		defaultLanguage: writingLanguages[0] ?? consultation.sourceLanguage,
		responses: pageResponses(clause.revisionId, consultation.sourceLanguage, reader, read),
		committee: permissions.committee,
		// The versions the committee may name as "acted on in" (it sees unpublished ones too).
		responseVersions: permissions.committee ? listVersions(db, consultation.id).map((v) => ({ number: v.number, status: v.status })) : [],
		// Reporting, authors' edits and moderators' tools (see moderation.server.ts).
		moderation: moderationForPage(event, consultation, permissions, comments.items.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]))
	};
};

/** The revision's committee responses the reader may read, as plain data (comment ids as keys) for the page. */
function pageResponses(revisionId: number, language: string, reader: Reader, read: TextReader) {
	const { clause, byComment } = responsesForRevision(getDb(), revisionId, reader);
	// Responses have no language of their own: the committee writes in the consultation's source
	// language; a translator's translation into the reading language is shown first when there is one.
	const withLanguage = (view: ResponseView) => ({ ...withResponseTranslation(read, 'response', view, language), language });
	return {
		clause: clause ? withLanguage(clause) : null,
		byComment: Object.fromEntries([...byComment].map(([id, view]) => [id, withLanguage(view)]))
	};
}

/** Which translation form a result belongs to: `translate-12`, `machine-12` (comments), `translate-reason-7`, `machine-reason-7`. */
function translationFormId(kind: 'translate' | 'machine' | 'translate-reason' | 'machine-reason', values: Record<string, unknown>): string {
	const id = asText(values.comment ?? values.stance);
	return /^\d{1,12}$/.test(id) ? `${kind}-${id}` : kind;
}

/** The clause the form was posted on: the consultation as its guard loads it (404 when there is none) and the clause's key. */
function placeOf(event: RequestEvent) {
	return { consultation: loadConsultation(event, event.params.slug!), clauseKey: event.params.key! };
}

// Every write goes through the participation service (participation/), which checks the rules
// (open, current revision, language, suspension, rate limit); the actions read the form and answer.
// Without JavaScript every post is answered 303 back to this page, at its result (http/flash.ts).
export const actions: Actions = postRedirectGet({
	// Reporting a comment, and its author editing or deleting it (moderation.server.ts).
	report,
	editComment: editCommentAction,
	deleteComment: deleteCommentAction,

	stance: async (event) => {
		const user = requireUser(event);
		const values = formValues(await readForm(event));
		const input = validate(event, stanceInput, values);
		if (!input.ok) return fail(400, { action: 'stance', values, errors: input.errors });
		try {
			const { revision, stance, reason, language, committeeOnly } = input.data;
			const written = await takeStance(getDb(), user, { ...placeOf(event), revisionId: revision, stance, reason: reason || null, language, committeeOnly });
			feedbackWritten(event, written);
			return { action: 'stance', saved: true };
		} catch (e) {
			return participationFailure(event, e, { action: 'stance', values });
		}
	},

	// Takes the reason away too: visitors' cached pages are purged after it (http/page-cache-hook.ts).
	withdraw: async (event) => {
		const user = requireUser(event);
		const input = validate(event, withdrawInput, formValues(await readForm(event)));
		if (!input.ok) return fail(400, { action: 'stance', errors: input.errors });
		try {
			feedbackWritten(event, await withdrawStance(getDb(), user, { ...placeOf(event), revisionId: input.data.revision }));
			return { action: 'stance', withdrawn: true };
		} catch (e) {
			return participationFailure(event, e, { action: 'stance' });
		}
	},

	comment: async (event) => {
		const user = requireUser(event);
		const values = formValues(await readForm(event));
		const formId = values.parent ? `reply-${asText(values.parent)}` : 'comment';
		const input = validate(event, commentInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		try {
			const { revision, language, body, parent, committeeOnly } = input.data;
			const written = await postComment(getDb(), user, { ...placeOf(event), revisionId: revision, language, body, parentId: parent ?? null, committeeOnly });
			feedbackWritten(event, written);
			// The page opens at the new comment (with JavaScript, focus moves there).
			return { action: formId, posted: written.comment.id, anchor: `comment-${written.comment.id}` };
		} catch (e) {
			return participationFailure(event, e, { action: formId, values });
		}
	},

	/** A participant who reads both languages translates a comment on this clause (open consultations only). */
	translateComment: async (event) => {
		const user = requireUser(event);
		const values = formValues(await readForm(event));
		const formId = translationFormId('translate', values);
		const input = validate(event, commentTranslationInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		try {
			translateComment(getDb(), user, { ...placeOf(event), commentId: input.data.comment, language: input.data.language, body: input.data.body });
			return { action: formId, translated: true };
		} catch (e) {
			return participationFailure(event, e, { action: formId, values });
		}
	},

	/**
	 * Machine translation of a comment, when the site has a service (MT_URL). When the service fails
	 * the answer is 503 with a message in the user's language: the page still renders, nothing changed.
	 */
	machineTranslate: async (event) => {
		const user = requireUser(event);
		if (!machineTranslationEnabled()) error(404, event.locals.t('errors.machineTranslationOff'));
		const values = formValues(await readForm(event));
		const formId = translationFormId('machine', values);
		const input = validate(event, machineTranslationInput, values);
		if (!input.ok) return fail(400, { action: formId, errors: input.errors });
		try {
			await machineTranslateComment(getDb(), user, { ...placeOf(event), commentId: input.data.comment, language: input.data.language });
			return { action: formId, machineTranslated: true };
		} catch (e) {
			return participationFailure(event, e, { action: formId }, []);
		}
	},

	/**
	 * A participant who reads both languages translates a reason given on this clause (open
	 * consultations only, as for comments): the same rules, its own table (translations/feedback.ts).
	 */
	translateReason: async (event) => {
		const user = requireUser(event);
		const values = formValues(await readForm(event));
		const formId = translationFormId('translate-reason', values);
		const input = validate(event, reasonTranslationInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		try {
			translateReason(getDb(), user, { ...placeOf(event), stanceId: input.data.stance, language: input.data.language, body: input.data.body });
			return { action: formId, translated: true, anchor: `reason-${input.data.stance}` };
		} catch (e) {
			return participationFailure(event, e, { action: formId, values });
		}
	},

	/** Machine translation of a reason (MT_URL set); 503 with a message when the service fails, nothing stored. */
	machineTranslateReason: async (event) => {
		const user = requireUser(event);
		if (!machineTranslationEnabled()) error(404, event.locals.t('errors.machineTranslationOff'));
		const values = formValues(await readForm(event));
		const formId = translationFormId('machine-reason', values);
		const input = validate(event, reasonMachineInput, values);
		if (!input.ok) return fail(400, { action: formId, errors: input.errors });
		try {
			await machineTranslateReason(getDb(), user, { ...placeOf(event), stanceId: input.data.stance, language: input.data.language });
			return { action: formId, machineTranslated: true, anchor: `reason-${input.data.stance}` };
		} catch (e) {
			return participationFailure(event, e, { action: formId }, []);
		}
	},

	/**
	 * The committee answers the feedback on a revision of this clause (any version's, since feedback
	 * on an earlier version is answered later), or one comment on it. Closed consultations included.
	 */
	respond: async (event) => {
		const user = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		requireCommittee(event, consultation);
		const t = event.locals.t;
		const values = formValues(await readForm(event));
		const formId = values.comment ? `respond-${asText(values.comment)}` : 'respond';
		const input = validate(event, responseInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		const db = getDb();
		if (!isRevisionOfClause(db, consultation.id, event.params.key, input.data.revision)) {
			return fail(400, { action: formId, values, errors: { form: t('errors.responseTarget') } });
		}
		try {
			recordResponse(db, {
				revisionId: input.data.revision,
				commentId: input.data.comment,
				status: input.data.status,
				explanation: input.data.explanation,
				actedInVersion: input.data.actedInVersion,
				authorId: user.id,
				consultationId: consultation.id
			});
		} catch (e) {
			if (e instanceof ResponseError) return fail(400, { action: formId, values, errors: { [e.field]: t(e.code) } });
			throw e;
		}
		return { action: formId, responded: true };
	}
});
