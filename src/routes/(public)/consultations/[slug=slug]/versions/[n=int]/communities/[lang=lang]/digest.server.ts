// What the digest page and its downloads share: the version and community, checked, and the digest.
import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation } from '$lib/server/auth/guards';
import { getVersion } from '$lib/server/consultations/service';
import { communityDigest, digestCommunities } from '$lib/server/digests/service';

/**
 * A published version only (a draft has no feedback yet; the committee reads its own drafts
 * elsewhere), and a community the consultation runs in or that gave feedback on the version.
 * Everyone, the committee too, gets the same public digest.
 */
export function loadDigest(event: RequestEvent<{ slug: string; n: string; lang: string }>) {
	const db = getDb();
	const consultation = loadConsultation(event, event.params.slug);
	const version = getVersion(db, consultation.id, Number(event.params.n));
	if (!version || version.status !== 'published') error(404, event.locals.t('errors.versionNotFound'));
	const community = event.params.lang;
	const communities = digestCommunities(db, version.id);
	if (!consultation.languages.includes(community) && !communities.includes(community)) {
		error(404, event.locals.t('errors.languageNotInConsultation'));
	}
	const digest = communityDigest(db, consultation, version, community, event.locals.locale);
	return { consultation, version, digest, communities };
}
