// Every address the app links to or redirects to, one helper per route: pages, components, server
// services (the export's and digests' links) and scripts build URLs here and nowhere else, so that
// renaming or moving a route is a compile error rather than a broken link.
//
// A plain module, not SvelteKit's `resolve()` from `$app/paths`: the export and the benchmark run
// outside Vite (scripts through tsx), where `$app/*` cannot be imported. The route ids are still
// checked by TypeScript against the route tree SvelteKit generates (`$app/types`, a type-only
// import that the scripts never load), and tests/unit/paths.test.ts checks at run time that each
// one names a page or endpoint in src/routes and that each helper fills it in.
import type { RouteId, RouteParams } from '$app/types';

/** The route behind each helper: SvelteKit's route id, groups and matchers included. */
export const ROUTES = {
	home: '/(public)',
	login: '/(auth)/login',
	signup: '/(auth)/signup',
	logout: '/(auth)/logout',
	accountDeleted: '/(auth)/account-deleted',
	locale: '/locale',
	profile: '/(participant)/profile',
	personalData: '/(participant)/profile/data',
	personalDataJson: '/(participant)/profile/data.json',
	deleteAccount: '/(participant)/profile/delete',
	accountSecurity: '/(participant)/account/security',
	siteAudit: '/(admin)/audit',
	newConsultation: '/(admin)/consultations/new',
	consultation: '/(public)/consultations/[slug=slug]',
	changes: '/(public)/consultations/[slug=slug]/changes',
	clause: '/(public)/consultations/[slug=slug]/clauses/[key=key]',
	clauseHistory: '/(public)/consultations/[slug=slug]/clauses/[key=key]/history',
	results: '/(public)/consultations/[slug=slug]/results',
	export: '/(public)/consultations/[slug=slug]/export',
	summary: '/(public)/consultations/[slug=slug]/summaries/[id=int]',
	heard: '/(public)/consultations/[slug=slug]/versions/[n=int]/heard',
	digest: '/(public)/consultations/[slug=slug]/versions/[n=int]/communities/[lang=lang]',
	summaries: '/(liaison)/consultations/[slug=slug]/summaries',
	summaryEdit: '/(liaison)/consultations/[slug=slug]/summaries/[id=int]/edit',
	dashboard: '/(committee)/consultations/[slug=slug]/dashboard',
	inbox: '/(committee)/consultations/[slug=slug]/inbox',
	draft: '/(committee)/consultations/[slug=slug]/draft',
	import: '/(committee)/consultations/[slug=slug]/import',
	moderation: '/(moderator)/consultations/[slug=slug]/moderation',
	audit: '/(admin)/consultations/[slug=slug]/audit',
	roles: '/(admin)/consultations/[slug=slug]/roles',
	settings: '/(admin)/consultations/[slug=slug]/settings',
	translate: '/(translator)/consultations/[slug=slug]/translate',
	translateLanguage: '/(translator)/consultations/[slug=slug]/translate/[lang]',
	translateClause: '/(translator)/consultations/[slug=slug]/translate/[lang]/[key=key]',
	translateTexts: '/(translator)/consultations/[slug=slug]/translate/texts/[lang=lang]',
	waiting: '/(participant)/consultations/[slug=slug]/translate/waiting/[lang=lang]'
} as const satisfies Record<string, RouteId>;

type Params<T extends RouteId> = { [K in keyof RouteParams<T>]: string | number };

/**
 * A query string's values: `null`, `undefined` and `false` leave the parameter out, `true` writes its
 * name alone (`?saved`, a flag the page reads with `searchParams.has`).
 */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** Where on the page: `hash` is the fragment without `#` (`comment-12`). */
export interface Place {
	hash?: string;
}

/** A route id's segments as they appear in its paths: groups (`(public)`) are left out. */
function segmentsOf(route: RouteId): string[] {
	return route.split('/').filter((segment) => segment !== '' && !/^\(.+\)$/.test(segment));
}

/** `[slug=slug]` → `slug`; null for a fixed segment. */
function paramOf(segment: string): string | null {
	return /^\[(\w+)(?:=\w+)?\]$/.exec(segment)?.[1] ?? null;
}

/**
 * The path of a route id with its parameters filled in and encoded: `[slug=slug]` takes
 * `params.slug`. Exported for the test; use the helpers below.
 */
export function fill<T extends RouteId>(route: T, params: Params<T>): string {
	const values = params as Record<string, string | number>;
	const segments = segmentsOf(route).map((segment) => {
		const name = paramOf(segment);
		if (name === null) return segment;
		const value = values[name];
		if (value === undefined || value === '') throw new Error(`${route}: no value for ${name}`);
		return encodeURIComponent(String(value));
	});
	return `/${segments.join('/')}`;
}

/**
 * A regular expression for the paths of a route (any value in each parameter's segment), capturing
 * the path itself: src/hooks.ts reroutes the export's and digests' `?format=` addresses with it.
 */
export function pathPattern(route: RouteId): RegExp {
	const segments = segmentsOf(route).map((segment) => (paramOf(segment) === null ? segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[^/]+'));
	return new RegExp(`^(/${segments.join('/')})/?$`);
}

/** `path`, then the query (encoded by URLSearchParams, in the order given), then `#hash`. */
export function withQuery(path: string, query: Query = {}, hash?: string): string {
	const parts: string[] = [];
	for (const [name, value] of Object.entries(query)) {
		if (value === null || value === undefined || value === false) continue;
		const pair = new URLSearchParams([[name, value === true ? '' : String(value)]]).toString();
		parts.push(value === true ? pair.slice(0, -1) : pair);
	}
	return `${path}${parts.length ? `?${parts.join('&')}` : ''}${hash ? `#${hash}` : ''}`;
}

type Slug = string;
type Version = number | 'all';

export const paths = {
	home: () => fill(ROUTES.home, {}),
	/** `redirectTo`: a path on this site to come back to after logging in (checked by the log-in page). */
	login: (query: { redirectTo?: string } = {}) => withQuery(fill(ROUTES.login, {}), query),
	signup: (query: { redirectTo?: string } = {}) => withQuery(fill(ROUTES.signup, {}), query),
	/** The log-out form's action (POST). */
	logout: () => fill(ROUTES.logout, {}),
	/** `comments`: what happened to the deleted account's comments (`kept` or `deleted`). */
	accountDeleted: (query: { comments?: string } = {}) => withQuery(fill(ROUTES.accountDeleted, {}), query),
	/** The language switcher's form action (POST). */
	locale: () => fill(ROUTES.locale, {}),
	profile: () => fill(ROUTES.profile, {}),
	personalData: () => fill(ROUTES.personalData, {}),
	personalDataJson: () => fill(ROUTES.personalDataJson, {}),
	deleteAccount: () => fill(ROUTES.deleteAccount, {}),
	accountSecurity: () => fill(ROUTES.accountSecurity, {}),
	siteAudit: () => fill(ROUTES.siteAudit, {}),
	newConsultation: () => fill(ROUTES.newConsultation, {}),

	/** A consultation's page: the current version, or `version`; `lang` the reading language. */
	consultation: (slug: Slug, query: { version?: number; lang?: string } = {}, place: Place = {}) =>
		withQuery(fill(ROUTES.consultation, { slug }), query, place.hash),
	/** What changed between two versions (`from`, `to`; the latest two by default). */
	changes: (slug: Slug, query: { from?: number; to?: number } = {}) => withQuery(fill(ROUTES.changes, { slug }), query),
	/**
	 * A clause: `version` (its current revision without), `lang` the reading language, `page` / `rpage`
	 * the comments' and reasons' pages; `hash` a comment (`comment-12`) or a section (`reasons`).
	 */
	clause: (slug: Slug, key: string, query: { version?: number; lang?: string; page?: number; rpage?: number } = {}, place: Place = {}) =>
		withQuery(fill(ROUTES.clause, { slug, key }), query, place.hash),
	clauseHistory: (slug: Slug, key: string, query: { lang?: string } = {}) => withQuery(fill(ROUTES.clauseHistory, { slug, key }), query),
	results: (slug: Slug, query: { version?: number } = {}, place: Place = {}) => withQuery(fill(ROUTES.results, { slug }), query, place.hash),
	/** The export page; with `format` the file itself (src/hooks.ts reroutes it to `…/export/download`). */
	export: (slug: Slug, query: Query & { format?: string; version?: Version } = {}) => withQuery(fill(ROUTES.export, { slug }), query),
	/** A liaison summary as published (or, for its writers, as it stands). */
	/** `published`: the flag that shows "published" after the editor's save. */
	summary: (slug: Slug, id: number, query: { published?: boolean } = {}, place: Place = {}) =>
		withQuery(fill(ROUTES.summary, { slug, id }), query, place.hash),
	/** "What we heard" on version `n`. */
	heard: (slug: Slug, n: number) => fill(ROUTES.heard, { slug, n }),
	/** One community's digest of version `n`; with `format` (`markdown`, `wikitext`) its download (rerouted by src/hooks.ts). */
	digest: (slug: Slug, n: number, lang: string, query: { format?: string } = {}) => withQuery(fill(ROUTES.digest, { slug, n, lang }), query),
	/** The liaison's list of summaries (the same address as the public list's). */
	summaries: (slug: Slug) => fill(ROUTES.summaries, { slug }),
	/** `saved`: the flag that shows "saved" after a save. */
	summaryEdit: (slug: Slug, id: number, query: { saved?: boolean } = {}) => withQuery(fill(ROUTES.summaryEdit, { slug, id }), query),
	dashboard: (slug: Slug, query: { version?: number } = {}) => withQuery(fill(ROUTES.dashboard, { slug }), query),
	/** The committee inbox; `lang` filters it to one community, `page` pages its feedback. */
	inbox: (slug: Slug, query: { lang?: string; page?: number } = {}) => withQuery(fill(ROUTES.inbox, { slug }), query),
	draft: (slug: Slug) => fill(ROUTES.draft, { slug }),
	import: (slug: Slug) => fill(ROUTES.import, { slug }),
	moderation: (slug: Slug) => fill(ROUTES.moderation, { slug }),
	audit: (slug: Slug) => fill(ROUTES.audit, { slug }),
	roles: (slug: Slug) => fill(ROUTES.roles, { slug }),
	settings: (slug: Slug) => fill(ROUTES.settings, { slug }),
	/** The translators' progress across languages. */
	translate: (slug: Slug) => fill(ROUTES.translate, { slug }),
	/** A translator's worklist in one language. */
	translateLanguage: (slug: Slug, lang: string) => fill(ROUTES.translateLanguage, { slug, lang }),
	translateClause: (slug: Slug, lang: string, key: string) => fill(ROUTES.translateClause, { slug, lang, key }),
	/** Translating the other texts (title, description, notes, responses…) into one language. */
	translateTexts: (slug: Slug, lang: string) => fill(ROUTES.translateTexts, { slug, lang }),
	/** Comments, reasons and quotes waiting for a translation into `lang`. */
	waiting: (slug: Slug, lang: string, query: { page?: number } = {}) => withQuery(fill(ROUTES.waiting, { slug, lang }), query)
};
