import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn } from '$lib/server/auth/guards';
import { publicConsultation, publicVersion } from '$lib/server/consultations/reading';
import { getVersion } from '$lib/server/consultations/service';
import { whatWeHeard } from '$lib/server/versions/heard';
import { renderMarkdown } from '$lib/server/markdown';
import { viewerOf } from '$lib/server/privacy/visibility';
import { digestCommunities } from '$lib/server/digests/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	const version = getVersion(getDb(), consultation.id, Number(event.params.n));
	const permissions = permissionsIn(event, consultation);
	if (!version || (version.status !== 'published' && !permissions.committee)) {
		error(404, event.locals.t('errors.versionNotFound'));
	}
	// Responses to committee-only comments reach the committee and the comment's author only.
	const heard = whatWeHeard(getDb(), version, consultation.sourceLanguage, viewerOf(event.locals.user, permissions));
	return {
		consultation: publicConsultation(consultation),
		version: publicVersion(version),
		// What each community said on the previous wording, one digest each.
		digests: heard ? digestCommunities(getDb(), heard.previous.id) : [],
		heard: heard
			? {
					previousNumber: heard.previous.number,
					overview: heard.overview,
					share: heard.share,
					summaries: heard.summaries,
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
