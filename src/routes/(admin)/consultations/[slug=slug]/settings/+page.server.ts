// A consultation's own settings, for its administrators: for now, the date feedback closes.
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireConsultationAdmin } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { setClosingDate } from '$lib/server/consultations/service';
import { closingInfo } from '$lib/server/consultations/closing';
import { closingInput } from '$lib/server/consultations/schemas';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { postRedirectGet } from '$lib/server/http/flash';
import type { Actions, PageServerLoad } from './$types';

/** "2026-03-12T17:00": what a datetime-local field shows, in UTC. */
function localValue(ms: number | null): string {
	return ms === null ? '' : new Date(ms).toISOString().slice(0, 16);
}

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	requireConsultationAdmin(event, consultation);
	return {
		consultation: publicConsultation(consultation, event),
		closing: closingInfo(consultation),
		closesAtValue: localValue(consultation.closesAt)
	};
};

export const actions: Actions = postRedirectGet({
	closing: async (event) => {
		const consultation = loadConsultation(event, event.params.slug);
		requireConsultationAdmin(event, consultation);
		const values = formValues(await readForm(event));
		const input = validate(event, closingInput, values);
		if (!input.ok) return fail(400, { values, errors: input.errors });
		setClosingDate(getDb(), consultation.id, input.data.closesAt);
		return { saved: input.data.closesAt !== null, cleared: input.data.closesAt === null };
	}
});
