import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn } from '$lib/server/auth/guards';
import { publicConsultation, publicVersion } from '$lib/server/consultations/reading';
import { getVersion } from '$lib/server/consultations/service';
import { whatWeHeard } from '$lib/server/versions/heard';
import { renderMarkdown } from '$lib/server/markdown';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	const version = getVersion(getDb(), consultation.id, Number(event.params.n));
	if (!version || (version.status !== 'published' && !permissionsIn(event, consultation).committee)) {
		error(404, event.locals.t('errors.versionNotFound'));
	}
	const heard = whatWeHeard(getDb(), version, consultation.sourceLanguage);
	return {
		consultation: publicConsultation(consultation),
		version: publicVersion(version),
		heard: heard
			? {
					previousNumber: heard.previous.number,
					share: heard.share,
					clauses: heard.clauses.map((c) => ({
						...c,
						commentResponses: c.commentResponses.map((r) => ({
							...r,
							comment: { ...r.comment, html: renderMarkdown(r.comment.excerpt) }
						}))
					}))
				}
			: null
	};
};
