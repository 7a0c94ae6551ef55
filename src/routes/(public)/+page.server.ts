import { getDb } from '$lib/server/db';
import { listConsultations } from '$lib/server/consultations/service';
import { readingLanguage, translatedLanguages } from '$lib/server/clauses/service';
import { getVersion } from '$lib/server/consultations/service';
import { textReader } from '$lib/server/translations/texts';
import type { PageServerLoad } from './$types';

function readableCount(c: { id: number; sourceLanguage: string; currentVersion: number | null }): number {
	const version = c.currentVersion === null ? undefined : getVersion(getDb(), c.id, c.currentVersion);
	return new Set([c.sourceLanguage, ...(version ? translatedLanguages(getDb(), version.id) : [])]).size;
}

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
				// What a reader can choose from ("Read in" on its page): the original and the languages with
				// translations, not the languages the consultation was declared with.
				readableLanguages: readableCount(c),
				status: c.status,
				currentVersion: c.currentVersion
			};
		}),
		canCreate: locals.user?.isSiteAdmin ?? false
	};
};
