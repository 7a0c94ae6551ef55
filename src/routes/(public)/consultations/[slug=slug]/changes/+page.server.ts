import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/consultations/reading';
import { renderMarkdown } from '$lib/server/markdown';
import { compareVersions } from '$lib/server/versions/diff';
import { defaultComparison, visibleVersions } from '$lib/server/versions/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const t = event.locals.t;
	const { consultation, permissions, current } = consultationContext(event, event.params.slug);
	// Unpublished versions exist only for the committee: for anyone else they are unknown numbers.
	const versions = visibleVersions(db, consultation.id, permissions.committee);
	const chosen = (name: 'from' | 'to'): number | null => {
		const raw = event.url.searchParams.get(name);
		if (raw === null || raw === '') return null;
		const n = Number(raw);
		if (!versions.some((v) => v.number === n)) error(404, t('errors.versionNotFound'));
		return n;
	};
	const requested = { from: chosen('from'), to: chosen('to') };
	const pair = defaultComparison(
		versions.map((v) => v.number),
		current?.number ?? null,
		requested
	);
	const base = {
		consultation: publicConsultation(consultation),
		versions: versions.map((v) => ({ number: v.number, status: v.status }))
	};
	if (!pair) return { ...base, comparison: null };
	if (pair.from === pair.to) error(400, t('errors.sameVersion'));

	const from = versions.find((v) => v.number === pair.from)!;
	const to = versions.find((v) => v.number === pair.to)!;
	const { entries, summary } = compareVersions(db, from.id, to.id, consultation.sourceLanguage);
	return {
		...base,
		comparison: {
			from: from.number,
			to: to.number,
			summary,
			entries: entries.map((e) => {
				const shown = (e.to ?? e.from)!;
				return {
					key: e.key,
					status: e.status,
					moved: e.moved,
					label: shown.label,
					previousLabel: e.from && e.to && e.from.label !== e.to.label ? e.from.label : null,
					heading: shown.heading,
					fromPosition: e.from ? e.from.position + 1 : null,
					toPosition: e.to ? e.to.position + 1 : null,
					/** The version whose clause page shows this clause: `from` for a removed clause. */
					versionNumber: e.to ? to.number : from.number,
					headingDiff: e.headingDiff ?? null,
					bodyDiff: e.bodyDiff ?? null,
					// Modified clauses show the word diff of their Markdown source; the others their text.
					html: e.bodyDiff ? null : renderMarkdown(shown.body)
				};
			})
		}
	};
};
