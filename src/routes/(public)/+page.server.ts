import { getDb } from '$lib/server/db';
import { listConsultations } from '$lib/server/consultations/service';
import { readingLanguage } from '$lib/server/clauses/service';
import { textReader } from '$lib/server/translations/texts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	return {
		consultations: listConsultations(getDb()).map((c) => {
			// Each title in the reader's language where translated (as the consultation page reads it).
			const language = readingLanguage(c, { userLanguages: locals.user?.languages, uiLocale: locals.locale });
			const title = textReader(getDb(), c.id, language)({ kind: 'consultation-title', subjectId: c.id, part: 0 }, { text: c.title, language: c.sourceLanguage });
			return {
				slug: c.slug,
				title: title.text,
				titleLanguage: title.language,
				sourceLanguage: c.sourceLanguage,
				languageCount: c.languages.length,
				status: c.status,
				currentVersion: c.currentVersion
			};
		}),
		canCreate: locals.user?.isSiteAdmin ?? false
	};
};
