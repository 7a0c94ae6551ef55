import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { renderMarkdown } from '$lib/server/markdown';
import { compareVersions } from '$lib/server/versions/diff';
import { currentTranslationsOfVersion, readerDiff, readerDiffView } from '$lib/server/versions/reader-diff';
import { diffMarkLabels } from '$lib/server/versions/rendered-diff';
import { defaultComparison, visibleVersions } from '$lib/server/versions/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const t = event.locals.t;
	const { consultation, permissions, current, language } = consultationContext(event, event.params.slug);
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
		consultation: publicConsultation(consultation, event),
		versions: versions.map((v) => ({ number: v.number, status: v.status })),
		/** The reading language (consultationContext): the diffs are in it where both versions are translated. */
		language
	};
	if (!pair) return { ...base, comparison: null };
	if (pair.from === pair.to) error(400, t('errors.sameVersion'));

	const from = versions.find((v) => v.number === pair.from)!;
	const to = versions.find((v) => v.number === pair.to)!;
	const { entries, summary } = compareVersions(db, from.id, to.id, consultation.sourceLanguage);
	// The reader's language: each clause is compared in its translations when both versions have a
	// current one, else in the original (reader-diff.ts).
	const source = consultation.sourceLanguage;
	const translated = language === source ? null : { from: currentTranslationsOfVersion(db, from.id, language), to: currentTranslationsOfVersion(db, to.id, language) };
	const labels = diffMarkLabels(t, event.locals.locale, event.locals.dir);
	return {
		...base,
		comparison: {
			from: from.number,
			to: to.number,
			summary,
			entries: entries.map((e) => {
				const shownSide = (e.to ?? e.from)!;
				const shownTranslation = (e.to ? translated?.to : translated?.from)?.get(e.key) ?? null;
				const shown = shownTranslation ? { ...shownTranslation, language } : { ...shownSide, language: source };
				const diff =
					e.status === 'modified'
						? readerDiff({
								sourceLanguage: source,
								language,
								from: e.from!,
								to: e.to!,
								fromTranslation: translated?.from.get(e.key) ?? null,
								toTranslation: translated?.to.get(e.key) ?? null
							})
						: null;
				return {
					key: e.key,
					status: e.status,
					moved: e.moved,
					label: shownSide.label,
					previousLabel: e.from && e.to && e.from.label !== e.to.label ? e.from.label : null,
					heading: diff && !diff.translated ? e.to!.heading : shown.heading,
					/** The language of `heading` and of the text or diff shown. */
					textLanguage: diff ? diff.language : shown.language,
					fromPosition: e.from ? e.from.position + 1 : null,
					toPosition: e.to ? e.to.position + 1 : null,
					/** The version whose clause page shows this clause: `from` for a removed clause. */
					versionNumber: e.to ? to.number : from.number,
					headingDiff: diff && diff.headingDiff.some((p) => p.change !== 'same') ? diff.headingDiff : null,
					diff: diff ? readerDiffView(diff, labels) : null,
					// Modified clauses show the rendered word diff; the others their text.
					html: diff ? null : renderMarkdown(shown.body)
				};
			})
		}
	};
};
