import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation, publicVersion } from '$lib/server/consultations/reading';
import { loadConsultation, requireUser } from '$lib/server/auth/guards';
import { currentVersion, acceptsLanguage } from '$lib/server/consultations/service';
import { readClause } from '$lib/server/clauses/service';
import { feedbackCounts, getStance, listReasons, setStance, withdrawStance, NO_FEEDBACK } from '$lib/server/stances/service';
import { addComment, CommentError, listComments } from '$lib/server/comments/service';
import { commentInput, stanceInput, withdrawInput } from '$lib/server/stances/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { renderMarkdown } from '$lib/server/markdown';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { params, url, locals } = event;
	const { consultation, version, current, language } = consultationContext(event, params.slug);
	if (!version) error(404, locals.t('errors.clauseNotFound'));
	const clause = readClause(db, version.id, params.key, consultation.sourceLanguage, language);
	if (!clause) error(404, locals.t('errors.clauseNotFound'));

	const order = url.searchParams.get('order') === 'oldest' ? 'oldest' : 'newest';
	const commentLanguage = url.searchParams.get('clang') || null;
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	const comments = listComments(db, clause.revisionId, {
		order,
		language: commentLanguage,
		page
	});

	const reasonPage = Math.max(1, Number.parseInt(url.searchParams.get('rpage') ?? '1', 10) || 1);
	const reasons = listReasons(db, clause.revisionId, { page: reasonPage });

	const user = locals.user;
	const isCurrent = version.id === current?.id;
	const shown = clause.translation ?? clause.original;
	const myStance = user ? getStance(db, clause.revisionId, user.id) : undefined;
	// The languages a participant may write in here: theirs first, then the rest of the consultation's.
	const userLanguages = (user?.languages ?? []).filter((l) => consultation.languages.includes(l));
	const writingLanguages = [...userLanguages, ...consultation.languages.filter((l) => !userLanguages.includes(l))];

	return {
		consultation: publicConsultation(consultation),
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
		myStance: myStance
			? { stance: myStance.stance, reason: myStance.reason ?? '', language: myStance.language, updatedAt: myStance.updatedAt }
			: null,
		reasons,
		comments,
		commentQuery: { order, language: commentLanguage },
		canTakePart: isCurrent && consultation.status === 'open',
		writingLanguages,
		defaultLanguage: writingLanguages[0] ?? consultation.sourceLanguage
	};
};

/**
 * Participation is allowed on the current version of an open consultation only. The form names
 * the revision it was written against, so a version published meanwhile cannot catch a stance.
 */
function participationTarget(event: RequestEvent, revisionId: number) {
	const db = getDb();
	const consultation = loadConsultation(event, event.params.slug!);
	const t = event.locals.t;
	if (consultation.status !== 'open') return { refusal: fail(403, { errors: { form: t('errors.consultationClosed') } }) };
	const version = currentVersion(db, consultation.id);
	const clause = version && readClause(db, version.id, event.params.key!, consultation.sourceLanguage, consultation.sourceLanguage);
	if (!clause) error(404, t('errors.clauseNotFound'));
	if (clause.revisionId !== revisionId) {
		return { refusal: fail(409, { errors: { form: t('errors.revisionNotCurrent') } }) };
	}
	return { consultation, revisionId: clause.revisionId };
}

export const actions: Actions = {
	stance: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event);
		const values = formValues(form);
		const input = validate(event, stanceInput, values);
		if (!input.ok) return fail(400, { action: 'stance', values, errors: input.errors });
		const target = participationTarget(event, input.data.revision);
		if ('refusal' in target) return target.refusal;
		if (!acceptsLanguage(target.consultation, input.data.language)) {
			return fail(400, { action: 'stance', values, errors: { language: event.locals.t('errors.languageNotInConsultation') } });
		}
		setStance(getDb(), {
			revisionId: target.revisionId,
			userId: user.id,
			stance: input.data.stance,
			reason: input.data.reason || null,
			language: input.data.language
		});
		return { action: 'stance', saved: true };
	},

	withdraw: async (event) => {
		const user = requireUser(event);
		const input = validate(event, withdrawInput, formValues(await readForm(event)));
		if (!input.ok) return fail(400, { action: 'stance', errors: input.errors });
		const target = participationTarget(event, input.data.revision);
		if ('refusal' in target) return target.refusal;
		withdrawStance(getDb(), target.revisionId, user.id);
		return { action: 'stance', withdrawn: true };
	},

	comment: async (event) => {
		const user = requireUser(event);
		const values = formValues(await readForm(event));
		const formId = values.parent ? `reply-${values.parent}` : 'comment';
		const input = validate(event, commentInput, values);
		if (!input.ok) return fail(400, { action: formId, values, errors: input.errors });
		const target = participationTarget(event, input.data.revision);
		if ('refusal' in target) return target.refusal;
		if (!acceptsLanguage(target.consultation, input.data.language)) {
			return fail(400, { action: formId, values, errors: { language: event.locals.t('errors.languageNotInConsultation') } });
		}
		try {
			const comment = addComment(getDb(), {
				revisionId: target.revisionId,
				authorId: user.id,
				language: input.data.language,
				body: input.data.body,
				parentId: input.data.parent
			});
			return { action: formId, posted: comment.id };
		} catch (e) {
			if (e instanceof CommentError) {
				return fail(400, { action: formId, values, errors: { form: event.locals.t(e.code) } });
			}
			throw e;
		}
	}
};
