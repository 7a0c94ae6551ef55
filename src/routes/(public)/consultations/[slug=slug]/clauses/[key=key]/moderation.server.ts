// The clause page's reporting and authoring actions (report, editComment, deleteComment), and the
// suspension check every participation action makes first. Form ids: `report-12`, `edit-12`, `delete-12`.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn, requireUser } from '$lib/server/auth/guards';
import { acceptsLanguage } from '$lib/server/consultations/service';
import { acceptsFeedback, closedMessage } from '$lib/server/consultations/closing';
import { findCommentOnClause } from '$lib/server/comments/translations';
import { deleteComment, editComment } from '$lib/server/comments/authoring';
import { commentEditWindowMs, type CommentViewer } from '$lib/server/comments/service';
import { canModerate, ModerationError, reportComment, reportsBy } from '$lib/server/moderation/service';
import { activeSuspension, assertNotSuspended, SuspendedError } from '$lib/server/moderation/suspensions';
import { deleteCommentInput, editCommentInput, reportInput } from '$lib/server/moderation/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { limitOr429 } from '$lib/server/ratelimit/http';
import { formatDateTime } from '$lib/i18n/format';
import type { Consultation } from '$lib/server/db/schema';

/** "You are suspended until …", in the reader's language. */
export function suspendedMessage(event: RequestEvent, until: number): string {
	return event.locals.t('errors.suspended', { until: formatDateTime(event.locals.locale, until) });
}

/**
 * Null when the user may write in this consultation; otherwise the 403 to return. Suspended
 * accounts keep their sessions: they can read, withdraw a stance and delete their own comments, not
 * post or report there (elsewhere they write as before).
 */
export function suspensionRefusal(event: RequestEvent, userId: number, consultation: Consultation, extra: Record<string, unknown> = {}) {
	try {
		assertNotSuspended(getDb(), userId, consultation.id);
		return null;
	} catch (e) {
		if (!(e instanceof SuspendedError)) throw e;
		return fail(403, { ...extra, errors: { form: suspendedMessage(event, e.until) } });
	}
}

function viewerIn(event: RequestEvent, consultation: Consultation): CommentViewer {
	const permissions = permissionsIn(event, consultation);
	return { userId: event.locals.user?.id ?? null, moderates: canModerate(permissions), committee: permissions.committee };
}

/** The comment named by the form, on this clause and readable by the viewer; 404 otherwise. */
function targetComment(event: RequestEvent, consultation: Consultation, commentId: number) {
	const comment = findCommentOnClause(getDb(), commentId, consultation.id, event.params.key!, viewerIn(event, consultation));
	if (!comment) error(404, event.locals.t('errors.commentNotFound'));
	return comment;
}

function formIdFor(kind: 'report' | 'edit' | 'delete', values: Record<string, unknown>): string {
	const id = String(values.comment ?? '');
	return /^\d{1,12}$/.test(id) ? `${kind}-${id}` : kind;
}

function refusal(event: RequestEvent, e: unknown, extra: Record<string, unknown>) {
	if (!(e instanceof ModerationError)) throw e;
	return fail(e.status, { ...extra, errors: { [e.field]: event.locals.t(e.code) } });
}

/** What the clause page shows about moderation to this reader. */
export function moderationForPage(
	event: RequestEvent,
	consultation: Consultation,
	permissions: Parameters<typeof canModerate>[0],
	commentIds: number[]
) {
	const user = event.locals.user;
	const db = getDb();
	const suspension = user ? activeSuspension(db, user.id, consultation.id) : undefined;
	return {
		moderates: canModerate(permissions),
		reported: user ? Object.fromEntries(reportsBy(db, user.id, commentIds)) : {},
		suspendedUntil: suspension?.endsAt ?? null,
		editWindowMinutes: Math.round(commentEditWindowMs() / 60_000)
	};
}

/** Anyone signed in reports a comment (open or closed consultation alike). */
export async function report(event: RequestEvent) {
	const user = requireUser(event);
	const values = formValues(await readForm(event));
	const formId = formIdFor('report', values);
	const input = validate(event, reportInput, values);
	if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
	const consultation = loadConsultation(event, event.params.slug!);
	const comment = targetComment(event, consultation, input.data.comment);
	const suspended = suspensionRefusal(event, user.id, consultation, { action: formId, values });
	if (suspended) return suspended;
	const limited = limitOr429(event, 'report', user.id, { action: formId, values });
	if (limited) return limited;
	try {
		const outcome = reportComment(getDb(), {
			commentId: comment.id,
			consultationId: consultation.id,
			reporterId: user.id,
			reason: input.data.reason,
			details: input.data.details
		});
		return { action: formId, reported: outcome.outcome };
	} catch (e) {
		return refusal(event, e, { action: formId, values });
	}
}

/** The author edits their comment, within the edit window, while the consultation is open. */
export async function editCommentAction(event: RequestEvent) {
	const user = requireUser(event);
	const t = event.locals.t;
	const values = formValues(await readForm(event));
	const formId = formIdFor('edit', values);
	const input = validate(event, editCommentInput, values);
	if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
	const consultation = loadConsultation(event, event.params.slug!);
	const comment = targetComment(event, consultation, input.data.comment);
	// An edit changes what was said: feedback, refused once the consultation closed (closing.ts).
	if (!acceptsFeedback(consultation)) return fail(403, { action: formId, values, errors: { form: closedMessage(t, event.locals.locale, consultation) } });
	if (!acceptsLanguage(consultation, input.data.language)) {
		return fail(400, { action: formId, values, errors: { language: t('errors.languageNotInConsultation') } });
	}
	const suspended = suspensionRefusal(event, user.id, consultation, { action: formId, values });
	if (suspended) return suspended;
	const limited = limitOr429(event, 'post', user.id, { action: formId, values });
	if (limited) return limited;
	try {
		editComment(getDb(), { commentId: comment.id, authorId: user.id, body: input.data.body, language: input.data.language });
	} catch (e) {
		return refusal(event, e, { action: formId, values });
	}
	return { action: formId, edited: true };
}

/** The author deletes their comment (always allowed, suspended or not, open or closed). */
export async function deleteCommentAction(event: RequestEvent) {
	const user = requireUser(event);
	const values = formValues(await readForm(event));
	const formId = formIdFor('delete', values);
	const input = validate(event, deleteCommentInput, values);
	if (!input.ok) return fail(400, { action: formId, errors: input.errors });
	const consultation = loadConsultation(event, event.params.slug!);
	const comment = targetComment(event, consultation, input.data.comment);
	try {
		deleteComment(getDb(), { commentId: comment.id, authorId: user.id });
	} catch (e) {
		return refusal(event, e, { action: formId });
	}
	// The page opens at the comment, now shown as deleted.
	return { action: formId, deleted: true, anchor: `comment-${comment.id}` };
}
