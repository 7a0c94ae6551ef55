// The moderators' queue of a consultation: reported and pending comments (or the hidden ones), and
// the forms to hide, restore, dismiss and suspend. The clause page posts hide/restore here too, with
// `redirectTo` to come back.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireModerator, requireUser } from '$lib/server/auth/guards';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import { publicConsultation } from '$lib/server/auth/reading';
import { getComment, getCommentIn } from '$lib/server/comments/service';
import {
	dismissReports,
	hideComment,
	ModerationError,
	moderationQueue,
	restoreComment
} from '$lib/server/moderation/service';
import { liftSuspension, listActiveSuspensions, suspendUser } from '$lib/server/moderation/suspensions';
import { dismissInput, hideInput, liftInput, queueQuery, restoreInput, suspendInput } from '$lib/server/moderation/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { asText } from '$lib/server/form-fields';
import type { Permissions } from '$lib/server/roles/service';
import type { Consultation } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';
import { listCommentTranslations, machineTranslateComment, machineTranslationInput, TranslationError } from '$lib/server/comments/translations';
import { MachineTranslationError, machineTranslationEnabled } from '$lib/server/mt/libretranslate';
import { limitOr429 } from '$lib/server/ratelimit/http';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	const permissions = requireModerator(event, consultation);
	const db = getDb();
	const query = queueQuery(event.url.searchParams);
	const queue = moderationQueue(db, consultation.id, { ...query, committee: permissions.committee });
	const mine = (event.locals.user?.languages ?? []).filter((l) => consultation.languages.includes(l));
	return {
		consultation: publicConsultation(consultation, event),
		query,
		queue,
		// Any translation of a reported comment, beside it: a moderator must understand what they judge.
		translations: Object.fromEntries(listCommentTranslations(db, queue.items.map((item) => item.comment.id))),
		// Machine translation into the moderator's languages (their first that is not the comment's), when MT_URL is set.
		machineTargets: machineTranslationEnabled() ? (mine.length > 0 ? mine : [event.locals.locale].filter((l) => consultation.languages.includes(l))) : [],
		suspensions: listActiveSuspensions(db, consultation.id),
		admin: permissions.admin
	};
};

/** A comment of this consultation the moderator may see (committee-only ones are for the committee). */
function checkReach(event: RequestEvent, permissions: Permissions, commentId: number): void {
	const comment = getComment(getDb(), commentId);
	if (comment?.committeeOnly && !permissions.committee) error(404, event.locals.t('errors.commentNotFound'));
}

type Kind = 'hide' | 'restore' | 'dismiss' | 'suspend' | 'lift';

/**
 * The shared shape of every moderation action: guard, validate, act, then go back to `redirectTo`
 * (the clause page) or stay on the queue with a result for the form `kind-id`.
 */
async function moderate<S extends z.ZodType>(
	event: RequestEvent,
	kind: Kind,
	schema: S,
	idField: string,
	act: (input: z.output<S>, context: { consultation: Consultation; moderatorId: number; permissions: Permissions }) => void
) {
	const me = requireUser(event);
	const consultation = loadConsultation(event, event.params.slug!);
	const permissions = requireModerator(event, consultation);
	const values = formValues(await readForm(event));
	const id = String(values[idField] ?? '');
	const formId = /^\d{1,12}$/.test(id) ? `${kind}-${id}` : kind;
	const input = validate(event, schema, values);
	if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
	try {
		act(input.data, { consultation, moderatorId: me.id, permissions });
	} catch (e) {
		if (!(e instanceof ModerationError)) throw e;
		return fail(e.status, { action: formId, values, errors: { [e.field]: event.locals.t(e.code) } });
	}
	const back = typeof values.redirectTo === 'string' && values.redirectTo ? safeRedirectTarget(values.redirectTo) : null;
	if (back) redirect(303, back);
	return { action: formId, done: kind };
}

export const actions: Actions = postRedirectGet({
	/** Machine translation of a comment in the queue (hidden and pending ones too), when the site has a service. */
	machineTranslate: async (event) => {
		const me = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		const permissions = requireModerator(event, consultation);
		const t = event.locals.t;
		if (!machineTranslationEnabled()) error(404, t('errors.machineTranslationOff'));
		const values = formValues(await readForm(event));
		const commentId = asText(values.comment);
		const formId = /^\d{1,12}$/.test(commentId) ? `machine-${commentId}` : 'machine';
		const input = validate(event, machineTranslationInput, values);
		if (!input.ok) return fail(400, { action: formId, errors: input.errors });
		// Another consultation's comment, or a committee-only one for a moderator outside the committee: not there.
		const comment = getCommentIn(getDb(), input.data.comment, consultation.id);
		if (!comment) error(404, t('errors.commentNotFound'));
		checkReach(event, permissions, comment.id);
		const limited = limitOr429(event, 'post', me.id, { action: formId });
		if (limited) return limited;
		try {
			await machineTranslateComment(getDb(), {
				commentId: comment.id,
				language: input.data.language,
				requesterId: me.id,
				consultationLanguages: consultation.languages,
				forModeration: true
			});
		} catch (e) {
			if (e instanceof TranslationError) return fail(400, { action: formId, errors: { form: t(e.code) } });
			if (e instanceof MachineTranslationError) {
				console.warn(e.message);
				return fail(503, { action: formId, errors: { form: t(e.code) } });
			}
			throw e;
		}
		return { action: formId, machineTranslated: true, anchor: `queue-${comment.id}` };
	},
	hide: (event) =>
		moderate(event, 'hide', hideInput, 'comment', (input, c) => {
			checkReach(event, c.permissions, input.comment);
			hideComment(getDb(), { commentId: input.comment, consultationId: c.consultation.id, moderatorId: c.moderatorId, reason: input.reason });
		}),
	restore: (event) =>
		moderate(event, 'restore', restoreInput, 'comment', (input, c) => {
			checkReach(event, c.permissions, input.comment);
			restoreComment(getDb(), { commentId: input.comment, consultationId: c.consultation.id, moderatorId: c.moderatorId, reason: input.reason });
		}),
	dismiss: (event) =>
		moderate(event, 'dismiss', dismissInput, 'comment', (input, c) => {
			checkReach(event, c.permissions, input.comment);
			dismissReports(getDb(), { commentId: input.comment, consultationId: c.consultation.id, moderatorId: c.moderatorId, reason: input.reason });
		}),
	suspend: (event) =>
		moderate(event, 'suspend', suspendInput, 'user', (input, c) => {
			suspendUser(getDb(), {
				userId: input.user,
				consultationId: c.consultation.id,
				moderatorId: c.moderatorId,
				reason: input.reason,
				days: input.days
			});
		}),
	lift: (event) =>
		moderate(event, 'lift', liftInput, 'suspension', (input, c) => {
			liftSuspension(getDb(), { suspensionId: input.suspension, consultationId: c.consultation.id, moderatorId: c.moderatorId, reason: input.reason });
		})
});
