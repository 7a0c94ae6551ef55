import { publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { renderMarkdown } from '$lib/server/markdown';
import { loadDigest } from './digest.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { consultation, version, digest, communities } = loadDigest(event);
	return {
		consultation: publicConsultation(consultation, event),
		version: publicVersion(version),
		communities,
		digest: {
			...digest,
			summaries: digest.summaries.map(({ view, response }) => ({
				id: view.id,
				author: view.author,
				participants: view.participants,
				channels: view.channels.length,
				narrativeHtml: renderMarkdown(view.narrative),
				narrativeLanguage: view.narrativeLanguage,
				translationHtml: view.narrativeTranslation ? renderMarkdown(view.narrativeTranslation) : null,
				translationLanguage: view.translationLanguage,
				response
			}))
		}
	};
};
