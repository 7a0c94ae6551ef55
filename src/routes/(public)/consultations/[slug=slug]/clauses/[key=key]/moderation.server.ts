// The clause page's reporting and authoring actions (report, editComment, deleteComment) and what
// the page shows about moderation. The rules (suspension, closing, rate limit, whose comment) are the
// participation service's (participation/comments.ts). Form ids: `report-12`, `edit-12`, `delete-12`.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireUser } from '$lib/server/auth/guards';
import { commentEditWindowMs } from '$lib/server/comments/service';
import { canModerate, reportsBy } from '$lib/server/moderation/service';
import { activeSuspension } from '$lib/server/moderation/suspensions';
import { deleteCommentInput, editCommentInput, reportInput } from '$lib/server/moderation/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import { participationFailure } from '$lib/server/http/participation';
import { deleteComment, editComment, reportComment } from '$lib/server/participation';
import type { Consultation } from '$lib/server/db/schema';

function formIdFor(kind: 'report' | 'edit' | 'delete', values: Record<string, unknown>): string {
	const id = asText(values.comment);
	return /^\d{1,12}$/.test(id) ? `${kind}-${id}` : kind;
}

/** The clause the form was posted on (404 for an unknown consultation). */
function placeOf(event: RequestEvent) {
	return { consultation: loadConsultation(event, event.params.slug!), clauseKey: event.params.key! };
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
	try {
		const outcome = reportComment(getDb(), user, { ...placeOf(event), commentId: input.data.comment, reason: input.data.reason, details: input.data.details });
		return { action: formId, reported: outcome.outcome };
	} catch (e) {
		return participationFailure(event, e, { action: formId, values });
	}
}

/** The author edits their comment, within the edit window, while the consultation is open. */
export async function editCommentAction(event: RequestEvent) {
	const user = requireUser(event);
	const values = formValues(await readForm(event));
	const formId = formIdFor('edit', values);
	const input = validate(event, editCommentInput, values);
	if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
	try {
		editComment(getDb(), user, { ...placeOf(event), commentId: input.data.comment, body: input.data.body, language: input.data.language });
		return { action: formId, edited: true };
	} catch (e) {
		return participationFailure(event, e, { action: formId, values });
	}
}

/** The author deletes their comment (always allowed, suspended or not, open or closed). */
export async function deleteCommentAction(event: RequestEvent) {
	const user = requireUser(event);
	const values = formValues(await readForm(event));
	const formId = formIdFor('delete', values);
	const input = validate(event, deleteCommentInput, values);
	if (!input.ok) return fail(400, { action: formId, errors: input.errors });
	try {
		const comment = deleteComment(getDb(), user, { ...placeOf(event), commentId: input.data.comment });
		// The page opens at the comment, now shown as deleted.
		return { action: formId, deleted: true, anchor: `comment-${comment.id}` };
	} catch (e) {
		return participationFailure(event, e, { action: formId });
	}
}
