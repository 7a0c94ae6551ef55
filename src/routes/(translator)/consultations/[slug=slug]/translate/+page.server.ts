import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { translationProgress } from '$lib/server/translations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const { consultation, permissions, version } = consultationContext(event, event.params.slug);
	const languages = consultation.languages.filter(
		(l) => l !== consultation.sourceLanguage && (permissions.committee || permissions.translatorFor.includes(l))
	);
	if (languages.length === 0) error(403, event.locals.t('errors.forbidden'));
	return {
		consultation: publicConsultation(consultation, event),
		versionNumber: version?.number ?? null,
		progress: version ? translationProgress(getDb(), version.id, languages) : []
	};
};
