import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation } from '$lib/server/auth/reading';
import { renderMarkdown } from '$lib/server/markdown';
import { clauseHistory, findClauseId } from '$lib/server/versions/diff';
import { currentTranslationsOfRevisions, readerDiff, readerDiffView, type ClauseText } from '$lib/server/versions/reader-diff';
import { diffMarkLabels } from '$lib/server/versions/rendered-diff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { consultation, permissions, current, language } = consultationContext(event, event.params.slug);
	const clauseId = findClauseId(db, consultation.id, event.params.key);
	// Drafts only for the committee: a clause that exists only in an unpublished draft is not there.
	const revisions = clauseId ? clauseHistory(db, clauseId, { includeDrafts: permissions.committee }) : [];
	if (revisions.length === 0) error(404, event.locals.t('errors.clauseNotFound'));
	const source = consultation.sourceLanguage;
	// The history in the reader's language: each version's current translation, and the diff between
	// two translations wherever both versions of a pair have one (reader-diff.ts).
	const translations = language === source ? new Map<number, ClauseText>() : currentTranslationsOfRevisions(db, revisions.map((r) => r.revisionId), language);
	const labels = diffMarkLabels(event.locals.t, event.locals.locale, event.locals.dir);
	const latest = revisions[0];
	const latestTranslation = translations.get(latest.revisionId);
	return {
		consultation: publicConsultation(consultation, event),
		key: event.params.key,
		language,
		label: latest.label,
		heading: latestTranslation?.heading ?? latest.heading,
		headingLanguage: latestTranslation ? language : source,
		currentNumber: current?.number ?? null,
		revisions: revisions.map((r, i) => {
			const previous = revisions[i + 1] ?? null;
			const translation = translations.get(r.revisionId) ?? null;
			const diff =
				previous && r.changed
					? readerDiff({
							sourceLanguage: source,
							language,
							from: previous,
							to: r,
							fromTranslation: translations.get(previous.revisionId) ?? null,
							toTranslation: translation
						})
					: null;
			const headingDiff = diff?.headingDiff.some((p) => p.change !== 'same') ? diff.headingDiff : null;
			return {
				versionNumber: r.versionNumber,
				draft: r.versionStatus === 'draft',
				publishedAt: r.publishedAt,
				label: r.label,
				heading: diff && !diff.translated ? r.heading : (translation?.heading ?? r.heading),
				textLanguage: diff ? diff.language : translation ? language : source,
				previousVersionNumber: r.previousVersionNumber,
				changed: r.changed,
				headingDiff,
				diff: diff ? readerDiffView(diff, labels) : null,
				// The first revision has nothing to be compared with: its text is shown instead.
				html: r.previousVersionNumber === null ? renderMarkdown(translation?.body ?? r.body) : null,
				// When the original is compared, the translation of this version is still offered on its own.
				translationHtml: diff?.untranslated && translation ? renderMarkdown(translation.body) : null,
				counts: r.counts
			};
		})
	};
};
