import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireTranslator } from '$lib/server/auth/guards';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { translationProgress, translationWorklist } from '$lib/server/translations/service';
import { waitingForTranslation } from '$lib/server/translations/waiting';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { consultation, version } = consultationContext(event, event.params.slug);
	const language = event.params.lang;
	const permissions = requireTranslator(event, consultation, language);
	if (!version) error(404, event.locals.t('errors.versionNotFound'));
	const db = getDb();
	const items = translationWorklist(db, version.id, language);
	const rank = { outdated: 0, missing: 1, current: 2 } as const;
	return {
		consultation: publicConsultation(consultation, event),
		language,
		versionNumber: version.number,
		progress: translationProgress(db, version.id, [language])[0],
		// Feedback in other languages with no translation into this one: the "waiting for translation" page.
		waiting: waitingForTranslation(db, consultation.id, language, { committee: permissions.committee, pageSize: 1 }).total,
		// What needs work first (outdated, then missing), each in draft order.
		items: items.map((item, position) => ({ ...item, position })).sort((a, b) => rank[a.status] - rank[b.status] || a.position - b.position)
	};
};
