// "What changed" over HTTP: the committee imports the next version of the demo draft (one clause
// edited, one dropped, one added, two swapped), then the versions API, the diff API, the changes page and
// a clause's history page must all tell the same story; an unpublished draft stays committee-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import type { ClauseChange, Part } from '../../src/lib/server/versions/diff';

let server: RunningServer;
let committee: Client;
let anonymous: Client;
const SLUG = 'code-of-conduct';

interface ApiClause {
	key: string;
	label: string;
	heading: string;
	body: string;
	counts: { support: number; oppose: number; neutral: number; comments: number };
}

/** The demo's current version (src/lib/server/demo/draft*.en.md), as the API gives it. */
let base: { number: number; clauses: ApiClause[] };
/** The clauses the next version changes, by their place in the current one. */
let keys: { removed: string; modified: string; moved: string; passed: string };
const ADDED = 'events';
const NEW_SENTENCE = 'Be kind to newcomers.';

function documentOf(clauses: Pick<ApiClause, 'key' | 'label' | 'heading' | 'body'>[]): string {
	return `# Code of conduct\n\n${clauses.map((c) => `## ${c.label} ${c.heading} {#${c.key}}\n\n${c.body}\n`).join('\n')}`;
}

/**
 * The next version: the fourth clause gets a new sentence, the third is dropped, a clause is added
 * after the sixth, and the eighth and ninth swap places (and labels), keeping every `{#key}`.
 */
function nextDocument(): string {
	const c = base.clauses.map((x) => ({ ...x }));
	c[3].body = `${c[3].body}\n\n${NEW_SENTENCE}`;
	const [eighth, ninth] = [c[7], c[8]];
	[eighth.label, ninth.label] = [ninth.label, eighth.label];
	const added = { key: ADDED, label: '9.9', heading: 'Events', body: 'Every event names a contact person for safety concerns.' };
	return documentOf([c[0], c[1], c[3], c[4], c[5], added, c[6], ninth, eighth, ...c.slice(9)]);
}

interface DiffJson {
	consultation: string;
	from: number;
	to: number;
	language: string;
	summary: Record<ClauseChange['status'], number>;
	clauses: ClauseChange[];
}

const text = (parts: Part[] | undefined, change: Part['change']) =>
	(parts ?? [])
		.filter((p) => p.change === change)
		.map((p) => p.text)
		.join('');

beforeAll(async () => {
	server = await startServer({ demo: true });
	anonymous = new Client(server.url);
	committee = new Client(server.url);
	await committee.logIn('committee', 'polyphony-demo');
	const consultation = (await (await anonymous.get(`/api/v1/consultations/${SLUG}`)).json()) as { currentVersion: number };
	const current = (await (await anonymous.get(`/api/v1/consultations/${SLUG}/versions/${consultation.currentVersion}/clauses`)).json()) as {
		clauses: ApiClause[];
	};
	base = { number: consultation.currentVersion, clauses: current.clauses };
	expect(base.clauses.length).toBeGreaterThanOrEqual(10);
	keys = { removed: base.clauses[2].key, modified: base.clauses[3].key, moved: base.clauses[8].key, passed: base.clauses[7].key };
	const response = await committee.post(`/consultations/${SLUG}/import?/publish`, {
		document: nextDocument(),
		headingLevel: '2',
		note: 'Kinder to newcomers, events added.'
	});
	expect(response.status).toBe(303);
});
afterAll(async () => {
	await server?.stop();
});

describe('versions and diffs over HTTP', () => {
	const n = () => base.number;
	const next = () => base.number + 1;

	it('lists the versions, newest first, with their clause counts', async () => {
		const response = await anonymous.get(`/api/v1/consultations/${SLUG}/versions`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { consultation: string; versions: Record<string, unknown>[] };
		expect(body.consultation).toBe(SLUG);
		expect(body.versions.map((v) => v.number)).toEqual(Array.from({ length: next() }, (_, i) => next() - i));
		expect(body.versions.slice(0, 2).map((v) => [v.number, v.status, v.clauseCount])).toEqual([
			[next(), 'published', base.clauses.length],
			[n(), 'published', base.clauses.length]
		]);
		expect(body.versions[0].note).toBe('Kinder to newcomers, events added.');
		expect(new Date(String(body.versions[0].publishedAt)).toISOString()).toBe(body.versions[0].publishedAt);
	});

	it('gives the diff between two versions: added, removed, moved, modified, in reading order', async () => {
		const response = await anonymous.get(`/api/v1/consultations/${SLUG}/versions/${n()}/diff/${next()}`);
		expect(response.status).toBe(200);
		const diff = (await response.json()) as DiffJson;
		expect(diff).toMatchObject({ consultation: SLUG, from: n(), to: next(), language: 'en' });
		expect(diff.summary).toEqual({ added: 1, removed: 1, moved: 1, modified: 1, unchanged: base.clauses.length - 3 });
		const k = base.clauses.map((c) => c.key);
		expect(diff.clauses.map((c) => [c.key, c.status])).toEqual([
			[k[0], 'unchanged'],
			[k[1], 'unchanged'],
			// A removed clause is shown where it was, before the next one that stayed.
			[k[2], 'removed'],
			[k[3], 'modified'],
			[k[4], 'unchanged'],
			[k[5], 'unchanged'],
			[ADDED, 'added'],
			[k[6], 'unchanged'],
			// Swapped neighbours: the one that came forward is the one that moved.
			[k[8], 'moved'],
			[k[7], 'unchanged'],
			...k.slice(9).map((key) => [key, 'unchanged'])
		]);
		const modified = diff.clauses.find((c) => c.key === keys.modified)!;
		expect(modified.moved).toBe(false);
		expect(text(modified.bodyDiff, 'added').trim()).toBe(NEW_SENTENCE);
		expect(text(modified.bodyDiff, 'removed')).toBe('');
		// The same change as formatted text: the new paragraph inside <ins>, no Markdown syntax.
		const formatted = (modified as ClauseChange & { bodyDiffHtml: string }).bodyDiffHtml;
		expect(formatted).toContain(`<p><ins class="diff-added">${NEW_SENTENCE}</ins></p>`);
		expect(formatted.replace(/<[^>]*>/g, '')).not.toMatch(/\*\*|^- /m);
		expect(text(modified.headingDiff, 'same')).toBe(base.clauses[3].heading);
		// Bodies are the Markdown source.
		expect(modified.to!.body).toBe(`${base.clauses[3].body}\n\n${NEW_SENTENCE}`);
		const moved = diff.clauses.find((c) => c.key === keys.moved)!;
		expect(moved).toMatchObject({
			moved: true,
			from: { label: base.clauses[8].label, position: 8 },
			to: { label: base.clauses[7].label, position: 7 }
		});
		expect(moved.bodyDiff).toBeUndefined();
		expect(diff.clauses.find((c) => c.key === keys.removed)).toMatchObject({ to: null, from: { label: base.clauses[2].label } });
		expect(diff.clauses.find((c) => c.key === ADDED)).toMatchObject({ from: null, to: { label: '9.9', heading: 'Events', position: 5 } });
	});

	it('refuses the same version twice, and unknown versions, with JSON errors in the caller’s language', async () => {
		let response = await anonymous.get(`/api/v1/consultations/${SLUG}/versions/${n()}/diff/${n()}`);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: { status: 400, message: 'Choose two different versions to compare.' } });
		response = await anonymous.get(`/api/v1/consultations/${SLUG}/versions/1/diff/99`, { 'accept-language': 'ar' });
		expect(response.status).toBe(404);
		expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/[\u0600-\u06ff]/);
		response = await anonymous.get('/api/v1/consultations/no-such-thing/versions');
		expect(response.status).toBe(404);
	});

	it('shows what changed on a page that works without JavaScript', async () => {
		const consultationPage = await (await anonymous.get(`/consultations/${SLUG}`)).text();
		expect(consultationPage).toContain(`href="/consultations/${SLUG}/changes"`);

		const response = await anonymous.get(`/consultations/${SLUG}/changes`);
		expect(response.status).toBe(200);
		const html = await response.text();
		// Defaults: the version before the current one, to the current one.
		expect(html).toMatch(new RegExp(`<select id="compare-from" name="from">[\\s\\S]*?<option value="${n()}" selected`));
		expect(html).toMatch(new RegExp(`<select id="compare-to" name="to">[\\s\\S]*?<option value="${next()}" selected`));
		expect(html).toContain(`From version ${n()} to version ${next()}`);
		const item = (key: string) => {
			const match = new RegExp(`<li class="change change-(\\w+)" id="change-${key}">([\\s\\S]*?)</li>\\s*(<!--[^>]*-->)?\\s*(<li class="change|</ol>)`).exec(html);
			if (!match) throw new Error(`no entry for ${key}`);
			return { status: match[1], html: match[2] };
		};
		expect(item(keys.modified).status).toBe('modified');
		expect(item(keys.modified).html).toMatch(/<ins class="diff-added"><span class="visually-hidden" lang="en" dir="ltr">added: <\/span>Be kind to newcomers\.<span/);
		expect(item(keys.modified).html).toMatch(/class="prose rendered-diff" lang="en" dir="auto"/);
		expect(item(keys.removed).status).toBe('removed');
		expect(item(keys.removed).html).toContain(base.clauses[2].heading);
		expect(item(ADDED).status).toBe('added');
		expect(item(ADDED).html).toContain('Every event names a contact person for safety concerns.');
		expect(item(keys.moved).status).toBe('moved');
		expect(item(keys.moved).html).toContain('It was in position 9; it is now in position 8.');
		expect(item(keys.passed).status).toBe('unchanged');
		expect(item(keys.passed).html).toMatch(/^\s*(<!--\[0-->)?<details>/);
		// The order on the page is the order of the diff.
		const order = [base.clauses[0].key, keys.removed, keys.modified, ADDED, keys.moved, keys.passed].map((k) => html.indexOf(`id="change-${k}"`));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(order[0]).toBeGreaterThan(0);
	});

	it('reads in Arabic, right to left, with the diff still marked as English text', async () => {
		const html = await (await anonymous.get(`/consultations/${SLUG}/changes?from=${n()}&to=${next()}`, { 'accept-language': 'ar' })).text();
		expect(html).toMatch(/<html lang="ar" dir="rtl"/);
		expect(html).toContain('ما الذي تغيّر');
		expect(html).toMatch(/<ins class="diff-added"><span class="visually-hidden" lang="ar" dir="rtl">مضاف: <\/span>Be kind to newcomers\./);
		// Its Arabic translation is outdated in the new version: the English diff comes with a notice.
		expect(html).toContain('هذا البند غير مترجم إلى اللغة: العربية');
	});

	it('answers the same version twice with 400 and an unknown one with 404', async () => {
		expect((await anonymous.get(`/consultations/${SLUG}/changes?from=${n()}&to=${n()}`)).status).toBe(400);
		expect((await anonymous.get(`/consultations/${SLUG}/changes?from=99&to=${n()}`)).status).toBe(404);
		expect((await anonymous.get(`/consultations/${SLUG}/changes?from=one`)).status).toBe(404);
	});

	it('shows a clause’s history: each revision, the diff to the one before, and its feedback', async () => {
		const key = keys.modified;
		const clausePage = await (await anonymous.get(`/consultations/${SLUG}/clauses/${key}`)).text();
		expect(clausePage).toContain(`href="/consultations/${SLUG}/clauses/${key}/history"`);

		const counts = base.clauses[3].counts;
		const response = await anonymous.get(`/consultations/${SLUG}/clauses/${key}/history`);
		expect(response.status).toBe(200);
		const html = await response.text();
		const newest = html.indexOf(`id="version-${next()}"`);
		const previous = html.indexOf(`id="version-${n()}"`);
		expect(newest).toBeGreaterThan(0);
		expect(previous).toBeGreaterThan(newest);
		const newestHtml = html.slice(newest, previous);
		const previousHtml = html.slice(previous, html.indexOf('</section>', previous));
		expect(newestHtml).toContain(`href="/consultations/${SLUG}/clauses/${key}?version=${next()}"`);
		expect(newestHtml).toContain(`Changes since version ${n()}:`);
		expect(newestHtml).toMatch(/<ins class="diff-added">[\s\S]*?Be kind to newcomers\./);
		expect(newestHtml).toContain('0 comments');
		expect(previousHtml).toContain(`${counts.support} support`);
		expect(previousHtml).toContain(`${counts.oppose} oppose`);
		expect(previousHtml).toContain(`${counts.comments} comment`);
		// Version 1 is always there, as the first version of the clause (the demo may have more).
		expect(html).toMatch(/id="version-1">[\s\S]*?First version of this clause\./);

		// A clause dropped from the current version still has its history; one never published does not exist.
		expect((await anonymous.get(`/consultations/${SLUG}/clauses/${keys.removed}/history`)).status).toBe(200);
		expect((await anonymous.get(`/consultations/${SLUG}/clauses/never-there/history`)).status).toBe(404);
		const arabic = await anonymous.get(`/consultations/${SLUG}/clauses/${key}/history`, { 'accept-language': 'ar' });
		expect(await arabic.text()).toContain('تاريخ هذا البند');
	});

	it('keeps an unpublished draft version to the committee', async () => {
		const last = base.clauses.at(-1)!;
		const draft = nextDocument().replace(`{#${last.key}}\n\n`, `{#${last.key}}\n\nA draft-only sentence.\n\n`);
		const saved = await committee.post(`/consultations/${SLUG}/import?/saveDraft`, { document: draft, headingLevel: '2', note: 'Work in progress' });
		expect(saved.status).toBe(303);
		const draftNumber = next() + 1;

		expect((await anonymous.get(`/api/v1/consultations/${SLUG}/versions/${next()}/diff/${draftNumber}`)).status).toBe(404);
		expect((await anonymous.get(`/api/v1/consultations/${SLUG}/versions/${draftNumber}/diff/${next()}`)).status).toBe(404);
		expect((await anonymous.get(`/consultations/${SLUG}/changes?from=${next()}&to=${draftNumber}`)).status).toBe(404);
		const list = (await (await anonymous.get(`/api/v1/consultations/${SLUG}/versions`)).json()) as { versions: { number: number }[] };
		expect(list.versions[0].number).toBe(next());
		const anonymousHistory = await (await anonymous.get(`/consultations/${SLUG}/clauses/${last.key}/history`)).text();
		expect(anonymousHistory).not.toContain(`id="version-${draftNumber}"`);

		const response = await committee.get(`/api/v1/consultations/${SLUG}/versions/${next()}/diff/${draftNumber}`);
		expect(response.status).toBe(200);
		const diff = (await response.json()) as DiffJson;
		expect(diff.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 1, unchanged: base.clauses.length - 1 });
		expect(text(diff.clauses.find((c) => c.key === last.key)!.bodyDiff, 'added')).toContain('A draft-only sentence.');
		const page = await committee.get(`/consultations/${SLUG}/changes?from=${next()}&to=${draftNumber}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(new RegExp(`<option value="${draftNumber}" selected="">Version ${draftNumber} \\(draft\\)`));
		const committeeList = (await (await committee.get(`/api/v1/consultations/${SLUG}/versions`)).json()) as {
			versions: { number: number; status: string }[];
		};
		expect(committeeList.versions.slice(0, 2).map((v) => [v.number, v.status])).toEqual([
			[draftNumber, 'draft'],
			[next(), 'published']
		]);
		const committeeHistory = await (await committee.get(`/consultations/${SLUG}/clauses/${last.key}/history`)).text();
		expect(committeeHistory).toContain(`id="version-${draftNumber}"`);
	});
});
