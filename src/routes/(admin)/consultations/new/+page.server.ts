import { fail, redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { getDb } from '$lib/server/db';
import { requireSiteAdmin } from '$lib/server/auth/guards';
import { consultationInput } from '$lib/server/consultations/schemas';
import { createConsultation, SlugTakenError } from '$lib/server/consultations/service';
import { importVersion } from '$lib/server/drafts/service';
import { documentFrom, draftSubmission, parseDraft, previewOf } from '$lib/server/drafts/submission';
import { formValues, readForm, validate } from '$lib/server/http/forms';
import { fieldText } from '$lib/server/form-fields';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

export const load: PageServerLoad = (event) => {
	requireSiteAdmin(event);
	return {};
};

async function submit(event: RequestEvent, mode: 'preview' | 'publish' | 'draft') {
	const user = requireSiteAdmin(event);
	const t = event.locals.t;
	const form = await readForm(event);
	const document = await documentFrom(form);
	const values: Record<string, unknown> = { ...formValues(form, ['languages']), document: 'text' in document ? document.text : '' };
	const echo = {
		slug: fieldText(form, 'slug'),
		title: fieldText(form, 'title'),
		description: fieldText(form, 'description'),
		sourceLanguage: fieldText(form, 'sourceLanguage'),
		languages: fieldText(form, 'languages'),
		document: String(values.document),
		headingLevel: fieldText(form, 'headingLevel', '2'),
		note: fieldText(form, 'note')
	};
	const meta = validate(event, consultationInput, values);
	const draft = validate(event, draftSubmission, values);
	const errors = { ...(meta.ok ? {} : meta.errors), ...(draft.ok ? {} : draft.errors) };
	if ('errorKey' in document) errors.document = t(document.errorKey);
	if (!meta.ok || !draft.ok || 'errorKey' in document) return fail(400, { values: echo, errors });

	const parsed = parseDraft(draft.data.document, draft.data.headingLevel);
	const preview = previewOf(parsed, t);
	if (mode === 'preview') return { values: echo, preview };
	if (parsed.errors.length > 0) return fail(400, { values: echo, preview, errors: { form: t('import.fixErrors') } });

	const db = getDb();
	try {
		db.transaction((tx) => {
			const consultation = createConsultation(tx, meta.data, user.id);
			importVersion(tx, {
				consultationId: consultation.id,
				clauses: parsed.clauses,
				note: draft.data.note,
				publish: mode === 'publish',
				createdBy: user.id
			});
		});
	} catch (e) {
		if (e instanceof SlugTakenError) return fail(400, { values: echo, preview, errors: { slug: t('errors.slugTaken') } });
		throw e;
	}
	redirect(303, paths.consultation(meta.data.slug));
}

export const actions: Actions = postRedirectGet({
	preview: (event) => submit(event, 'preview'),
	publish: (event) => submit(event, 'publish'),
	saveDraft: (event) => submit(event, 'draft')
});
