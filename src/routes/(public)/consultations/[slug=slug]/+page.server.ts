import { getDb } from '$lib/server/db';
import { consultationContext, publicConsultation, publicVersion } from '$lib/server/auth/reading';
import { listVersionClauses, translatedLanguages } from '$lib/server/clauses/service';
import { pendingDraft } from '$lib/server/drafts/service';
import { translationProgress } from '$lib/server/translations/service';
import { listSummaries } from '$lib/server/summaries/service';
import { canModerate } from '$lib/server/moderation/service';
import { closingInfo } from '$lib/server/consultations/closing';
import { previousFeedbackByClause, type PreviousFeedback } from '$lib/server/consultations/continuity';
import { digestCommunities } from '$lib/server/digests/service';
import { previousPublished } from '$lib/server/versions/heard';
import { textReader } from '$lib/server/translations/texts';
import { readText } from '$lib/server/translations/reading';
import { interfaceLanguages, versionParticipation } from '$lib/server/consultations/languages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { consultation, permissions, version, current, language } = consultationContext(event, event.params.slug);
	// The list shows headings only: the bodies stay on the server.
	const clauses = version
		? listVersionClauses(db, version.id, consultation.sourceLanguage, language).map(({ body: _body, ...rest }) => rest)
		: [];
	const draft = permissions.committee ? pendingDraft(db, consultation.id) : undefined;
	// A version just published has little feedback yet: each clause shows its previous wording's beside it.
	const previous = version ? previousFeedbackByClause(db, version) : new Map<string, PreviousFeedback>();
	// The title, description and version note in the reading language where translated (translations/texts.ts).
	const read = textReader(db, consultation.id, language);
	const source = consultation.sourceLanguage;
	return {
		consultation: publicConsultation(consultation, event),
		texts: {
			title: readText(read, { kind: 'consultation-title', subjectId: consultation.id, part: 0 }, consultation.title, source),
			description: readText(read, { kind: 'consultation-description', subjectId: consultation.id, part: 0 }, consultation.description, source),
			note: version?.note ? readText(read, { kind: 'version-note', subjectId: version.id, part: 0 }, version.note, source) : null
		},
		version: version ? publicVersion(version) : null,
		isCurrent: version !== null && version.id === current?.id,
		currentNumber: current?.number ?? null,
		language,
		readingLanguages: version
			? [consultation.sourceLanguage, ...translatedLanguages(db, version.id).filter((l) => l !== consultation.sourceLanguage)]
			: [consultation.sourceLanguage],
		clauses: clauses.map((c) => ({ ...c, previous: previous.get(c.key) ?? null })),
		closing: closingInfo(consultation),
		translationProgress: version
			? translationProgress(db, version.id, consultation.languages.filter((l) => l !== consultation.sourceLanguage))
			: [],
		// Three distinct facts: the site's languages, the translations (above), the people taking part.
		interfaceLanguages: interfaceLanguages(),
		participation: version ? versionParticipation(db, version.id) : null,
		canTranslate: permissions.committee || permissions.translatorFor.length > 0,
		committee: permissions.committee,
		admin: permissions.admin,
		moderates: canModerate(permissions),
		pendingDraft: draft ? { number: draft.number } : null,
		// One link per community with feedback, to its digest: this version's and the previous one's.
		digests: version?.status === 'published' ? [version, previousPublished(db, version)].flatMap((v) => (v ? [{ version: v.number, communities: digestCommunities(db, v.id) }] : [])) : [],
		liaisonSummaries: version ? listSummaries(db, consultation.id, { versionId: version.id, publishedOnly: true }) : [],
		canWriteSummaries: permissions.committee || permissions.liaisonFor.length > 0
	};
};
