import { getDb } from '$lib/server/db';
import { listConsultations } from '$lib/server/consultations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	return {
		consultations: listConsultations(getDb()).map((c) => ({
			slug: c.slug,
			title: c.title,
			sourceLanguage: c.sourceLanguage,
			languageCount: c.languages.length,
			status: c.status,
			currentVersion: c.currentVersion
		})),
		canCreate: locals.user?.isSiteAdmin ?? false
	};
};
