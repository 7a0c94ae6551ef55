// The typed paths (paths.ts) agree with the route tree: each helper's route is a page or endpoint in
// src/routes, and what it builds is a path that route answers, with values the route's matchers
// accept. TypeScript already refuses a route id SvelteKit does not generate (`satisfies RouteId`);
// this catches the same at run time, where scripts and tests see no generated types.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRouteTree, type RouteNode } from '../../tests/support/route-tree';
import { fill, pathPattern, paths, ROUTES, withQuery } from './paths';

const PARAMS = resolve(import.meta.dirname, '../params');

/** The matchers of src/params, read from their source (`export const match = (param) => /…/.test(param)`). */
async function matchers(): Promise<Record<string, (value: string) => boolean>> {
	const found: Record<string, (value: string) => boolean> = {};
	for (const file of readdirSync(PARAMS).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
		const module = (await import(join(PARAMS, file))) as { match: (value: string) => boolean };
		found[file.replace(/\.ts$/, '')] = module.match;
	}
	return found;
}

/** Whether `pathname` is one of `route`'s paths: same fixed segments, each parameter accepted by its matcher. */
function answers(route: string, pathname: string, match: Record<string, (value: string) => boolean>): boolean {
	const routeSegments = route.split('/').filter((s) => s !== '' && !/^\(.+\)$/.test(s));
	const pathSegments = pathname.split('/').filter((s) => s !== '');
	if (routeSegments.length !== pathSegments.length) return false;
	return routeSegments.every((segment, i) => {
		const value = decodeURIComponent(pathSegments[i]);
		const param = /^\[(\w+)(?:=(\w+))?\]$/.exec(segment);
		if (!param) return segment === value;
		return param[2] ? match[param[2]](value) : value !== '';
	});
}

/** The helpers whose route is no page or endpoint of the tree. */
function missingRoutes(tree: RouteNode[]): string[] {
	const ids = new Set(tree.map((node) => node.id));
	return Object.entries(ROUTES)
		.filter(([, id]) => !ids.has(id))
		.map(([name]) => name);
}

/** One call of every helper, with the address it must make — written by hand. */
const CALLS: Record<keyof typeof paths, [() => string, string]> = {
	home: [() => paths.home(), '/'],
	login: [() => paths.login({ redirectTo: '/consultations/demo/clauses/scope?version=2&lang=pt-BR' }), '/login?redirectTo=%2Fconsultations%2Fdemo%2Fclauses%2Fscope%3Fversion%3D2%26lang%3Dpt-BR'],
	signup: [() => paths.signup({ redirectTo: '/profile' }), '/signup?redirectTo=%2Fprofile'],
	logout: [() => paths.logout(), '/logout'],
	accountDeleted: [() => paths.accountDeleted({ comments: 'delete' }), '/account-deleted?comments=delete'],
	locale: [() => paths.locale(), '/locale'],
	profile: [() => paths.profile(), '/profile'],
	personalData: [() => paths.personalData(), '/profile/data'],
	personalDataJson: [() => paths.personalDataJson(), '/profile/data.json'],
	deleteAccount: [() => paths.deleteAccount(), '/profile/delete'],
	accountSecurity: [() => paths.accountSecurity(), '/account/security'],
	siteAudit: [() => paths.siteAudit(), '/audit'],
	newConsultation: [() => paths.newConsultation(), '/consultations/new'],
	consultation: [() => paths.consultation('demo', { version: 2, lang: 'zh-Hans' }), '/consultations/demo?version=2&lang=zh-Hans'],
	changes: [() => paths.changes('demo', { to: 3 }), '/consultations/demo/changes?to=3'],
	clause: [() => paths.clause('demo', 'scope', { version: 2, lang: 'ar', page: 3 }, { hash: 'comment-12' }), '/consultations/demo/clauses/scope?version=2&lang=ar&page=3#comment-12'],
	clauseHistory: [() => paths.clauseHistory('demo', 'scope', { lang: 'es' }), '/consultations/demo/clauses/scope/history?lang=es'],
	results: [() => paths.results('demo', { version: 1 }, { hash: 'composition-heading' }), '/consultations/demo/results?version=1#composition-heading'],
	export: [() => paths.export('demo', { format: 'csv', version: 'all' }), '/consultations/demo/export?format=csv&version=all'],
	summary: [() => paths.summary('demo', 7, { published: true }), '/consultations/demo/summaries/7?published'],
	heard: [() => paths.heard('demo', 2), '/consultations/demo/versions/2/heard'],
	digest: [() => paths.digest('demo', 2, 'pt-BR', { format: 'markdown' }), '/consultations/demo/versions/2/communities/pt-BR?format=markdown'],
	summaries: [() => paths.summaries('demo'), '/consultations/demo/summaries'],
	summaryEdit: [() => paths.summaryEdit('demo', 7, { saved: true }), '/consultations/demo/summaries/7/edit?saved'],
	dashboard: [() => paths.dashboard('demo', { version: 2 }), '/consultations/demo/dashboard?version=2'],
	inbox: [() => paths.inbox('demo', { lang: 'ar', page: 2 }), '/consultations/demo/inbox?lang=ar&page=2'],
	draft: [() => paths.draft('demo'), '/consultations/demo/draft'],
	import: [() => paths.import('demo'), '/consultations/demo/import'],
	moderation: [() => paths.moderation('demo'), '/consultations/demo/moderation'],
	audit: [() => paths.audit('demo'), '/consultations/demo/audit'],
	roles: [() => paths.roles('demo'), '/consultations/demo/roles'],
	settings: [() => paths.settings('demo'), '/consultations/demo/settings'],
	translate: [() => paths.translate('demo'), '/consultations/demo/translate'],
	translateLanguage: [() => paths.translateLanguage('demo', 'es'), '/consultations/demo/translate/es'],
	translateClause: [() => paths.translateClause('demo', 'es', 'scope'), '/consultations/demo/translate/es/scope'],
	translateTexts: [() => paths.translateTexts('demo', 'fa'), '/consultations/demo/translate/texts/fa'],
	waiting: [() => paths.waiting('demo', 'hi', { page: 2 }), '/consultations/demo/translate/waiting/hi?page=2']
};

describe('typed paths', () => {
	it('name a page or endpoint of src/routes for every helper', () => {
		expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(paths).sort());
		expect(missingRoutes(readRouteTree())).toEqual([]);
	});

	it('fail when a route is renamed and its helper is not', () => {
		// The real tree's pages, with clauses/[key=key] renamed to clause/[key=key].
		const root = mkdtempSync(join(tmpdir(), 'polyphony-routes-'));
		try {
			for (const node of readRouteTree()) {
				const dir = join(root, node.id.replace('/clauses/[key=key]', '/clause/[key=key]'));
				mkdirSync(dir, { recursive: true });
				writeFileSync(join(dir, node.page ? '+page.svelte' : '+server.ts'), node.page ? '' : 'export const GET = () => {};');
			}
			expect(missingRoutes(readRouteTree(root)).sort()).toEqual(['clause', 'clauseHistory']);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('build, for every helper, the address written by hand, which its route answers', async () => {
		expect(Object.keys(CALLS).sort()).toEqual(Object.keys(paths).sort());
		const match = await matchers();
		for (const [name, [call, expected]] of Object.entries(CALLS)) {
			const built = call();
			expect(built, name).toBe(expected);
			const pathname = new URL(built, 'http://polyphony.invalid').pathname;
			expect(answers(ROUTES[name as keyof typeof ROUTES], pathname, match), `${name}: ${pathname}`).toBe(true);
		}
		// The check refuses a path its route does not answer: a key the matcher refuses, a segment too many.
		expect(answers(ROUTES.clause, '/consultations/demo/clauses/Not_A_Key', match)).toBe(false);
		expect(answers(ROUTES.heard, '/consultations/demo/versions/2/heard/x', match)).toBe(false);
	});

	it('encode parameters and query values, and leave out what is not given', () => {
		expect(fill(ROUTES.clause, { slug: 'a b', key: 'x/y' })).toBe('/consultations/a%20b/clauses/x%2Fy');
		expect(() => fill(ROUTES.clause, { slug: 'demo', key: '' })).toThrow(/no value for key/);
		expect(paths.login({ redirectTo: '/consultations/ünïcode?q=a b&c' })).toBe('/login?redirectTo=%2Fconsultations%2F%C3%BCn%C3%AFcode%3Fq%3Da+b%26c');
		expect(paths.clause('demo', 'scope', { version: undefined, lang: 'es' })).toBe('/consultations/demo/clauses/scope?lang=es');
		expect(paths.results('demo')).toBe('/consultations/demo/results');
		expect(withQuery('/x', { a: null, b: false, c: 0, d: true, e: '' })).toBe('/x?c=0&d&e=');
	});

	it('match the paths of a route for src/hooks.ts, and nothing longer', () => {
		expect(pathPattern(ROUTES.export).exec('/consultations/demo/export/')?.[1]).toBe('/consultations/demo/export');
		expect(pathPattern(ROUTES.digest).exec('/consultations/demo/versions/2/communities/ar')?.[1]).toBe('/consultations/demo/versions/2/communities/ar');
		expect(pathPattern(ROUTES.export).test('/consultations/demo/export/download')).toBe(false);
		expect(pathPattern(ROUTES.personalDataJson).test('/profile/dataxjson')).toBe(false);
	});
});

describe('addresses built by hand', () => {
	/** A literal path to one of our routes in code: `'/profile`, `` `/consultations/${…} ``, `href="/"`. */
	const HAND_BUILT = /[`'"]\/(?:consultations|login|signup|logout|profile|account|audit|locale|api\/v1)\b|href="\/"?/;

	function files(dir: string): string[] {
		return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
			const path = join(dir, e.name);
			if (e.isDirectory()) return files(path);
			return /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
		});
	}

	it('are found', () => {
		expect(HAND_BUILT.test('<a href={`/consultations/${c.slug}/inbox`}>')).toBe(true);
		expect(HAND_BUILT.test(`redirect(303, '/');`)).toBe(false);
		expect(HAND_BUILT.test('<a href="/">')).toBe(true);
		expect(HAND_BUILT.test(`return '/login?redirectTo=' + x;`)).toBe(true);
	});

	it('are made nowhere in src/ or scripts/ but src/lib/paths.ts (comments aside)', () => {
		const root = resolve(import.meta.dirname, '../..');
		const all = [...files(join(root, 'src')), ...files(join(root, 'scripts'))];
		expect(all.length).toBeGreaterThan(100);
		const offending = all
			.filter((file) => !file.endsWith(join('src', 'lib', 'paths.ts')))
			.flatMap((file) =>
				readFileSync(file, 'utf8')
					.split('\n')
					.map((line, i) => ({ line, at: `${file.slice(root.length + 1)}:${i + 1}` }))
					.filter(({ line }) => !/^\s*(\/\/|\*|\/\*|<!--)/.test(line) && HAND_BUILT.test(line))
					.map(({ at, line }) => `${at}: ${line.trim()}`)
			);
		expect(offending).toEqual([]);
	});
});
