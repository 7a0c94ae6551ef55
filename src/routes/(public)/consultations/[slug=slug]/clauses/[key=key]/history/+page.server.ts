import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/consultations/reading';
import { renderMarkdown } from '$lib/server/markdown';
import { clauseHistory, findClauseId } from '$lib/server/versions/diff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { consultation, permissions, current } = consultationContext(event, event.params.slug);
	const clauseId = findClauseId(db, consultation.id, event.params.key);
	// Drafts only for the committee: a clause that exists only in an unpublished draft is not there.
	const revisions = clauseId ? clauseHistory(db, clauseId, { includeDrafts: permissions.committee }) : [];
	if (revisions.length === 0) error(404, event.locals.t('errors.clauseNotFound'));
	const latest = revisions[0];
	return {
		consultation: publicConsultation(consultation),
		key: event.params.key,
		label: latest.label,
		heading: latest.heading,
		currentNumber: current?.number ?? null,
		revisions: revisions.map((r) => ({
			versionNumber: r.versionNumber,
			draft: r.versionStatus === 'draft',
			publishedAt: r.publishedAt,
			label: r.label,
			heading: r.heading,
			previousVersionNumber: r.previousVersionNumber,
			changed: r.changed,
			headingDiff: r.headingDiff?.some((p) => p.change !== 'same') ? r.headingDiff : null,
			bodyDiff: r.changed && r.bodyDiff?.some((p) => p.change !== 'same') ? r.bodyDiff : null,
			// The first revision has nothing to be compared with: its text is shown instead.
			html: r.previousVersionNumber === null ? renderMarkdown(r.body) : null,
			counts: r.counts
		}))
	};
};
