import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireConsultationAdmin, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { findUserByUsername } from '$lib/server/accounts/service';
import { assignRole, listAssignments, revokeRole } from '$lib/server/roles/service';
import { assignInput, revokeInput } from '$lib/server/roles/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	requireConsultationAdmin(event, consultation);
	return {
		consultation: publicConsultation(consultation, event),
		assignments: listAssignments(getDb(), consultation.id)
	};
};

export const actions: Actions = postRedirectGet({
	assign: async (event) => {
		const me = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		requireConsultationAdmin(event, consultation);
		const values = formValues(await readForm(event));
		const input = validate(event, assignInput, values);
		if (!input.ok) return fail(400, { values, errors: input.errors });
		const t = event.locals.t;
		if (input.data.language && !consultation.languages.includes(input.data.language)) {
			return fail(400, { values, errors: { language: t('errors.languageNotInConsultation') } });
		}
		const user = findUserByUsername(getDb(), input.data.username);
		if (!user) return fail(400, { values, errors: { username: t('errors.userNotFound') } });
		assignRole(getDb(), {
			consultationId: consultation.id,
			userId: user.id,
			role: input.data.role,
			language: input.data.language,
			grantedBy: me.id
		});
		return { assigned: true };
	},
	revoke: async (event) => {
		const me = requireUser(event);
		const consultation = loadConsultation(event, event.params.slug);
		requireConsultationAdmin(event, consultation);
		const input = validate(event, revokeInput, formValues(await readForm(event)));
		if (!input.ok || !revokeRole(getDb(), consultation.id, input.data.id, me.id)) {
			return fail(404, { errors: { form: event.locals.t('errors.notFound') } });
		}
		return { revoked: true };
	}
});
