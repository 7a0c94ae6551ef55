import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn } from '$lib/server/auth/guards';
import { publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { getVersion } from '$lib/server/consultations/service';
import { whatWeHeard } from '$lib/server/versions/heard';
import { renderMarkdown } from '$lib/server/markdown';
import type { ResponseView } from '$lib/server/responses/service';
import { readerOf } from '$lib/server/privacy/visibility';
import { digestCommunities } from '$lib/server/digests/service';
import { currentTranslationsOfVersion, readerDiff, readerDiffView } from '$lib/server/versions/reader-diff';
import { diffMarkLabels } from '$lib/server/versions/rendered-diff';
import { readingLanguage } from '$lib/server/clauses/service';
import { textReader } from '$lib/server/translations/texts';
import { readText, withResponseTranslation } from '$lib/server/translations/reading';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	const version = getVersion(getDb(), consultation.id, Number(event.params.n));
	const permissions = permissionsIn(event, consultation);
	if (!version || (version.status !== 'published' && !permissions.committee)) {
		error(404, event.locals.t('errors.versionNotFound'));
	}
	// Responses to committee-only comments reach the committee and the comment's author only.
	const heard = whatWeHeard(getDb(), version, consultation.sourceLanguage, readerOf(event.locals.user, permissions));
	// The version note and the committee's answers in the reading language where translated.
	const language = readingLanguage(consultation, {
		requested: event.url.searchParams.get('lang'),
		userLanguages: event.locals.user?.languages,
		uiLocale: event.locals.locale
	});
	const read = textReader(getDb(), consultation.id, language);
	const source = consultation.sourceLanguage;
	const answer = <T extends ResponseView | null>(r: T, kind: 'response' | 'summary-response' = 'response') =>
		r ? withResponseTranslation(read, kind, r, source) : null;
	// What changed, in the reader's language where both wordings are translated (reader-diff.ts).
	const translated =
		heard && language !== source
			? { from: currentTranslationsOfVersion(getDb(), heard.previous.id, language), to: currentTranslationsOfVersion(getDb(), version.id, language) }
			: null;
	const labels = diffMarkLabels(event.locals.t, event.locals.locale, event.locals.dir);
	const diffOf = (change: NonNullable<typeof heard>['clauses'][number]['change']) => {
		if (change.status !== 'modified' || !change.from || !change.to) return null;
		const diff = readerDiff({
			sourceLanguage: source,
			language,
			from: change.from,
			to: change.to,
			fromTranslation: translated?.from.get(change.key) ?? null,
			toTranslation: translated?.to.get(change.key) ?? null
		});
		return { ...readerDiffView(diff, labels), headingDiff: diff.headingDiff.some((p) => p.change !== 'same') ? diff.headingDiff : null };
	};
	return {
		consultation: publicConsultation(consultation, event),
		version: publicVersion(version),
		language,
		note: version.note ? readText(read, { kind: 'version-note', subjectId: version.id, part: 0 }, version.note, source) : null,
		// What each community said on the previous wording, one digest each.
		digests: heard ? digestCommunities(getDb(), heard.previous.id) : [],
		heard: heard
			? {
					previousNumber: heard.previous.number,
					overview: heard.overview,
					share: heard.share,
					summaries: heard.summaries.map((s) => ({ ...s, response: answer(s.response, 'summary-response') })),
					clauses: heard.clauses.map((c) => ({
						...c,
						diff: diffOf(c.change),
						clauseResponse: answer(c.clauseResponse),
						commentResponses: c.commentResponses.map((r) => ({
							...r,
							response: answer(r.response)!,
							comment: { ...r.comment, html: renderMarkdown(r.comment.excerpt) }
						}))
					}))
				}
			: null
	};
};
