// The authorisation matrix: every page (and its `__data.json`), endpoint, export and form action of
// src/routes, asked by every kind of person — a visitor, a participant, a liaison for another
// language and for this one, translators, a moderator, the committee, a consultation's administrator
// and a site administrator — against the built server with the demo and fixtures made over HTTP.
// Each answer must be the one the table says (allowed, a log-in redirect, 403, or 404 where the
// product hides that something exists); a refused form action must leave the database as it was;
// and no answer to anyone outside a marker's readers may contain it (committee-only comments,
// reasons, replies, responses and reports, a hidden comment and its author, a liaison's unpublished
// summary, an unpublished draft version, a session id, a password hash). Machine translation goes
// to a stand-in that quotes the text, so a translation that escapes shows as a marker too. The route
// tree is read from the source: a page, endpoint or action the table does not cover fails the first
// test. Figures (routes, actions, requests, marker checks) are printed at the end.
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import { readRouteTree } from '../support/route-tree';
import { startStandInLibreTranslate, type StandInLibreTranslate } from '../support/libretranslate';

// ── Who asks ────────────────────────────────────────────────────────────────────────────────────

const ROLES = [
	'anonymous',
	'participant',
	'liaison_es', // a liaison, for another language than the Arabic items below
	'liaison_ar',
	'translator_ar',
	'translator_es',
	'moderator',
	'committee',
	'cadmin', // an administrator of the demo consultation only (signed up, given the role by `admin`)
	'admin' // a site administrator
] as const;
type Role = (typeof ROLES)[number];

const ANON = ['anonymous'] as const;
const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');
const COMMITTEE = ['committee', 'cadmin', 'admin'] as const;
const MODERATORS = ['moderator', ...COMMITTEE] as const;
const ADMINS = ['cadmin', 'admin'] as const;

/**
 * Role holders of the demo consultation who took part in it, for the suspension rows: each can be
 * suspended only by someone whose role there is higher. `mx_lifted` is suspended in the fixtures.
 */
const SUSPENDABLE = ['mx_committee', 'mx_moderator', 'mx_cadmin2', 'mx_lifted'] as const;
const SUSPENDABLE_ROLES: Record<(typeof SUSPENDABLE)[number], 'committee' | 'moderator' | 'admin'> = {
	mx_committee: 'committee',
	mx_moderator: 'moderator',
	mx_cadmin2: 'admin',
	mx_lifted: 'committee'
};

const DEMO_PASSWORD = 'polyphony-demo';
const PASSWORD = 'matrix correct horse';
const USERNAMES: Record<Role, string> = {
	anonymous: '',
	participant: 'participant',
	liaison_es: 'liaison_es',
	liaison_ar: 'liaison_ar',
	translator_ar: 'translator_ar',
	translator_es: 'translator_es',
	moderator: 'moderator',
	committee: 'committee',
	cadmin: 'mx_cadmin',
	admin: 'admin'
};

// ── What they must not read ─────────────────────────────────────────────────────────────────────

const RUN = Date.now().toString(36);
const M = {
	coComment: `mxcocomment${RUN}`,
	coReason: `mxcoreason${RUN}`,
	coReply: `mxcoreply${RUN}`,
	coResponse: `mxcoresponse${RUN}`,
	coReport: `mxcoreport${RUN}`,
	authorName: `Mxauthorname${RUN}`,
	hidden: `mxhidden${RUN}`,
	hiddenAuthor: `Mxhiddenname${RUN}`,
	summary: `mxsummary${RUN}`,
	draft: `mxdraftclause${RUN}`,
	draftNote: `mxdraftnote${RUN}`
};

interface Marker {
	name: string;
	text: string;
	/** Who may read it (besides its author, who is not one of the roles). */
	readers: readonly Role[];
}

const MARKERS: Marker[] = [
	{ name: 'committee-only comment', text: M.coComment, readers: COMMITTEE },
	{ name: 'committee-only reason', text: M.coReason, readers: COMMITTEE },
	{ name: 'committee reply in a committee-only thread', text: M.coReply, readers: COMMITTEE },
	{ name: 'committee response to a committee-only comment', text: M.coResponse, readers: COMMITTEE },
	{ name: 'report on a committee-only comment', text: M.coReport, readers: COMMITTEE },
	{ name: 'author of committee-only feedback', text: M.authorName, readers: COMMITTEE },
	{ name: 'hidden comment', text: M.hidden, readers: MODERATORS },
	{ name: 'author of a hidden comment', text: M.hiddenAuthor, readers: MODERATORS },
	{ name: 'unpublished liaison summary', text: M.summary, readers: ['liaison_ar', ...COMMITTEE] },
	{ name: 'unpublished draft clause', text: M.draft, readers: COMMITTEE },
	{ name: 'unpublished draft note', text: M.draftNote, readers: COMMITTEE },
	// The demo's own (src/lib/server/demo/committee-only.json, moderation.ts): `participant` wrote the first.
	{ name: 'demo: committee-only comment', text: 'kept messaging me privately after I asked them to stop', readers: [...COMMITTEE, 'participant'] },
	{ name: 'demo: committee reply', text: 'We are adding a way to report directly to the committee', readers: [...COMMITTEE, 'participant'] },
	{ name: 'demo: committee-only reason', text: 'el canal de denuncias actual lo leen personas cercanas', readers: COMMITTEE },
	{ name: 'demo: hidden comment', text: 'Dejad de hacernos perder el tiempo', readers: MODERATORS }
];

// ── Expectations ────────────────────────────────────────────────────────────────────────────────

/** A status, a log-in redirect (303 to /login?redirectTo=…), or a 303 to somewhere else. */
type Outcome = number | 'login' | { to: string };
type Expect = Record<Role, Outcome>;

function rule(base: Outcome, ...overrides: [readonly Role[], Outcome][]): Expect {
	const e = Object.fromEntries(ROLES.map((r) => [r, base])) as Expect;
	for (const [roles, outcome] of overrides) for (const r of roles) e[r] = outcome;
	return e;
}
const everyone = (o: Outcome = 200) => rule(o);
const signedIn = (o: Outcome = 200) => rule(o, [ANON, 'login']);
/** Allowed for `roles`; a visitor is sent to log in, anyone else refused with `refused`. */
const only = (roles: readonly Role[], ok: Outcome = 200, refused: Outcome = 403) => rule(refused, [ANON, 'login'], [roles, ok]);
/** For `roles`; to everyone else it does not exist. */
const shownTo = (roles: readonly Role[]) => rule(404, [roles, 200]);

type Form = Record<string, string | string[]>;

interface Get {
	path: string;
	expect: Expect;
	method?: 'GET' | 'HEAD';
	/** Further checks of an allowed answer; a message when wrong. */
	check?: (role: Role, body: string) => string | null;
}

interface Post {
	path: string;
	/** Who may do it; everyone else sends `form` and must be refused with nothing stored. */
	allowed: readonly Role[];
	expect: Expect;
	/** A valid request: what a refused role tries. */
	form: Form;
	/** What allowed roles send, when doing it for real would undo a fixture (an invalid request, answered 400). */
	allowedForm?: Form;
	/** Runs in the last test, in this order: it removes fixtures (the draft, the sessions). */
	last?: number;
}

interface Fixtures {
	revision: number;
	label: string;
	heading: string;
	coComment: number;
	/** A public reason and a committee-only one on the clause (stance ids). */
	pReason: number;
	coReason: number;
	hidden: number;
	p1: number;
	p2: number;
	reported: number;
	draftSummary: number;
	publishedSummary: number;
	translatorEsRole: number;
	suspension: number;
	suspendedUser: number;
	/** Ids of SUSPENDABLE's accounts, and the suspension of `mx_lifted` (a committee member) by the consultation's administrator. */
	staff: Record<(typeof SUSPENDABLE)[number], number>;
	liftedSuspension: number;
	/** The demo moderator's id, and a demo participant who took part. */
	moderatorId: number;
	participantId: number;
	committeeSession: string;
	/** A comment in the other consultation. */
	bComment: number;
	/** A public Spanish comment on version 1: something the Spanish digest quotes, for the liaison's pull. */
	esComment: number;
	adminId: number;
	/** The demo consultation's id: its title is a text translators translate. */
	consultationId: number;
}

const SLUG = 'code-of-conduct';
const C = `/consultations/${SLUG}`;
const B = '/consultations/matrix-b';
const CLAUSE = `${C}/clauses/harassment`;
const API = `/api/v1/consultations/${SLUG}`;
const FORMATS = ['csv', 'json', 'xlsx', 'markdown', 'wikitext'];
const SMALL_DOC = '# Matrix\n\n## 1 Purpose {#purpose}\n\nWhy this exists.\n\n## 2 Respect {#respect}\n\nTreat everyone with respect.\n';
const newConsultation = (slug: string): Form => ({
	slug,
	title: `Consultation ${slug}`,
	description: '',
	sourceLanguage: 'en',
	languages: ['en', 'ar'],
	document: SMALL_DOC,
	headingLevel: '2',
	note: ''
});
const summaryForm = (): Form => ({ narrative: `Draft notes ${M.summary}`, narrativeLanguage: 'ar' });
const tooLongNote = 'x'.repeat(2_001);

/** The profile download is the asker's own (the markers check that it holds no one else's words). */
function ownDataOnly(role: Role, body: string): string | null {
	const data = JSON.parse(body) as { profile?: { username?: string } };
	return data.profile?.username === USERNAMES[role] ? null : `profile/data.json for ${role} is ${data.profile?.username}'s`;
}

/** The committee's export lists committee-only feedback (the public one is checked by the markers). */
function committeeExport(role: Role, body: string): string | null {
	if (!(COMMITTEE as readonly Role[]).includes(role)) return null;
	return body.includes(M.coComment) && body.includes(M.coReason) ? null : `the committee's export (${role}) lacks committee-only feedback`;
}

/** A digest download is a file, and says how many committee-only items there were (their words: the markers). */
function digestDownload(role: Role, body: string): string | null {
	return body.includes('Items only the drafting committee can read') ? null : `a digest download (${role}) lacks the committee-only count`;
}

/** Every route id → its samples: pages and endpoints (GET/HEAD), and `route action` → form posts. */
function matrix(f: Fixtures): { pages: Record<string, Get[]>; endpoints: Record<string, Get[]>; actions: Record<string, Post[]> } {
	const draftSummary = `${C}/summaries/${f.draftSummary}`;
	const publishedSummary = `${C}/summaries/${f.publishedSummary}`;
	const pages: Record<string, Get[]> = {
		'/(admin)/audit': [
			{ path: '/audit', expect: only(['admin']) },
			{ path: '/audit?action=comment.hide', expect: only(['admin']) }
		],
		'/(admin)/consultations/[slug=slug]/audit': [
			{ path: `${C}/audit`, expect: only(ADMINS) },
			{ path: `${B}/audit`, expect: only(['admin']) }
		],
		'/(admin)/consultations/[slug=slug]/settings': [
			{ path: `${C}/settings`, expect: only(ADMINS) },
			{ path: `${B}/settings`, expect: only(['admin']) }
		],
		'/(admin)/consultations/[slug=slug]/roles': [
			{ path: `${C}/roles`, expect: only(ADMINS) },
			{ path: `${B}/roles`, expect: only(['admin']) }
		],
		'/(admin)/consultations/new': [{ path: '/consultations/new', expect: only(['admin']) }],
		'/(auth)/account-deleted': [{ path: '/account-deleted?comments=keep', expect: everyone() }],
		'/(auth)/login': [{ path: '/login', expect: rule({ to: '/' }, [ANON, 200]) }],
		'/(auth)/logout': [{ path: '/logout', expect: rule(200, [ANON, { to: '/' }]) }],
		'/(auth)/signup': [{ path: '/signup', expect: rule({ to: '/' }, [ANON, 200]) }],
		'/(committee)/consultations/[slug=slug]/dashboard': [
			{ path: `${C}/dashboard`, expect: only(COMMITTEE) },
			{ path: `${C}/dashboard?version=3`, expect: only(COMMITTEE) },
			{ path: `${B}/dashboard`, expect: only(['admin']) }
		],
		// The committee's inbox holds committee-only feedback: the dashboard's rule, for the page and its data.
		'/(committee)/consultations/[slug=slug]/inbox': [
			{ path: `${C}/inbox`, expect: only(COMMITTEE) },
			{ path: `${C}/inbox?lang=en&page=2`, expect: only(COMMITTEE) },
			{ path: `${B}/inbox`, expect: only(['admin']) }
		],
		'/(committee)/consultations/[slug=slug]/draft': [
			{ path: `${C}/draft`, expect: only(COMMITTEE) },
			{ path: `${B}/draft`, expect: only(['admin']) }
		],
		'/(committee)/consultations/[slug=slug]/import': [
			{ path: `${C}/import`, expect: only(COMMITTEE) },
			{ path: `${B}/import`, expect: only(['admin']) }
		],
		'/(liaison)/consultations/[slug=slug]/summaries': [
			{ path: `${C}/summaries`, expect: only(['liaison_es', 'liaison_ar', ...COMMITTEE]) },
			{ path: `${B}/summaries`, expect: only(['admin']) }
		],
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit': [
			// An unpublished summary is not there for anyone who may not write it: 404, as for a missing one.
			{ path: `${draftSummary}/edit`, expect: only(['liaison_ar', ...COMMITTEE], 200, 404) },
			{ path: `${publishedSummary}/edit`, expect: only(['liaison_es', ...COMMITTEE]) },
			{ path: `${C}/summaries/999999/edit`, expect: signedIn(404) },
			// Another consultation's address for this summary: not found there, for anyone.
			{ path: `${B}/summaries/${f.draftSummary}/edit`, expect: signedIn(404) }
		],
		'/(moderator)/consultations/[slug=slug]/moderation': [
			{ path: `${C}/moderation`, expect: only(MODERATORS) },
			{ path: `${C}/moderation?view=hidden`, expect: only(MODERATORS) },
			{ path: `${B}/moderation`, expect: only(['admin']) }
		],
		'/(participant)/account/security': [{ path: '/account/security', expect: signedIn() }],
		'/(participant)/profile': [{ path: '/profile', expect: signedIn() }],
		'/(participant)/profile/data': [{ path: '/profile/data', expect: signedIn() }],
		'/(participant)/profile/delete': [{ path: '/profile/delete', expect: signedIn() }],
		'/(public)': [{ path: '/', expect: everyone() }],
		'/(public)/consultations/[slug=slug]': [
			{ path: C, expect: everyone() },
			{ path: `${C}?version=1`, expect: everyone() },
			{ path: `${C}?version=3`, expect: shownTo(COMMITTEE) },
			{ path: `${C}?lang=ar`, expect: everyone() },
			{ path: B, expect: everyone() },
			{ path: '/consultations/no-such-consultation', expect: everyone(404) }
		],
		'/(public)/consultations/[slug=slug]/changes': [
			{ path: `${C}/changes`, expect: everyone() },
			{ path: `${C}/changes?from=2&to=3`, expect: shownTo(COMMITTEE) }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key]': [
			{ path: CLAUSE, expect: everyone() },
			{ path: `${CLAUSE}?order=oldest`, expect: everyone() },
			{ path: `${CLAUSE}?clang=en`, expect: everyone() },
			{ path: `${CLAUSE}?page=2&rpage=2`, expect: everyone() },
			{ path: `${CLAUSE}?lang=ar`, expect: everyone() },
			{ path: `${CLAUSE}?version=1`, expect: everyone() },
			{ path: `${CLAUSE}?version=3`, expect: shownTo(COMMITTEE) },
			{ path: `${C}/clauses/draft-only?version=3`, expect: shownTo(COMMITTEE) },
			{ path: `${C}/clauses/draft-only`, expect: everyone(404) },
			{ path: `${C}/clauses/respect`, expect: everyone() },
			{ path: `${C}/clauses/respect?clang=es`, expect: everyone() },
			{ path: `${C}/clauses/reporting`, expect: everyone() },
			{ path: `${B}/clauses/purpose`, expect: everyone() }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key]/history': [
			{ path: `${CLAUSE}/history`, expect: everyone() },
			{ path: `${C}/clauses/draft-only/history`, expect: shownTo(COMMITTEE) },
			{ path: `${C}/clauses/respect/history`, expect: everyone() }
		],
		'/(public)/consultations/[slug=slug]/export': [
			{ path: `${C}/export`, expect: everyone() },
			{ path: `${C}/export?version=all`, expect: everyone() },
			// A draft is an unknown version to the public: the page says so (a form error), the committee counts it.
			{ path: `${C}/export?version=3`, expect: everyone() }
		],
		'/(public)/consultations/[slug=slug]/results': [
			{ path: `${C}/results`, expect: everyone() },
			{ path: `${C}/results?version=1`, expect: everyone() },
			{ path: `${C}/results?version=3`, expect: everyone(404) }
		],
		'/(public)/consultations/[slug=slug]/summaries/[id=int]': [
			{ path: publishedSummary, expect: everyone() },
			{ path: draftSummary, expect: shownTo(['liaison_ar', ...COMMITTEE]) },
			{ path: `${B}/summaries/${f.publishedSummary}`, expect: everyone(404) }
		],
		'/(public)/consultations/[slug=slug]/versions/[n=int]/heard': [
			{ path: `${C}/versions/2/heard`, expect: everyone() },
			{ path: `${C}/versions/3/heard`, expect: shownTo(COMMITTEE) }
		],
		// Public, the committee's view included: committee-only words never, their number only (the demo's
		// and the matrix's committee-only feedback is on version 2, in English, Spanish, Arabic and Portuguese).
		'/(public)/consultations/[slug=slug]/versions/[n=int]/communities/[lang=lang]': [
			...['en', 'es', 'ar', 'pt'].map((lang) => ({ path: `${C}/versions/2/communities/${lang}`, expect: everyone() })),
			{ path: `${C}/versions/1/communities/fa`, expect: everyone() },
			// A draft version has no digest, for anyone; nor a language the consultation does not run in.
			{ path: `${C}/versions/3/communities/en`, expect: everyone(404) },
			{ path: `${C}/versions/2/communities/xx`, expect: everyone(404) }
		],
		'/(translator)/consultations/[slug=slug]/translate': [
			{ path: `${C}/translate`, expect: only(['translator_ar', 'translator_es', ...COMMITTEE]) },
			{ path: `${B}/translate`, expect: only(['admin']) }
		],
		'/(translator)/consultations/[slug=slug]/translate/[lang]': [
			{ path: `${C}/translate/ar`, expect: only(['translator_ar', ...COMMITTEE]) },
			{ path: `${C}/translate/es`, expect: only(['translator_es', ...COMMITTEE]) },
			// The source language is not translated: no such worklist, for anyone.
			{ path: `${C}/translate/en`, expect: signedIn(404) },
			{ path: `${B}/translate/es`, expect: signedIn(404) }
		],
		// Waiting for translation: people who read the language and another of the consultation's, its translators and liaisons, the committee.
		'/(participant)/consultations/[slug=slug]/translate/waiting/[lang=lang]': [
			{ path: `${C}/translate/waiting/ar`, expect: only(['translator_ar', 'liaison_ar', ...COMMITTEE]) },
			{ path: `${C}/translate/waiting/es`, expect: only(['translator_es', 'liaison_es', ...COMMITTEE]) },
			// The moderator reads English and Portuguese; the participant English only.
			{ path: `${C}/translate/waiting/en?page=2`, expect: only(['translator_ar', 'liaison_ar', 'translator_es', 'moderator', ...COMMITTEE]) },
			{ path: `${C}/translate/waiting/de`, expect: signedIn(404) }
		],
		'/(translator)/consultations/[slug=slug]/translate/texts/[lang=lang]': [
			{ path: `${C}/translate/texts/ar`, expect: only(['translator_ar', ...COMMITTEE]) },
			{ path: `${C}/translate/texts/es`, expect: only(['translator_es', ...COMMITTEE]) },
			// The source language is not translated into, for anyone.
			{ path: `${C}/translate/texts/en`, expect: signedIn(404) },
			{ path: `${B}/translate/texts/es`, expect: signedIn(404) }
		],
		'/(translator)/consultations/[slug=slug]/translate/[lang]/[key=key]': [
			{ path: `${C}/translate/ar/harassment`, expect: only(['translator_ar', ...COMMITTEE]) },
			{ path: `${C}/translate/es/harassment`, expect: only(['translator_es', ...COMMITTEE]) },
			// Translators work on the current version: a clause of the draft only is not there yet.
			{ path: `${C}/translate/ar/draft-only`, expect: only(['translator_ar', ...COMMITTEE], 404) }
		],
		'/locale': [{ path: '/locale?redirectTo=/', expect: everyone() }]
	};

	const endpoints: Record<string, Get[]> = {
		'/(participant)/profile/data.json': [{ path: '/profile/data.json', expect: signedIn(), check: ownDataOnly }],
		'/(public)/consultations/[slug=slug]/export/download': [
			// Every format over every version (the most there is to leak), and the default export. CSV,
			// JSON and XLSX list every item (Markdown and wikitext are reports: notable comments only).
			...FORMATS.map((format) => ({
				path: `${C}/export?format=${format}&version=all`,
				expect: everyone(),
				check: ['csv', 'json', 'xlsx'].includes(format) ? committeeExport : undefined
			})),
			{ path: `${C}/export?format=csv`, expect: everyone() },
			{ path: `${C}/export?format=json&version=all&lang=ar`, expect: everyone() },
			{ path: `${C}/export?format=csv&version=3`, expect: rule(400, [COMMITTEE, 200]) },
			// A clause of the draft only: unknown to the public (as an unknown key is), exported for the committee.
			{ path: `${C}/export?format=json&version=all&clauses=draft-only`, expect: rule(400, [COMMITTEE, 200]) },
			{ path: `${C}/export/download?format=markdown`, expect: everyone() },
			{ path: `${C}/export?format=xlsx`, method: 'HEAD', expect: everyone() }
		],
		'/(public)/consultations/[slug=slug]/versions/[n=int]/communities/[lang=lang]/download': [
			...['markdown', 'wikitext'].flatMap((format) =>
				['en', 'es', 'ar', 'pt'].map((lang) => ({ path: `${C}/versions/2/communities/${lang}?format=${format}`, expect: everyone(), check: digestDownload }))
			),
			{ path: `${C}/versions/2/communities/en/download?format=markdown`, expect: everyone(), check: digestDownload },
			{ path: `${C}/versions/2/communities/en?format=pdf`, expect: everyone(400) },
			{ path: `${C}/versions/3/communities/en?format=markdown`, expect: everyone(404) }
		],
		'/api/v1/consultations': [{ path: '/api/v1/consultations', expect: everyone() }],
		'/api/v1/consultations/[slug=slug]': [
			{ path: API, expect: everyone() },
			{ path: '/api/v1/consultations/no-such-consultation', expect: everyone(404) }
		],
		'/api/v1/consultations/[slug=slug]/versions': [{ path: `${API}/versions`, expect: everyone() }],
		'/api/v1/consultations/[slug=slug]/versions/[a=int]/diff/[b=int]': [
			{ path: `${API}/versions/1/diff/2`, expect: everyone() },
			{ path: `${API}/versions/2/diff/3`, expect: shownTo(COMMITTEE) }
		],
		'/api/v1/consultations/[slug=slug]/versions/[n=int]/clauses': [
			{ path: `${API}/versions/2/clauses`, expect: everyone() },
			{ path: `${API}/versions/2/clauses?lang=ar`, expect: everyone() },
			{ path: `${API}/versions/3/clauses`, expect: shownTo(COMMITTEE) }
		],
		'/api/v1/consultations/[slug=slug]/versions/[n=int]/clauses/[key=key]/comments': [
			{ path: `${API}/versions/2/clauses/harassment/comments`, expect: everyone() },
			{ path: `${API}/versions/2/clauses/harassment/comments?order=oldest&lang=en`, expect: everyone() },
			{ path: `${API}/versions/2/clauses/respect/comments`, expect: everyone() },
			{ path: `${API}/versions/3/clauses/harassment/comments`, expect: shownTo(COMMITTEE) },
			{ path: `${API}/versions/3/clauses/draft-only/comments`, expect: shownTo(COMMITTEE) },
			{ path: '/api/v1/consultations/matrix-b/versions/1/clauses/harassment/comments', expect: everyone(404) }
		],
		'/api/v1/consultations/[slug=slug]/versions/[n=int]/summaries': [
			{ path: `${API}/versions/1/summaries`, expect: everyone() },
			{ path: `${API}/versions/2/summaries`, expect: everyone() },
			{ path: `${API}/versions/3/summaries`, expect: shownTo(COMMITTEE) }
		],
		'/api/v1/consultations/[slug=slug]/versions/[n=int]/tallies': [
			{ path: `${API}/versions/2/tallies`, expect: everyone() },
			{ path: `${API}/versions/3/tallies`, expect: shownTo(COMMITTEE) }
		]
	};

	const comment = (id: number, extra: Form = {}): Form => ({ comment: String(id), ...extra });
	const rev = String(f.revision);
	const clauseAction = (name: string) => `${CLAUSE}?/${name}`;
	const draftClause: Form = { key: 'harassment', label: f.label, heading: f.heading, body: 'Rewritten by an intruder.' };
	const actions: Record<string, Post[]> = {
		'/(admin)/consultations/[slug=slug]/roles assign': [
			{ path: `${C}/roles?/assign`, allowed: ADMINS, expect: only(ADMINS, 400), form: { username: 'participant', role: 'moderator', language: '' }, allowedForm: { username: '', role: 'nobody' } },
			{ path: `${B}/roles?/assign`, allowed: ['admin'], expect: only(['admin'], 400), form: { username: 'participant', role: 'moderator', language: '' }, allowedForm: { username: '', role: 'nobody' } }
		],
		'/(admin)/consultations/[slug=slug]/settings closing': [
			{ path: `${C}/settings?/closing`, allowed: ADMINS, expect: only(ADMINS, 400), form: { closesAt: '2020-01-01T00:00' }, allowedForm: { closesAt: 'not a date' } }
		],
		'/(admin)/consultations/[slug=slug]/roles revoke': [
			{ path: `${C}/roles?/revoke`, allowed: ADMINS, expect: only(ADMINS, 404), form: { id: String(f.translatorEsRole) }, allowedForm: { id: '999999' } }
		],
		'/(admin)/consultations/new preview': [{ path: '/consultations/new?/preview', allowed: ['admin'], expect: only(['admin']), form: newConsultation('matrix-c') }],
		'/(admin)/consultations/new publish': [
			{ path: '/consultations/new?/publish', allowed: ['admin'], expect: only(['admin'], 400), form: newConsultation('matrix-c'), allowedForm: { ...newConsultation('matrix-c'), document: '' } }
		],
		'/(admin)/consultations/new saveDraft': [
			{ path: '/consultations/new?/saveDraft', allowed: ['admin'], expect: only(['admin'], 400), form: newConsultation('matrix-c'), allowedForm: { ...newConsultation('matrix-c'), document: '' } }
		],
		// Public forms: a wrong password and an invalid sign-up are refused alike for everyone.
		// (Someone signed in is sent home, as the page itself does.)
		'/(auth)/login default': [{ path: '/login', allowed: ROLES, expect: rule({ to: '/' }, [ANON, 400]), form: { username: 'participant', password: 'not the password', redirectTo: '/' } }],
		'/(auth)/signup default': [{ path: '/signup', allowed: ROLES, expect: rule({ to: '/' }, [ANON, 400]), form: { username: 'x', password: 'short', displayName: '', languages: '', affiliation: '' } }],
		'/(auth)/logout default': [{ path: '/logout', allowed: ROLES, expect: everyone({ to: '/' }), form: {}, last: 3 }],
		'/(committee)/consultations/[slug=slug]/dashboard settings': [
			{ path: `${C}/dashboard?/settings`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { minCommunitySize: '2', includeLiaisonCounts: 'on' }, allowedForm: { minCommunitySize: '0' } },
			{ path: `${B}/dashboard?/settings`, allowed: ['admin'], expect: only(['admin'], 400), form: { minCommunitySize: '2' }, allowedForm: { minCommunitySize: '0' } }
		],
		'/(committee)/consultations/[slug=slug]/draft start': [
			// A draft is under way already: the committee is told so (409).
			{ path: `${C}/draft?/start`, allowed: COMMITTEE, expect: only(COMMITTEE, 409), form: {} }
		],
		'/(committee)/consultations/[slug=slug]/draft save': [
			{ path: `${C}/draft?/save`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: draftClause, allowedForm: { ...draftClause, body: '' } }
		],
		'/(committee)/consultations/[slug=slug]/draft add': [
			{ path: `${C}/draft?/add`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { key: 'intruder', afterKey: '', label: '9.9', heading: 'Intruder', body: 'Added by an intruder.' }, allowedForm: { key: '', afterKey: '', label: '9.9', heading: 'x', body: '' } }
		],
		'/(committee)/consultations/[slug=slug]/draft remove': [
			{ path: `${C}/draft?/remove`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { key: 'purpose' }, allowedForm: { key: '-not a key-' } }
		],
		'/(committee)/consultations/[slug=slug]/draft move': [
			{ path: `${C}/draft?/move`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { key: 'purpose', by: '1' }, allowedForm: { key: 'purpose', by: '7' } }
		],
		'/(committee)/consultations/[slug=slug]/draft note': [
			{ path: `${C}/draft?/note`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { note: 'An intruder’s note.' }, allowedForm: { note: tooLongNote } }
		],
		'/(committee)/consultations/[slug=slug]/draft publish': [
			{ path: `${C}/draft?/publish`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { note: '' }, allowedForm: { note: tooLongNote } }
		],
		'/(committee)/consultations/[slug=slug]/draft discard': [
			{ path: `${C}/draft?/discard`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { note: '' }, allowedForm: { note: tooLongNote } }
		],
		'/(committee)/consultations/[slug=slug]/import preview': [
			{ path: `${C}/import?/preview`, allowed: COMMITTEE, expect: only(COMMITTEE), form: { document: SMALL_DOC, headingLevel: '2', note: '' } }
		],
		'/(committee)/consultations/[slug=slug]/import publish': [
			{ path: `${C}/import?/publish`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { document: SMALL_DOC, headingLevel: '2', note: '' }, allowedForm: { document: '', headingLevel: '2' } }
		],
		'/(committee)/consultations/[slug=slug]/import saveDraft': [
			{ path: `${C}/import?/saveDraft`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { document: SMALL_DOC, headingLevel: '2', note: '' }, allowedForm: { document: '', headingLevel: '2' } }
		],
		// These two end the draft: the last test runs them, the committee's first call for real.
		'/(committee)/consultations/[slug=slug]/import discardDraft': [
			{ path: `${C}/import?/discardDraft`, allowed: COMMITTEE, expect: rule(403, [ANON, 'login'], [['committee'], 200], [['cadmin', 'admin'], 404]), form: {}, last: 1 }
		],
		'/(committee)/consultations/[slug=slug]/import publishDraft': [
			{ path: `${C}/import?/publishDraft`, allowed: COMMITTEE, expect: rule(403, [ANON, 'login'], [['committee'], { to: C }], [['cadmin', 'admin'], 404]), form: {}, last: 2 }
		],
		'/(liaison)/consultations/[slug=slug]/summaries create': [
			// Starting the Arabic summary of version 2 opens the draft that exists.
			{ path: `${C}/summaries?/create`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], { to: `${draftSummary}/edit` }), form: { version: '2', language: 'ar' } },
			{ path: `${C}/summaries?/create`, allowed: ['liaison_es', ...COMMITTEE], expect: only(['liaison_es', ...COMMITTEE], 400), form: { version: '2', language: 'es' }, allowedForm: { version: '99', language: 'es' } }
		],
		'/(public)/consultations/[slug=slug]/summaries/[id=int] respond': [
			{ path: `${publishedSummary}?/respond`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { status: 'noted', explanation: 'An intruder’s answer.', actedInVersion: '' }, allowedForm: { status: 'noted', explanation: '' } },
			// A draft has nothing public to answer yet: not there, for the committee too.
			{ path: `${draftSummary}?/respond`, allowed: [], expect: only(COMMITTEE, 404), form: { status: 'noted', explanation: 'Too early.' } }
		],
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit save': [
			{ path: `${draftSummary}/edit?/save`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], { to: `${draftSummary}/edit?saved` }, 404), form: summaryForm() }
		],
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit publish': [
			// Publishing needs at least one channel: the allowed are told so, and the draft stays one.
			{ path: `${draftSummary}/edit?/publish`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], 400, 404), form: summaryForm() },
			{ path: `${publishedSummary}/edit?/publish`, allowed: ['liaison_es', ...COMMITTEE], expect: only(['liaison_es', ...COMMITTEE], 400), form: { narrative: 'Overwritten', narrativeLanguage: 'es' }, allowedForm: { narrative: '', narrativeLanguage: 'es' } }
		],
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit addChannel': [
			{ path: `${draftSummary}/edit?/addChannel`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], 200, 404), form: summaryForm() }
		],
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit addQuote': [
			{ path: `${draftSummary}/edit?/addQuote`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], 200, 404), form: { ...summaryForm(), addQuote: 'harassment' } }
		],
		// Pulling from the digest stores nothing (the form comes back filled in); only public words of the
		// summary's own community come back — a committee-only comment is refused even to the committee.
		'/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit pull': [
			{ path: `${draftSummary}/edit?/pull`, allowed: ['liaison_ar', ...COMMITTEE], expect: only(['liaison_ar', ...COMMITTEE], 400, 404), form: { ...summaryForm(), pull: `quote:comment:${f.coComment}` } },
			{ path: `${publishedSummary}/edit?/pull`, allowed: ['liaison_es', ...COMMITTEE], expect: only(['liaison_es', ...COMMITTEE]), form: { narrative: 'x', narrativeLanguage: 'es', pull: `quote:comment:${f.esComment}` } }
		],
		'/(moderator)/consultations/[slug=slug]/moderation hide': [
			{ path: `${C}/moderation?/hide`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: comment(f.p1, { reason: 'Hidden by an intruder.' }), allowedForm: comment(f.p1, { reason: '' }) },
			// A moderator off the committee cannot reach a committee-only comment: it is not there.
			{ path: `${C}/moderation?/hide`, allowed: COMMITTEE, expect: rule(403, [ANON, 'login'], [['moderator'], 404], [COMMITTEE, 400]), form: comment(f.coComment, { reason: 'Hidden by an intruder.' }), allowedForm: comment(f.coComment, { reason: '' }) },
			// Another consultation's queue: only the site administrator moderates there.
			{ path: `${B}/moderation?/hide`, allowed: ['admin'], expect: only(['admin'], 400), form: comment(f.p1, { reason: 'Hidden by an intruder.' }), allowedForm: comment(f.p1, { reason: '' }) },
			// Through this consultation's queue, a comment of another: not found, even for those who moderate both.
			{ path: `${C}/moderation?/hide`, allowed: [], expect: only(MODERATORS, 404), form: comment(f.bComment, { reason: 'Hidden from the wrong queue.' }) }
		],
		'/(moderator)/consultations/[slug=slug]/moderation machineTranslate': [
			{ path: `${C}/moderation?/machineTranslate`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: comment(f.hidden, { language: 'es' }), allowedForm: comment(f.hidden, { language: '' }) },
			// A committee-only comment is not there for a moderator outside the committee.
			{ path: `${C}/moderation?/machineTranslate`, allowed: COMMITTEE, expect: rule(403, [ANON, 'login'], [['moderator'], 404], [COMMITTEE, 400]), form: comment(f.coComment, { language: 'es' }), allowedForm: comment(f.coComment, { language: '' }) },
			{ path: `${B}/moderation?/machineTranslate`, allowed: ['admin'], expect: only(['admin'], 404), form: comment(f.p1, { language: 'es' }), allowedForm: comment(f.p1, { language: 'es' }) }
		],
		'/(moderator)/consultations/[slug=slug]/moderation restore': [
			{ path: `${C}/moderation?/restore`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: comment(f.hidden), allowedForm: { comment: 'x' } }
		],
		'/(participant)/consultations/[slug=slug]/translate/waiting/[lang=lang] translate': [
			{ path: `${C}/translate/waiting/ar?/translate`, allowed: ['translator_ar', 'liaison_ar', ...COMMITTEE], expect: only(['translator_ar', 'liaison_ar', ...COMMITTEE], 400), form: { kind: 'comment', id: String(f.p1), body: 'ترجمة دخيل' }, allowedForm: { kind: 'comment', id: String(f.p1), body: '' } },
			// What the list does not show cannot be translated from it: a hidden comment, a committee-only one outside the committee.
			{ path: `${C}/translate/waiting/ar?/translate`, allowed: [], expect: only(['translator_ar', 'liaison_ar', ...COMMITTEE], 404), form: { kind: 'comment', id: String(f.hidden), body: 'ترجمة دخيل' } },
			{ path: `${C}/translate/waiting/ar?/translate`, allowed: [], expect: rule(403, [ANON, 'login'], [['translator_ar', 'liaison_ar'], 404], [COMMITTEE, 400]), form: { kind: 'reason', id: String(f.coReason), body: 'ترجمة دخيل' } }
		],
		'/(moderator)/consultations/[slug=slug]/moderation dismiss': [
			{ path: `${C}/moderation?/dismiss`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: comment(f.reported), allowedForm: { comment: 'x' } },
			{ path: `${C}/moderation?/dismiss`, allowed: COMMITTEE, expect: rule(403, [ANON, 'login'], [['moderator'], 404], [COMMITTEE, 400]), form: comment(f.coComment), allowedForm: { comment: 'x' } }
		],
		'/(moderator)/consultations/[slug=slug]/moderation suspend': [
			{ path: `${C}/moderation?/suspend`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: { user: String(f.suspendedUser), days: '30', reason: 'Suspended by an intruder.' }, allowedForm: { user: String(f.suspendedUser), days: '0', reason: 'x' } },
			// A site administrator is suspended by no one (nor anyone by themselves).
			{ path: `${C}/moderation?/suspend`, allowed: [], expect: only(MODERATORS, 403), form: { user: String(f.adminId), days: '1', reason: 'Suspending the administrator.' } },
			// Only someone whose role here is higher suspends a role holder: a participant by anyone who moderates…
			{ path: `${C}/moderation?/suspend`, allowed: MODERATORS, expect: only(MODERATORS), form: { user: String(f.participantId), days: '1', reason: 'Suspended by a moderator.' } },
			// …another moderator by the committee and administrators (not by a moderator)…
			{ path: `${C}/moderation?/suspend`, allowed: COMMITTEE, expect: only(COMMITTEE), form: { user: String(f.staff.mx_moderator), days: '1', reason: 'Suspending a moderator.' } },
			// …a committee member by administrators (not by a moderator or another committee member)…
			{ path: `${C}/moderation?/suspend`, allowed: ADMINS, expect: only(ADMINS), form: { user: String(f.staff.mx_committee), days: '1', reason: 'Suspending a committee member.' } },
			// …a consultation administrator by a site administrator only…
			{ path: `${C}/moderation?/suspend`, allowed: ['admin'], expect: only(['admin']), form: { user: String(f.staff.mx_cadmin2), days: '1', reason: 'Suspending an administrator.' } },
			// …and nobody themselves (the moderator here; the others would be allowed, and send too few days).
			{ path: `${C}/moderation?/suspend`, allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { user: String(f.moderatorId), days: '1', reason: 'Suspending myself.' }, allowedForm: { user: String(f.moderatorId), days: '0', reason: 'x' } }
		],
		'/(moderator)/consultations/[slug=slug]/moderation lift': [
			{ path: `${C}/moderation?/lift`, allowed: MODERATORS, expect: only(MODERATORS, 400), form: { suspension: String(f.suspension), reason: '' }, allowedForm: { suspension: 'x' } },
			// Ended early only by moderators of a consultation the person took part in.
			{ path: `${B}/moderation?/lift`, allowed: [], expect: only(['admin'], 404), form: { suspension: String(f.suspension), reason: '' } },
			// A committee member's suspension: ended only by someone above them (the moderator and the committee are not).
			{ path: `${C}/moderation?/lift`, allowed: ADMINS, expect: only(ADMINS, 400), form: { suspension: String(f.liftedSuspension), reason: '' }, allowedForm: { suspension: 'x' } }
		],
		'/(participant)/account/security password': [
			{ path: '/account/security?/password', allowed: SIGNED_IN, expect: signedIn(400), form: { currentPassword: DEMO_PASSWORD, newPassword: 'a new password for the intruder', confirmPassword: 'a new password for the intruder' }, allowedForm: { currentPassword: '' } }
		],
		'/(participant)/account/security revoke': [
			{ path: '/account/security?/revoke', allowed: SIGNED_IN, expect: signedIn(404), form: { session: 'a'.repeat(64) } },
			// Someone else's session (the committee's; for the committee, its own current one): not theirs to end.
			{ path: '/account/security?/revoke', allowed: [], expect: signedIn(404), form: { session: f.committeeSession } }
		],
		'/(participant)/account/security revokeOthers': [{ path: '/account/security?/revokeOthers', allowed: SIGNED_IN, expect: signedIn(), form: {} }],
		'/(participant)/profile default': [
			{ path: '/profile', allowed: SIGNED_IN, expect: signedIn(400), form: { displayName: 'Intruder', languages: 'en', affiliation: '' }, allowedForm: { displayName: '', languages: '' } }
		],
		'/(participant)/profile/delete default': [
			{ path: '/profile/delete', allowed: SIGNED_IN, expect: signedIn(400), form: { password: DEMO_PASSWORD, confirm: 'on', comments: 'delete' }, allowedForm: { password: DEMO_PASSWORD, comments: 'delete' } }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] report': [
			{ path: clauseAction('report'), allowed: SIGNED_IN, expect: signedIn(400), form: comment(f.p1, { reason: 'spam' }), allowedForm: comment(f.p1, { reason: '' }) },
			// Someone else's committee-only comment: "not found", as for an unknown id.
			{ path: clauseAction('report'), allowed: COMMITTEE, expect: rule(404, [ANON, 'login'], [COMMITTEE, 400]), form: comment(f.coComment, { reason: 'spam' }), allowedForm: comment(f.coComment, { reason: '' }) },
			// A comment named through another clause's or consultation's address is not there.
			{ path: `${C}/clauses/respect?/report`, allowed: [], expect: signedIn(404), form: comment(f.p1, { reason: 'spam' }) },
			{ path: `${B}/clauses/purpose?/report`, allowed: [], expect: signedIn(404), form: comment(f.p1, { reason: 'spam' }) }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] editComment': [
			// Only its author edits a comment (the participant's own, for real).
			{ path: clauseAction('editComment'), allowed: ['participant'], expect: rule(403, [ANON, 'login'], [['participant'], 200]), form: comment(f.p1, { body: 'Edited by its author.', language: 'en' }) },
			{ path: clauseAction('editComment'), allowed: [], expect: rule(404, [ANON, 'login'], [COMMITTEE, 403]), form: comment(f.coComment, { body: 'Edited by an intruder.', language: 'en' }) }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] deleteComment': [
			{ path: clauseAction('deleteComment'), allowed: ['participant'], expect: rule(403, [ANON, 'login'], [['participant'], 200]), form: comment(f.p2) },
			{ path: clauseAction('deleteComment'), allowed: [], expect: rule(404, [ANON, 'login'], [COMMITTEE, 403]), form: comment(f.coComment) }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] stance': [
			{ path: clauseAction('stance'), allowed: SIGNED_IN, expect: signedIn(400), form: { revision: rev, stance: 'support', language: 'en', reason: '' }, allowedForm: { revision: rev, stance: '', language: 'en' } }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] withdraw': [{ path: clauseAction('withdraw'), allowed: SIGNED_IN, expect: signedIn(), form: { revision: rev } }],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] comment': [
			{ path: clauseAction('comment'), allowed: SIGNED_IN, expect: signedIn(400), form: { revision: rev, body: 'A comment by an intruder.', language: 'en' }, allowedForm: { revision: rev, body: '', language: 'en' } },
			// Replying to someone else's committee-only comment: the refusal for an unknown parent (400), nothing stored.
			{ path: clauseAction('comment'), allowed: COMMITTEE, expect: rule(400, [ANON, 'login']), form: { revision: rev, body: 'A reply by an intruder.', language: 'en', parent: String(f.coComment) }, allowedForm: { revision: rev, body: '', language: 'en', parent: String(f.coComment) } }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] translateComment': [
			{ path: clauseAction('translateComment'), allowed: SIGNED_IN, expect: signedIn(400), form: comment(f.p1, { language: 'es', body: 'Traducido por un intruso.' }), allowedForm: comment(f.p1, { language: 'es', body: '' }) },
			{ path: clauseAction('translateComment'), allowed: COMMITTEE, expect: rule(404, [ANON, 'login'], [COMMITTEE, 400]), form: comment(f.coComment, { language: 'es', body: 'Traducido por un intruso.' }), allowedForm: comment(f.coComment, { language: 'es', body: '' }) },
			{ path: clauseAction('translateComment'), allowed: [], expect: signedIn(400), form: comment(f.hidden, { language: 'es', body: 'Traducido por un intruso.' }) }
		],
		// The stand-in machine translation answers "[es] <the text>": a leak of the text would show as a marker.
		'/(public)/consultations/[slug=slug]/clauses/[key=key] translateReason': [
			{ path: clauseAction('translateReason'), allowed: SIGNED_IN, expect: signedIn(400), form: { stance: String(f.pReason), language: 'es', body: 'Traducido por un intruso.' }, allowedForm: { stance: String(f.pReason), language: 'es', body: '' } },
			{ path: clauseAction('translateReason'), allowed: COMMITTEE, expect: rule(404, [ANON, 'login'], [COMMITTEE, 400]), form: { stance: String(f.coReason), language: 'es', body: 'Traducido por un intruso.' }, allowedForm: { stance: String(f.coReason), language: 'es', body: '' } }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] machineTranslateReason': [
			{ path: clauseAction('machineTranslateReason'), allowed: SIGNED_IN, expect: signedIn(), form: { stance: String(f.pReason), language: 'es' } },
			{ path: clauseAction('machineTranslateReason'), allowed: COMMITTEE, expect: rule(404, [ANON, 'login'], [COMMITTEE, 400]), form: { stance: String(f.coReason), language: 'es' }, allowedForm: { stance: String(f.coReason), language: '' } }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] machineTranslate': [
			{ path: clauseAction('machineTranslate'), allowed: SIGNED_IN, expect: signedIn(), form: comment(f.p1, { language: 'es' }) },
			{ path: clauseAction('machineTranslate'), allowed: COMMITTEE, expect: rule(404, [ANON, 'login'], [COMMITTEE, 400]), form: comment(f.coComment, { language: 'es' }), allowedForm: comment(f.coComment, { language: '' }) },
			// Hidden comments are translated for no one (their text is not for readers).
			{ path: clauseAction('machineTranslate'), allowed: [], expect: signedIn(400), form: comment(f.hidden, { language: 'es' }) }
		],
		'/(public)/consultations/[slug=slug]/clauses/[key=key] respond': [
			{ path: clauseAction('respond'), allowed: COMMITTEE, expect: only(COMMITTEE, 400), form: { revision: rev, comment: '', status: 'noted', explanation: 'An intruder’s answer.', actedInVersion: '' }, allowedForm: { revision: rev, status: 'noted', explanation: '' } }
		],
		'/(translator)/consultations/[slug=slug]/translate/[lang]/[key=key] default': [
			{ path: `${C}/translate/ar/harassment`, allowed: ['translator_ar', ...COMMITTEE], expect: only(['translator_ar', ...COMMITTEE], 400), form: { revision: rev, heading: 'عنوان دخيل', body: 'ترجمة دخيلة' }, allowedForm: { revision: rev, heading: 'x', body: '' } }
		],
		'/(translator)/consultations/[slug=slug]/translate/texts/[lang=lang] save': [
			{ path: `${C}/translate/texts/ar?/save`, allowed: ['translator_ar', ...COMMITTEE], expect: only(['translator_ar', ...COMMITTEE], 400), form: { kind: 'consultation-title', subject: String(f.consultationId), part: '0', source: '', text: 'عنوان دخيل' }, allowedForm: { kind: 'consultation-title', subject: String(f.consultationId), part: '0', source: '', text: '' } }
		],
		'/locale default': [{ path: '/locale', allowed: ROLES, expect: everyone({ to: '/' }), form: { locale: 'en', redirectTo: '/' } }]
	};
	return { pages, endpoints, actions };
}

// ── Running it ──────────────────────────────────────────────────────────────────────────────────

let server: RunningServer;
let standIn: StandInLibreTranslate;
let db: Database.Database;
let fixtures: Fixtures;
/** People who are not one of the roles: authors of fixtures, and the targets of suspensions. */
type Helper = Role | 'author' | 'hiddenAuthor' | (typeof SUSPENDABLE)[number];
const clients = new Map<Helper, Client>();
const failures: string[] = [];
const seen = new Set<string>();
const stats = { requests: 0, markerChecks: 0, refusedPosts: 0 };

const client = (role: Helper) => clients.get(role)!;

interface Answer {
	status: number;
	location: string | null;
	type: string;
	body: string;
}

/** At most this many exports at once (the server answers 503 beyond EXPORT_CONCURRENCY, set a little higher). */
const EXPORTS_AT_ONCE = 4;
let exportsRunning = 0;
const exportQueue: (() => void)[] = [];
async function exportSlot<T>(run: () => Promise<T>): Promise<T> {
	// A finished export hands its slot to the next one waiting, so that no newcomer slips in between.
	if (exportsRunning >= EXPORTS_AT_ONCE) await new Promise<void>((go) => exportQueue.push(go));
	else exportsRunning++;
	try {
		return await run();
	} finally {
		const next = exportQueue.shift();
		if (next) next();
		else exportsRunning--;
	}
}

/**
 * The text of every part of an XLSX file (a zip of XML: the sheets, the shared strings), read from
 * the zip's central directory. Markers are plain ASCII or raw UTF-8 in that XML, so a search of this
 * text finds them; much faster than loading the workbook.
 */
function xlsxText(bytes: ArrayBuffer): string {
	const zip = Buffer.from(bytes);
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end < 0) throw new Error('not a zip file');
	const parts: string[] = [];
	let entry = zip.readUInt32LE(end + 16);
	for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
		const method = zip.readUInt16LE(entry + 10);
		const size = zip.readUInt32LE(entry + 20);
		const local = zip.readUInt32LE(entry + 42);
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		const data = zip.subarray(start, start + size);
		parts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		entry += 46 + zip.readUInt16LE(entry + 28) + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
	}
	return parts.join('\n');
}

/** How a form posted by `use:enhance` asks: the answer is the action's result as JSON. */
const ENHANCED = { accept: 'application/json', 'x-sveltekit-action': 'true' };

async function ask(role: Role, path: string, init: { method?: string; form?: Form; enhanced?: boolean } = {}): Promise<Answer> {
	const method = init.form ? 'POST' : (init.method ?? 'GET');
	const fetchAll = async (): Promise<Answer> => {
		// An answer that never ends is a failure of its own, not a hung test run.
		const headers = init.enhanced ? ENHANCED : {};
		const response = await client(role).request(path, { method, form: init.form, headers, signal: AbortSignal.timeout(20_000) });
		const type = response.headers.get('content-type') ?? '';
		const body =
			method === 'HEAD' ? '' : type.includes('spreadsheetml') && response.status === 200 ? xlsxText(await response.arrayBuffer()) : await response.text();
		return { status: response.status, location: response.headers.get('location'), type, body };
	};
	stats.requests++;
	try {
		return await (/\/export(\/download)?\?(.*&)?format=/.test(path) ? exportSlot(fetchAll) : fetchAll());
	} catch (e) {
		failures.push(`${role} ${method} ${path}: ${(e as Error).message}`);
		return { status: 0, location: null, type: '', body: '' };
	}
}

/**
 * What happened, in the terms of an Outcome. SvelteKit's page data (`data`) and an enhanced form's
 * answer (`enhanced`) say it inside a JSON body: a redirect, an error's status, a failure's status.
 */
function outcomeOf(answer: Answer, mode: 'page' | 'data' | 'enhanced'): number | { to: string } {
	if (answer.status >= 300 && answer.status < 400) return { to: answer.location ?? '' };
	if (mode === 'enhanced' && answer.type.includes('json')) {
		const parsed = JSON.parse(answer.body) as { type: string; location?: string; status?: number };
		if (parsed.type === 'redirect') return { to: parsed.location ?? '' };
		if (parsed.type === 'error') return answer.status;
		return parsed.status ?? answer.status;
	}
	if (mode === 'data' && answer.status === 200 && answer.type.includes('json')) {
		const parsed = JSON.parse(answer.body) as { type: string; location?: string; nodes?: ({ type: string; status?: number } | null)[] };
		if (parsed.type === 'redirect') return { to: parsed.location ?? '' };
		const failed = parsed.nodes?.find((n) => n?.type === 'error');
		if (failed) return failed.status ?? 500;
	}
	return answer.status;
}

function matches(expected: Outcome, actual: number | { to: string }): boolean {
	if (typeof actual === 'number') return actual === expected;
	if (expected === 'login') return actual.to.startsWith('/login?redirectTo=');
	return typeof expected === 'object' && actual.to === expected.to;
}

const show = (o: Outcome) => (typeof o === 'object' ? `303 → ${o.to}` : String(o));

/** Records a wrong outcome and every marker the role may not read. */
function judge(role: Role, what: string, expected: Outcome, answer: Answer, mode: 'page' | 'data' | 'enhanced' = 'page') {
	const actual = outcomeOf(answer, mode);
	if (!matches(expected, actual)) failures.push(`${role} ${what}: expected ${show(expected)}, got ${show(actual)}`);
	if (answer.status >= 500) failures.push(`${role} ${what}: ${answer.status}`);
	for (const marker of MARKERS) {
		if (marker.readers.includes(role)) {
			if (answer.body.includes(marker.text)) seen.add(marker.name);
			continue;
		}
		stats.markerChecks++;
		if (answer.body.includes(marker.text)) failures.push(`${role} ${what}: the ${marker.name} leaked`);
	}
}

/** Every row of every table but the sessions (of which only the number counts: reading one updates it). */
function fingerprint(): Map<string, string> {
	const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
	const result = new Map<string, string>();
	for (const table of tables) {
		const hash = createHash('sha1');
		if (table === 'sessions') hash.update(String((db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n));
		else for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row));
		result.set(table, hash.digest('hex'));
	}
	return result;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
	return [...after].filter(([table, hash]) => before.get(table) !== hash).map(([table]) => table);
}

function dataPath(path: string): string {
	const [pathname, query] = path.split('?');
	return `${pathname === '/' ? '' : pathname}/__data.json${query ? `?${query}` : ''}`;
}

async function runPost(key: string, sample: Post) {
	const refused = ROLES.filter((r) => !sample.allowed.includes(r));
	const before = fingerprint();
	// All at once: each must be refused, so none may change what another finds.
	await Promise.all(
		refused.map(async (role) => {
			stats.refusedPosts += 2;
			judge(role, `POST ${sample.path} (${key})`, sample.expect[role], await ask(role, sample.path, { form: sample.form }));
			judge(role, `POST ${sample.path} (${key}, enhanced)`, sample.expect[role], await ask(role, sample.path, { form: sample.form, enhanced: true }), 'enhanced');
		})
	);
	const changed = changedTables(before, fingerprint());
	if (changed.length > 0) failures.push(`POST ${sample.path} (${key}) by ${refused.join(', ')} changed ${changed.join(', ')}`);
	for (const role of sample.allowed) {
		judge(role, `POST ${sample.path} (${key})`, sample.expect[role], await ask(role, sample.path, { form: sample.allowedForm ?? sample.form }));
	}
}

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

function commentId(body: string): number {
	return one<{ id: number }>('SELECT id FROM comments WHERE body LIKE ?', `%${body}%`).id;
}

async function expectPost(who: Helper, path: string, form: Form, status: number | 'redirect' = 200): Promise<Response> {
	const response = await client(who).post(path, form);
	stats.requests++;
	if (status === 'redirect') expect(response.status, `${who} ${path}`).toBe(303);
	else expect(response.status, `${who} ${path}: ${(await response.clone().text()).slice(0, 300)}`).toBe(status);
	return response;
}

async function signUp(username: string, displayName: string): Promise<Client> {
	const c = new Client(server.url, { 'accept-language': 'en' });
	const response = await c.post('/signup', { username, password: PASSWORD, displayName, languages: 'en', affiliation: '', redirectTo: '/' });
	expect(response.status, `sign-up of ${username}`).toBe(303);
	return c;
}

/** The fixtures, made over HTTP by the people who may (each step is also an "allowed" check). */
async function makeFixtures(): Promise<Fixtures> {
	const revision = one<{ id: number; label: string; heading: string }>(
		`SELECT r.id, r.label, r.heading FROM clause_revisions r
		 JOIN clauses c ON c.id = r.clause_id JOIN draft_versions v ON v.id = r.version_id JOIN consultations k ON k.id = v.consultation_id
		 WHERE k.slug = ? AND v.number = 2 AND c.key = 'harassment'`,
		SLUG
	);
	const rev = String(revision.id);

	// A consultation administrator, and a second consultation (made by the site administrator).
	await expectPost('admin', `${C}/roles?/assign`, { username: USERNAMES.cadmin, role: 'admin', language: '' });
	await expectPost('admin', '/consultations/new?/publish', newConsultation('matrix-b'), 'redirect');

	// Committee-only feedback: a comment, a reason, the committee's reply, its response, a report.
	await expectPost('author', `${CLAUSE}?/comment`, { revision: rev, body: `For the committee: ${M.coComment}`, language: 'en', committeeOnly: 'on' });
	await expectPost('author', `${CLAUSE}?/stance`, { revision: rev, stance: 'oppose', reason: `Privately: ${M.coReason}`, language: 'en', committeeOnly: 'on' });
	const coComment = commentId(M.coComment);
	await expectPost('committee', `${CLAUSE}?/comment`, { revision: rev, body: `Thank you. ${M.coReply}`, language: 'en', parent: String(coComment) });
	expect(one<{ c: number }>('SELECT committee_only AS c FROM comments WHERE id = ?', commentId(M.coReply)).c).toBe(1);
	await expectPost('committee', `${CLAUSE}?/respond`, { revision: rev, comment: String(coComment), status: 'noted', explanation: `We will act: ${M.coResponse}`, actedInVersion: '' });
	await expectPost('committee', `${CLAUSE}?/report`, { comment: String(coComment), reason: 'other', details: `Needs care: ${M.coReport}` });
	// Its machine translation (the stand-in's answer quotes the text): as private as the comment.
	await expectPost('committee', `${CLAUSE}?/machineTranslate`, { comment: String(coComment), language: 'es' });

	// A comment hidden by the moderator; the participant's own public comments.
	await expectPost('hiddenAuthor', `${CLAUSE}?/comment`, { revision: rev, body: `Rude words ${M.hidden}`, language: 'en' });
	const hidden = commentId(M.hidden);
	await expectPost('moderator', `${C}/moderation?/hide`, { comment: String(hidden), reason: 'Hidden for the matrix test.' });
	await expectPost('participant', `${CLAUSE}?/comment`, { revision: rev, body: `Matrix public comment one ${RUN}`, language: 'en' });
	await expectPost('participant', `${CLAUSE}?/comment`, { revision: rev, body: `Matrix public comment two ${RUN}`, language: 'en' });
	const bRevision = one<{ id: number }>(
		`SELECT r.id FROM clause_revisions r JOIN clauses c ON c.id = r.clause_id JOIN consultations k ON k.id = c.consultation_id
		 WHERE k.slug = 'matrix-b' AND c.key = 'purpose'`
	).id;
	await expectPost('participant', `${B}/clauses/purpose?/comment`, { revision: String(bRevision), body: `Matrix comment in B ${RUN}`, language: 'en' });

	// The Arabic liaison's unpublished summary of version 2.
	const created = await expectPost('liaison_ar', `${C}/summaries?/create`, { version: '2', language: 'ar' }, 'redirect');
	const draftSummary = Number(/\/summaries\/(\d+)\/edit$/.exec(created.headers.get('location') ?? '')?.[1]);
	expect(draftSummary).toBeGreaterThan(0);
	await expectPost('liaison_ar', `${C}/summaries/${draftSummary}/edit?/save`, summaryForm(), 'redirect');

	// The committee's unpublished version 3, with a rewritten clause and a note.
	await expectPost('committee', `${C}/draft?/start`, {});
	await expectPost('committee', `${C}/draft?/save`, { key: 'harassment', label: revision.label, heading: revision.heading, body: `A stricter wording. ${M.draft}` });
	await expectPost('committee', `${C}/draft?/note`, { note: `Working note ${M.draftNote}` });
	// And a clause that exists only in that draft: to anyone else, no such clause.
	await expectPost('committee', `${C}/draft?/add`, { key: 'draft-only', afterKey: '', label: '9.9', heading: 'A new clause', body: `Draft only. ${M.draft}` });

	// A suspension to lift (of a demo participant who took part).
	const suspendedUser = one<{ id: number }>("SELECT id FROM users WHERE username = 'mateo_r'").id;
	await expectPost('moderator', `${C}/moderation?/suspend`, { user: String(suspendedUser), days: '1', reason: 'Matrix suspension.' });
	// Role holders who took part, to be suspended (or not) by the rows; one suspended already, to lift.
	for (const username of SUSPENDABLE) {
		await expectPost('admin', `${C}/roles?/assign`, { username, role: SUSPENDABLE_ROLES[username], language: '' });
		await expectPost(username, `${CLAUSE}?/comment`, { revision: rev, body: `Matrix comment by ${username} ${RUN}`, language: 'en' });
	}
	// A public reason to translate (by a role holder who took part, whose name is no marker).
	await expectPost('mx_moderator', `${CLAUSE}?/stance`, { revision: rev, stance: 'support', reason: `Matrix public reason ${RUN}`, language: 'en' });
	const staff = Object.fromEntries(SUSPENDABLE.map((u) => [u, one<{ id: number }>('SELECT id FROM users WHERE username = ?', u).id])) as Fixtures['staff'];
	await expectPost('cadmin', `${C}/moderation?/suspend`, { user: String(staff.mx_lifted), days: '1', reason: 'Matrix suspension to lift.' });

	return {
		revision: revision.id,
		label: revision.label,
		heading: revision.heading,
		coComment,
		pReason: one<{ id: number }>('SELECT id FROM stances WHERE reason = ?', `Matrix public reason ${RUN}`).id,
		coReason: one<{ id: number }>('SELECT id FROM stances WHERE reason = ?', `Privately: ${M.coReason}`).id,
		hidden,
		p1: commentId(`Matrix public comment one ${RUN}`),
		p2: commentId(`Matrix public comment two ${RUN}`),
		reported: commentId('Hors sujet, mais quelqu'),
		draftSummary,
		publishedSummary: one<{ id: number }>("SELECT id FROM liaison_summaries WHERE language = 'es' AND status = 'published'").id,
		translatorEsRole: one<{ id: number }>(
			"SELECT a.id FROM role_assignments a JOIN users u ON u.id = a.user_id WHERE u.username = 'translator_es' AND a.role = 'translator'"
		).id,
		suspension: one<{ id: number }>('SELECT id FROM suspensions WHERE user_id = ? AND lifted_at IS NULL', suspendedUser).id,
		suspendedUser,
		staff,
		liftedSuspension: one<{ id: number }>('SELECT id FROM suspensions WHERE user_id = ? AND lifted_at IS NULL', staff.mx_lifted).id,
		moderatorId: one<{ id: number }>("SELECT id FROM users WHERE username = 'moderator'").id,
		participantId: one<{ id: number }>("SELECT id FROM users WHERE username = 'youssef_k'").id,
		bComment: commentId(`Matrix comment in B ${RUN}`),
		esComment: one<{ id: number }>(
			`SELECT c.id FROM comments c JOIN clause_revisions r ON r.id = c.revision_id JOIN draft_versions v ON v.id = r.version_id
			 JOIN consultations k ON k.id = v.consultation_id
			 WHERE k.slug = ? AND v.number = 1 AND c.community = 'es' AND c.parent_id IS NULL AND c.committee_only = 0 AND c.moderation = 'visible' AND c.deleted_at IS NULL
			 ORDER BY c.id LIMIT 1`,
			SLUG
		).id,
		adminId: one<{ id: number }>("SELECT id FROM users WHERE username = 'admin'").id,
		consultationId: one<{ id: number }>('SELECT id FROM consultations WHERE slug = ?', SLUG).id,
		committeeSession: one<{ id: string }>(
			"SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'committee' ORDER BY s.created_at DESC LIMIT 1"
		).id
	};
}

beforeAll(async () => {
	standIn = await startStandInLibreTranslate();
	server = await startServer({ demo: true, env: { MT_URL: standIn.url, EXPORT_CONCURRENCY: String(EXPORTS_AT_ONCE + 2) } });
	db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
	clients.set('anonymous', new Client(server.url, { 'accept-language': 'en' }));
	const [cadmin, author, hiddenAuthor, ...suspendable] = await Promise.all([
		signUp(USERNAMES.cadmin, 'Consultation Administrator'),
		signUp('mx_author', `Private ${M.authorName}`),
		signUp('mx_hidden', `Rude ${M.hiddenAuthor}`),
		...SUSPENDABLE.map((username) => signUp(username, `Staff ${username}`))
	]);
	SUSPENDABLE.forEach((username, i) => clients.set(username, suspendable[i]));
	clients.set('cadmin', cadmin);
	clients.set('author', author);
	clients.set('hiddenAuthor', hiddenAuthor);
	await Promise.all(
		SIGNED_IN.filter((r) => r !== 'cadmin').map(async (role) => {
			const c = new Client(server.url, { 'accept-language': 'en' });
			await c.logIn(USERNAMES[role], DEMO_PASSWORD);
			clients.set(role, c);
		})
	);
	fixtures = await makeFixtures();
	// Secrets of the accounts themselves: a session's id only ever reaches its owner, a password hash no one.
	MARKERS.push(
		{ name: 'the committee’s session id', text: fixtures.committeeSession, readers: ['committee'] },
		{ name: 'a password hash', text: one<{ h: string }>("SELECT password_hash AS h FROM users WHERE username = 'participant'").h, readers: [] }
	);
});

afterAll(async () => {
	db?.close();
	await Promise.all([server?.stop(), standIn?.stop()]);
	const tree = readRouteTree();
	console.log(
		`authorization matrix: ${tree.length} routes, ${tree.reduce((n, r) => n + r.actions.length, 0)} actions, ${ROLES.length} roles, ` +
			`${stats.requests} requests (${stats.refusedPosts} refused form posts), ${MARKERS.length} markers, ${stats.markerChecks} marker checks`
	);
});

const PLACEHOLDER: Fixtures = {
	revision: 1,
	label: '',
	heading: '',
	coComment: 1,
	pReason: 1,
	coReason: 1,
	hidden: 1,
	p1: 1,
	p2: 1,
	reported: 1,
	draftSummary: 1,
	publishedSummary: 1,
	translatorEsRole: 1,
	suspension: 1,
	suspendedUser: 1,
	staff: { mx_committee: 1, mx_moderator: 1, mx_cadmin2: 1, mx_lifted: 1 },
	liftedSuspension: 1,
	moderatorId: 1,
	participantId: 1,
	committeeSession: '',
	bComment: 1,
	esComment: 1,
	adminId: 1,
	consultationId: 1
};

describe('authorization matrix', () => {
	it('covers every page, endpoint method and form action under src/routes', () => {
		const { pages, endpoints, actions } = matrix(PLACEHOLDER);
		const tree = readRouteTree();
		const missing: string[] = [];
		for (const route of tree) {
			if (route.page && !pages[route.id]?.length) missing.push(`page ${route.id}`);
			for (const method of route.methods) {
				if (!endpoints[route.id]?.some((s) => (s.method ?? 'GET') === method)) missing.push(`${method} ${route.id}`);
			}
			for (const action of route.actions) if (!actions[`${route.id} ${action}`]?.length) missing.push(`action ${route.id} ?/${action}`);
		}
		expect(missing, 'routes the matrix does not cover: add them to matrix()').toEqual([]);
		// And nothing in the table that no longer exists.
		const known = new Set(tree.flatMap((r) => [r.id, ...r.actions.map((a) => `${r.id} ${a}`)]));
		const stale = [...Object.keys(pages), ...Object.keys(endpoints), ...Object.keys(actions)].filter((k) => !known.has(k));
		expect(stale, 'matrix rows for routes that do not exist').toEqual([]);
		expect(tree.length).toBeGreaterThan(30);
	});

	// About 25 s on a quiet machine; the margin is for a busy one.
	it('answers every page, page data, endpoint and export as the table says, and leaks no marker', { timeout: 120_000 }, async () => {
		const start = failures.length;
		const { pages, endpoints } = matrix(fixtures);
		const gets: { path: string; method: string; data: boolean; sample: Get }[] = [];
		for (const sample of Object.values(pages).flat()) {
			gets.push({ path: sample.path, method: 'GET', data: false, sample });
			// SvelteKit's page data for the same address: what client-side navigation receives.
			gets.push({ path: dataPath(sample.path), method: 'GET', data: true, sample });
		}
		for (const sample of Object.values(endpoints).flat()) gets.push({ path: sample.path, method: sample.method ?? 'GET', data: false, sample });

		await Promise.all(
			ROLES.map(async (role) => {
				for (const g of gets) {
					const answer = await ask(role, g.path, { method: g.method });
					judge(role, `${g.method} ${g.path}`, g.sample.expect[role], answer, g.data ? 'data' : 'page');
					if (g.sample.check && answer.status === 200) {
						const problem = g.sample.check(role, answer.body);
						if (problem) failures.push(problem);
					}
				}
			})
		);
		expect(failures.slice(start)).toEqual([]);
	});

	it('refuses every form action to those who may not, storing nothing; lets through those who may', { timeout: 120_000 }, async () => {
		const start = failures.length;
		const { actions } = matrix(fixtures);
		for (const [key, samples] of Object.entries(actions)) for (const sample of samples) if (!sample.last) await runPost(key, sample);
		expect(failures.slice(start)).toEqual([]);
		// The fixtures the allowed roles were kept away from are as they were.
		expect(one<{ s: string }>('SELECT status AS s FROM liaison_summaries WHERE id = ?', fixtures.draftSummary).s).toBe('draft');
		expect(one<{ m: string }>('SELECT moderation AS m FROM comments WHERE id = ?', fixtures.hidden).m).toBe('hidden');
		expect(one<{ n: number }>("SELECT count(*) AS n FROM draft_versions v JOIN consultations k ON k.id = v.consultation_id WHERE k.slug = ? AND v.status = 'draft'", SLUG).n).toBe(1);
	});

	it('shows each marker to its readers and its author, and the author’s download holds only their own words', async () => {
		// Every marker reached at least one of its readers (else the sweep above proved nothing).
		expect(MARKERS.filter((m) => m.readers.length > 0 && !seen.has(m.name)).map((m) => m.name)).toEqual([]);
		const author = client('author');
		const page = await (await author.get(CLAUSE)).text();
		for (const text of [M.coComment, M.coReason, M.coReply, M.coResponse, M.authorName]) expect(page).toContain(text);
		const download = await (await author.get('/profile/data.json')).text();
		expect((JSON.parse(download) as { profile: { username: string } }).profile.username).toBe('mx_author');
		expect(download).toContain(M.coComment);
		expect(download).toContain(M.coReason);
		// Not the committee's reply nor its response: those are someone else's words.
		expect(download).not.toContain(M.coReply);
		expect(download).not.toContain(M.coResponse);
		stats.requests += 2;
	});

	it('answers for what is hidden exactly as for what does not exist', async () => {
		// [hidden, unknown, and the names in each that differ]
		const pairs: [string, string, string, string][] = [
			[`${CLAUSE}?version=3`, `${CLAUSE}?version=9`, '3', '9'],
			[`${C}/clauses/draft-only/history`, `${C}/clauses/never-was/history`, 'draft-only', 'never-was'],
			[`${C}/summaries/${fixtures.draftSummary}`, `${C}/summaries/999999`, String(fixtures.draftSummary), '999999'],
			[`${C}/summaries/${fixtures.draftSummary}/edit`, `${C}/summaries/999999/edit`, String(fixtures.draftSummary), '999999'],
			[`${C}/versions/3/heard`, `${C}/versions/9/heard`, '3', '9'],
			[`${API}/versions/3/clauses`, `${API}/versions/9/clauses`, '3', '9'],
			[`${C}/export?format=csv&version=3`, `${C}/export?format=csv&version=9`, '3', '9'],
			[`${C}/export?format=json&version=all&clauses=draft-only`, `${C}/export?format=json&version=all&clauses=never-was`, 'draft-only', 'never-was']
		];
		for (const role of ['anonymous', 'participant', 'liaison_es', 'moderator'] as const) {
			for (const [hidden, unknown, a, b] of pairs) {
				const [x, y] = [await ask(role, hidden), await ask(role, unknown)];
				// Both names become one placeholder in both answers, as whole words ("3", not "30"), also
				// URL-encoded after "=" or "/" (the log-in link's `redirectTo`).
				const word = (w: string) => new RegExp(`(?<=^|[^\\w-]|%3D|%2F)${w}(?![\\w-])`, 'g');
				const same = (text: string) => text.replace(word(a), 'X').replace(word(b), 'X');
				expect(x.status, `${role} ${hidden}`).toBe(y.status);
				expect(same(x.body), `${role} ${hidden}`).toBe(same(y.body));
			}
		}
	});

	it('ends the draft and the sessions as only the allowed may', async () => {
		const start = failures.length;
		const { actions } = matrix(fixtures);
		const last = Object.entries(actions).flatMap(([key, samples]) => samples.filter((s) => s.last).map((s) => [key, s] as const));
		last.sort(([, a], [, b]) => a.last! - b.last!);
		expect(last.map(([key]) => key.split(' ')[1])).toEqual(['discardDraft', 'publishDraft', 'default']);
		for (const [key, sample] of last) {
			// A fresh draft to publish (the discarded one held the markers).
			if (key.endsWith('publishDraft')) await expectPost('committee', `${C}/draft?/start`, {});
			await runPost(key, sample);
		}
		expect(failures.slice(start)).toEqual([]);
		// Logged out: the next page that needs a session asks for one.
		for (const role of SIGNED_IN) {
			const answer = await ask(role, '/profile');
			expect(outcomeOf(answer, 'page'), role).toEqual({ to: '/login?redirectTo=%2Fprofile' });
		}
	});
});
