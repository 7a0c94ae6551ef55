// Builds the demo consultation: the sample draft, its Spanish and Arabic translations, one user per
// role, and participants' stances and comments in several languages. Start-up and tests share it.
import draftMarkdown from './draft.en.md?raw';
import draftV2Markdown from './draft.v2.en.md?raw';
import version2 from './version2.json';
import feedback from './feedback.json';
import translationsAr from './translations.ar.json';
import translationsEs from './translations.es.json';
import { inArray, sql } from 'drizzle-orm';
import type { DB, Queryable } from '../db';
import { users as usersTable, type Affiliation, type Role, type StanceValue } from '../db/schema';
import { hashPassword } from '../auth/password';
import { createUser } from '../accounts/service';
import { createConsultation, setClosingDate } from '../consultations/service';
import { parseDraft } from '../drafts/parse';
import { importVersion } from '../drafts/service';
import { assignRole } from '../roles/service';
import { readClause, upsertTranslation } from '../clauses/service';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import { addDemoCrowd } from './crowd';
import { addDemoModeration } from './moderation';
import { addCommitteeOnlyFeedback } from './committee-only';
import { recordResponse } from '../responses/service';
import { recordSummaryResponse } from '../responses/summaries';
import { saveSummary, startSummary } from '../summaries/service';
import summaries from './summaries.json';
import { addDemoTextTranslations } from './texts';
import { addDemoFeedbackTranslations, addDemoQuoteTranslations } from './feedback-translations';
import { DEMO_PASSWORD, DEMO_SLUG } from './mode';
import type { ResponseStatus } from '../db/schema';

export { DEMO_PASSWORD, DEMO_SLUG } from './mode';
export const DEMO_LANGUAGES = ['en', 'es', 'fr', 'pt', 'ar', 'fa', 'hi', 'zh-Hans'];

export interface DemoStaffAccount {
	username: string;
	displayName: string;
	languages: string[];
	siteAdmin?: boolean;
	roles: { role: Role; language?: string }[];
	/** What to tell a new user this account is for (English: printed on the console). */
	purpose: string;
}

export const DEMO_STAFF: DemoStaffAccount[] = [
	{ username: 'admin', displayName: 'Ada Okafor', languages: ['en', 'fr'], siteAdmin: true, roles: [{ role: 'admin' }], purpose: 'site administrator: creates consultations, assigns roles' },
	{ username: 'committee', displayName: 'Kenji Watanabe', languages: ['en', 'es'], roles: [{ role: 'committee' }], purpose: 'drafting committee: imports and publishes versions' },
	{ username: 'moderator', displayName: 'Rosa Lindqvist', languages: ['en', 'pt'], roles: [{ role: 'moderator' }], purpose: 'moderator' },
	{ username: 'translator_es', displayName: 'Valeria Ortiz', languages: ['es', 'en'], roles: [{ role: 'translator', language: 'es' }], purpose: 'translator into Spanish' },
	{ username: 'translator_ar', displayName: 'Omar Farouk', languages: ['ar', 'en'], roles: [{ role: 'translator', language: 'ar' }], purpose: 'translator into Arabic' },
	{ username: 'liaison_ar', displayName: 'Layla Mansour', languages: ['ar', 'en'], roles: [{ role: 'liaison', language: 'ar' }], purpose: 'language liaison for Arabic' },
	{ username: 'liaison_es', displayName: 'Diego Paredes', languages: ['es', 'pt'], roles: [{ role: 'liaison', language: 'es' }], purpose: 'language liaison for Spanish' },
	{ username: 'liaison_fa', displayName: 'Navid Sadeghi', languages: ['fa', 'en'], roles: [{ role: 'liaison', language: 'fa' }], purpose: 'language liaison for Persian' },
	{ username: 'participant', displayName: 'Sam Rivera', languages: ['en'], roles: [], purpose: 'community member' }
];

interface FeedbackData {
	participants: { username: string; displayName: string; languages: string[]; affiliation: Affiliation | null }[];
	stances: { username: string; clause: string; stance: StanceValue; reason: string | null; language: string }[];
	comments: { id: string; username: string; clause: string; language: string; body: string; replyTo: string | null }[];
}

type TranslationFile = Record<string, { heading: string; body: string }>;

interface Version2Data {
	note: string;
	typoFixes: string[];
	translations: Record<string, TranslationFile>;
	responses: { clause?: string; comment?: string; status: ResponseStatus; actedIn: number | null; explanation: string }[];
	stances: FeedbackData['stances'];
	comments: Omit<FeedbackData['comments'][number], 'id' | 'replyTo'>[];
}

interface DemoSummary {
	language: string;
	author: string;
	publishedDay: number;
	content: {
		channels: { kind: string; description: string; participants: number; startDay: number; endDay: number | null }[];
		[field: string]: unknown;
	};
	laterEdit?: Partial<DemoSummary['content']>;
	/** The committee's answer, given once version 2 is out. */
	response?: { status: ResponseStatus; explanation: string; actedIn: number | null };
}

export interface DemoResult {
	consultationId: number;
	slug: string;
	/** Version 1, on which most of the feedback was given. */
	versionId: number;
	/** Version 2, the current one. */
	currentVersionId: number;
	users: Map<string, number>;
	password: string;
}

const HOUR = 60 * 60 * 1000;
/** When feedback on the demo consultation closes, counted from when the demo is built. */
export const DEMO_CLOSES_IN_DAYS = 21;

/** Loads the demo into an empty database, in one transaction: version 1 and its feedback, then (unless `versions: 1`) version 2. */
export async function buildDemo(db: DB, options: { now?: number; versions?: 1 | 2 } = {}): Promise<DemoResult> {
	const now = options.now ?? Date.now();
	// Hashing once keeps start-up and tests fast: every demo account shares the password.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const data = feedback as FeedbackData;
	const started = now - 14 * 24 * HOUR;

	return db.transaction((tx) => {
		const users = new Map<string, number>();
		for (const staff of DEMO_STAFF) {
			const user = createUser(tx, {
				username: staff.username,
				displayName: staff.displayName,
				languages: staff.languages,
				affiliation: staff.siteAdmin ? 'staff' : 'volunteer',
				passwordHash,
				isSiteAdmin: staff.siteAdmin ?? false,
				createdAt: started
			});
			users.set(staff.username, user.id);
		}
		for (const p of data.participants) {
			const user = createUser(tx, { ...p, passwordHash, createdAt: started });
			users.set(p.username, user.id);
		}

		const consultation = createConsultation(
			tx,
			{
				slug: DEMO_SLUG,
				title: 'Open Commons community code of conduct',
				description:
					'The drafting committee invites everyone in the Open Commons community to read the draft code of conduct clause by clause, say whether they support each clause, and explain why, in their own language.\n\nLanguage liaisons will bring in feedback from chat groups, calls and surveys. The committee will answer the feedback and publish a revised version.',
				sourceLanguage: 'en',
				languages: DEMO_LANGUAGES
			},
			users.get('admin')!
		);
		// Feedback on the demo stays open for three more weeks: the pages show the date and "closes in 21 days".
		setClosingDate(tx, consultation.id, now + DEMO_CLOSES_IN_DAYS * 24 * HOUR);
		for (const staff of DEMO_STAFF) {
			for (const r of staff.roles) {
				assignRole(tx, {
					consultationId: consultation.id,
					userId: users.get(staff.username)!,
					role: r.role,
					language: r.language,
					grantedBy: users.get('admin')!,
					now: started
				});
			}
		}

		const parsed = parseDraft(draftMarkdown, 2);
		if (parsed.errors.length) throw new Error(`demo draft does not parse: ${JSON.stringify(parsed.errors)}`);
		const version = importVersion(tx, {
			consultationId: consultation.id,
			clauses: parsed.clauses,
			note: 'First public draft, for comment by every language community.',
			publish: true,
			createdBy: users.get('committee')!,
			now: started
		});

		const revisionOf = new Map<string, number>();
		for (const clause of parsed.clauses) {
			const reading = readClause(tx, version.id, clause.key, 'en', 'en');
			revisionOf.set(clause.key, reading!.revisionId);
		}
		const translations: [string, TranslationFile, string][] = [
			['es', translationsEs, 'translator_es'],
			['ar', translationsAr, 'translator_ar']
		];
		for (const [language, file, translator] of translations) {
			for (const [key, text] of Object.entries(file)) {
				upsertTranslation(tx, {
					revisionId: revisionOf.get(key)!,
					language,
					heading: text.heading,
					body: text.body,
					translatorId: users.get(translator)!,
					now: started + HOUR
				});
			}
		}

		let t = started + 2 * HOUR;
		for (const s of data.stances) {
			t += 3 * HOUR;
			setStance(tx, {
				revisionId: revisionOf.get(s.clause)!,
				userId: users.get(s.username)!,
				stance: s.stance,
				reason: s.reason,
				language: s.language,
				now: t
			});
		}
		const commentIds = new Map<string, number>();
		t = started + 4 * HOUR;
		for (const c of data.comments) {
			t += 5 * HOUR;
			const comment = addComment(tx, {
				revisionId: revisionOf.get(c.clause)!,
				authorId: users.get(c.username)!,
				language: c.language,
				body: c.body,
				parentId: c.replyTo ? commentIds.get(c.replyTo)! : null,
				now: t
			});
			commentIds.set(c.id, comment.id);
		}
		// A few comments and reasons translated by bilingual participants; the rest wait (demo/feedback-translations.ts).
		const languagesOf = (username: string) =>
			DEMO_STAFF.find((s) => s.username === username)?.languages ?? data.participants.find((p) => p.username === username)?.languages ?? [];
		addDemoFeedbackTranslations(tx, { consultationLanguages: DEMO_LANGUAGES, users, commentIds, revisionOf, languagesOf, now: t + HOUR });
		// Enough people per language community for the cross-community measures (see crowd.ts).
		addDemoCrowd(tx, { passwordHash, createdAt: started, revisionOf, users, from: started + 3 * 24 * HOUR });
		// Every account made here shares a password printed in the README: marked, they work in demo mode only.
		tx.update(usersTable).set({ isDemo: true }).where(inArray(usersTable.id, [...users.values()])).run();

		if ((options.versions ?? 2) === 1) {
			return { consultationId: consultation.id, slug: DEMO_SLUG, versionId: version.id, currentVersionId: version.id, users, password: DEMO_PASSWORD };
		}
		// Version 2: the committee's answer to the first round, published two days ago.
		const v2Data = version2 as Version2Data;
		const v2Parsed = parseDraft(draftV2Markdown, 2);
		if (v2Parsed.errors.length) throw new Error(`demo draft v2 does not parse: ${JSON.stringify(v2Parsed.errors)}`);
		const v2Time = now - 2 * 24 * HOUR;
		const v2 = importVersion(tx, {
			consultationId: consultation.id,
			clauses: v2Parsed.clauses.map((c) => ({ ...c, affectsTranslations: !v2Data.typoFixes.includes(c.key) })),
			note: v2Data.note,
			publish: true,
			createdBy: users.get('committee')!,
			now: v2Time
		});
		const revisionV2 = (key: string) => readClause(tx, v2.id, key, 'en', 'en')!.revisionId;
		for (const [language, file] of Object.entries(v2Data.translations)) {
			for (const [key, text] of Object.entries(file)) {
				upsertTranslation(tx, {
					revisionId: revisionV2(key),
					language,
					heading: text.heading,
					body: text.body,
					translatorId: users.get(`translator_${language}`)!,
					now: v2Time + HOUR
				});
			}
		}
		for (const r of v2Data.responses) {
			const comment = r.comment ? data.comments.find((c) => c.id === r.comment)! : null;
			recordResponse(tx, {
				consultationId: consultation.id,
				revisionId: revisionOf.get(comment ? comment.clause : r.clause!)!,
				commentId: comment ? commentIds.get(comment.id)! : null,
				status: r.status,
				explanation: r.explanation,
				actedInVersion: r.actedIn,
				authorId: users.get('committee')!,
				now: v2Time
			});
		}
		t = v2Time + 2 * HOUR;
		for (const s of v2Data.stances) {
			t += HOUR;
			setStance(tx, { revisionId: revisionV2(s.clause), userId: users.get(s.username)!, stance: s.stance, reason: s.reason, language: s.language, now: t });
		}
		for (const c of v2Data.comments) {
			t += HOUR;
			addComment(tx, { revisionId: revisionV2(c.clause), authorId: users.get(c.username)!, language: c.language, body: c.body, now: t });
		}
		// Reports, a hidden, an edited and a deleted comment on the current version (demo/moderation.ts).
		addDemoModeration(tx, { consultationId: consultation.id, revisionId: revisionV2('respect'), users, from: t });
		// Feedback only the drafting committee (and each author) can read, on the current version.
		addCommitteeOnlyFeedback(tx, { revisionOf: revisionV2, users, from: t });

		// Liaison summaries of version 1 (channel dates are days after its publication); one is edited after publishing.
		const day = (d: number | null) => (d === null ? null : new Date(started + d * 24 * HOUR).toISOString().slice(0, 10));
		for (const s of summaries.summaries as DemoSummary[]) {
			const content = (c: DemoSummary['content']) => ({
				...c,
				channels: c.channels.map(({ startDay, endDay, ...ch }) => ({ ...ch, startedOn: day(startDay), endedOn: day(endDay) }))
			});
			const at = started + s.publishedDay * 24 * HOUR;
			const authorId = users.get(s.author)!;
			const { summary } = startSummary(tx, { consultation, versionNumber: version.number, language: s.language, authorId, now: at });
			saveSummary(tx, { summaryId: summary.id, content: content(s.content), editorId: authorId, publish: true, now: at });
			if (s.laterEdit) saveSummary(tx, { summaryId: summary.id, content: content({ ...s.content, ...s.laterEdit }), editorId: authorId, now: at + 24 * HOUR });
			if (s.response) {
				recordSummaryResponse(tx, {
					summaryId: summary.id,
					consultationId: consultation.id,
					status: s.response.status,
					explanation: s.response.explanation,
					actedInVersion: s.response.actedIn,
					authorId: users.get('committee')!,
					now: v2Time
				});
			}
		}

		// Two quotes translated by bilingual participants (demo/feedback-translations.ts).
		addDemoQuoteTranslations(tx, { consultationId: consultation.id, consultationLanguages: DEMO_LANGUAGES, users, languagesOf, now: v2Time + 2 * HOUR });

		// The title, description, notes, some answers and key points in Arabic, Spanish and Persian (demo/texts.json).
		addDemoTextTranslations(tx, { consultationId: consultation.id, users, now: v2Time + 3 * HOUR });

		return {
			consultationId: consultation.id,
			slug: DEMO_SLUG,
			versionId: version.id,
			currentVersionId: v2.id,
			users,
			password: DEMO_PASSWORD
		};
	});
}

/** True when the database holds no users and no consultations yet. */
export function isEmptyDatabase(db: Queryable): boolean {
	const row = db.get<{ n: number }>(
		sql`select (select count(*) from users) + (select count(*) from consultations) as n`
	);
	return row.n === 0;
}
