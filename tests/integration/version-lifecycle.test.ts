// A consultation through three versions over HTTP: the committee imports each new version (matched
// to the previous one and reviewed), feedback stays on the wording it was given on, translations
// go out of date and are brought up to date by a translator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';

let server: RunningServer;
let committee: Client;
const SLUG = 'lifecycle';
const base = `/consultations/${SLUG}`;

const V1 = `## 1 Purpose {#purpose}

This policy keeps our meetings safe and welcoming for everyone who attends.

## 2 Respect

Treat every participant with respect, whatever their language or background.

## 3 Reporting {#reporting}

Report problems to the organisers by email or in person.
`;

// Version 2: "Respect" has no key (the document names none): it must be matched by its text.
const V2 = `## 1 Purpose {#purpose}

This policy keeps our meetings and online channels safe and welcoming for everyone who attends.

## 2 Respect

Treat every participant with respect, whatever their language or background.

## 3 Reporting {#reporting}

Report problems to the organisers by email or in person.

## 4 Appeals {#appeals}

Anyone may appeal a decision once.
`;

beforeAll(async () => {
	server = await startServer({ demo: true });
	committee = new Client(server.url);
	await committee.logIn('admin', 'polyphony-demo');
	const created = await committee.post('/consultations/new?/publish', {
		title: 'Meeting safety policy',
		slug: SLUG,
		description: 'Three versions.',
		sourceLanguage: 'en',
		languages: 'es, ar',
		document: V1,
		headingLevel: '2',
		note: 'First draft'
	});
	expect(created.status).toBe(303);
	// The admin (a site administrator) gives a demo translator the Spanish role here.
	expect((await committee.post(`${base}/roles?/assign`, { username: 'translator_es', role: 'translator', language: 'es' })).status).toBe(200);
});
afterAll(async () => {
	await server?.stop();
});

async function revisionOf(client: Client, key: string, version?: number): Promise<string> {
	const html = await (await client.get(`${base}/clauses/${key}${version ? `?version=${version}` : ''}`)).text();
	return /name="revision" value="(\d+)"/.exec(html)![1];
}

async function clausesOf(version: number, lang = 'en') {
	const response = await new Client(server.url).get(`/api/v1/consultations/${SLUG}/versions/${version}/clauses?lang=${lang}`);
	expect(response.status).toBe(200);
	return ((await response.json()) as { clauses: { key: string; translated: boolean; outdated: boolean; counts: { support: number } }[] }).clauses;
}

/** The change badge in a clause's section of 'what we heard' (the page's style may add its own class). */
function changeBadge(heard: string, key: string): string | undefined {
	const section = /<details [^>]*id="heard-([^"]+)"[^>]*>([\s\S]*?)<\/details>/g;
	for (const [, sectionKey, body] of heard.matchAll(section)) {
		if (sectionKey === key) return /<span class="badge change-badge (\w+)[ "]/.exec(body)?.[1];
	}
	return undefined;
}

describe('three versions of a consultation', () => {
	it('keeps lineage, feedback and translations straight from version to version', async () => {
		// Feedback and a Spanish translation on version 1.
		const reader = new Client(server.url);
		await reader.logIn('lucia', 'polyphony-demo');
		const respectV1 = await revisionOf(reader, 'respect');
		expect((await reader.post(`${base}/clauses/respect?/stance`, { revision: respectV1, stance: 'support', language: 'es' })).status).toBe(200);
		expect((await reader.post(`${base}/clauses/respect?/comment`, { revision: respectV1, body: 'Muy bien.', language: 'es' })).status).toBe(200);

		const translator = new Client(server.url);
		await translator.logIn('translator_es', 'polyphony-demo');
		const worklist = await (await translator.get(`${base}/translate/es`)).text();
		expect(worklist).toContain('status-missing');
		for (const key of ['purpose', 'respect']) {
			const revision = /name="revision" value="(\d+)"/.exec(await (await translator.get(`${base}/translate/es/${key}`)).text())![1];
			const saved = await translator.post(`${base}/translate/es/${key}`, { revision, heading: `ES ${key}`, body: `Texto ${key}.` });
			expect(saved.status).toBe(200);
		}
		// Not a translator for Arabic, and a reader is not a translator at all.
		expect((await translator.get(`${base}/translate/ar`)).status).toBe(403);
		expect((await reader.get(`${base}/translate/es`)).status).toBe(403);

		// Version 2: the preview proposes the match by text, and the committee publishes it.
		const preview = await committee.post(`${base}/import?/preview`, { document: V2, headingLevel: '2', note: 'v2' });
		expect(preview.status).toBe(200);
		const previewHtml = await preview.text();
		expect(previewHtml).toMatch(/<option value="respect" selected/);
		const hash = /name="matchFor" value="([0-9a-f]+)"/.exec(previewHtml)![1];
		const published = await committee.post(`${base}/import?/publish`, {
			document: V2,
			headingLevel: '2',
			note: 'Second draft',
			matchFor: hash,
			'match.0': 'purpose',
			'match.1': 'respect',
			'match.2': 'reporting',
			'match.3': ''
		});
		expect(published.status).toBe(303);

		const v2 = await clausesOf(2, 'es');
		expect(v2.map((c) => c.key)).toEqual(['purpose', 'respect', 'reporting', 'appeals']);
		// Purpose changed: its Spanish translation is outdated. Respect kept its words: still current.
		expect(v2.find((c) => c.key === 'purpose')).toMatchObject({ translated: true, outdated: true });
		expect(v2.find((c) => c.key === 'respect')).toMatchObject({ translated: true, outdated: false });
		expect(v2.find((c) => c.key === 'appeals')).toMatchObject({ translated: false });

		// The stance stayed on version 1's wording; the clause page shows it as earlier feedback and invites a restatement.
		expect((await clausesOf(1)).find((c) => c.key === 'respect')!.counts.support).toBe(1);
		expect((await clausesOf(2)).find((c) => c.key === 'respect')!.counts.support).toBe(0);
		const respectPage = await (await reader.get(`${base}/clauses/respect`)).text();
		expect(respectPage).toContain('class="notice restate-notice"');
		expect(respectPage).toContain('id="earlier-v1"');
		expect(respectPage).toContain('Muy bien.');
		// Feedback can no longer be given on version 1.
		expect((await reader.post(`${base}/clauses/respect?/stance`, { revision: respectV1, stance: 'oppose', language: 'es' })).status).toBe(409);

		// The committee answers version 1's feedback; "what we heard" for version 2 shows it beside the numbers.
		const respond = await committee.post(`${base}/clauses/respect?/respond`, {
			revision: respectV1,
			status: 'accepted',
			explanation: 'Kept as it was: *everyone* agreed.',
			actedInVersion: '2'
		});
		expect(respond.status).toBe(200);
		const heard = await (await new Client(server.url).get(`${base}/versions/2/heard`)).text();
		expect(heard).toContain('Kept as it was: <em>everyone</em> agreed.');
		const respectSection = heard.slice(heard.indexOf('id="heard-respect"'), heard.indexOf('id="heard-reporting"'));
		// Lucía's home language is Spanish: one stance of support and one comment, in the Spanish row.
		expect(respectSection).toMatch(/<th scope="row">Spanish<\/th>\s*<td>1<\/td>\s*<td>0<\/td>\s*<td>0<\/td>\s*<td>1<\/td>/);
		// Each clause's section carries its change: purpose reworded, appeals new, respect kept.
		expect(changeBadge(heard, 'purpose')).toBe('modified');
		expect(changeBadge(heard, 'appeals')).toBe('added');
		expect(changeBadge(heard, 'respect')).toBe('unchanged');
		expect((await new Client(server.url).get(`${base}/versions/1/heard`)).status).toBe(200);
		expect((await new Client(server.url).get(`${base}/versions/9/heard`)).status).toBe(404);

		// The reader in Spanish is told the purpose translation describes an earlier wording.
		const purposeEs = await (await new Client(server.url).get(`${base}/clauses/purpose?lang=es`)).text();
		expect(purposeEs).toContain('class="notice outdated-notice"');
		// The translator sees what changed and updates it.
		const editor = await (await translator.get(`${base}/translate/es/purpose`)).text();
		expect(editor).toContain('<ins');
		const purposeRev = /name="revision" value="(\d+)"/.exec(editor)![1];
		expect((await translator.post(`${base}/translate/es/purpose`, { revision: purposeRev, heading: 'Propósito', body: 'Texto nuevo.' })).status).toBe(200);
		expect((await clausesOf(2, 'es')).find((c) => c.key === 'purpose')).toMatchObject({ outdated: false });

		// Version 3 drops "reporting"; a restated stance on version 2 stays there.
		const respectV2 = await revisionOf(reader, 'respect');
		expect((await reader.post(`${base}/clauses/respect?/stance`, { revision: respectV2, stance: 'oppose', language: 'es' })).status).toBe(200);
		const V3 = V2.replace(/## 3 Reporting \{#reporting\}\n\nReport problems to the organisers by email or in person.\n\n/, '');
		expect((await committee.post(`${base}/import?/publish`, { document: V3, headingLevel: '2', note: 'Third' })).status).toBe(303);
		expect((await clausesOf(3)).map((c) => c.key)).toEqual(['purpose', 'respect', 'appeals']);
		const respectV3 = await (await reader.get(`${base}/clauses/respect`)).text();
		expect(respectV3).toContain('id="earlier-v2"');
		expect(respectV3).toContain('id="earlier-v1"');
		expect((await clausesOf(1)).find((c) => c.key === 'respect')!.counts.support).toBe(1);
		expect((await clausesOf(2)).find((c) => c.key === 'respect')!.counts).toMatchObject({ support: 0 });
		expect(((await clausesOf(2)).find((c) => c.key === 'respect')!.counts as { oppose?: number }).oppose).toBe(1);
		// Reporting's history ends at version 2, and its page in version 3 does not exist.
		expect((await reader.get(`${base}/clauses/reporting`)).status).toBe(404);
		expect((await reader.get(`${base}/clauses/reporting?version=2`)).status).toBe(200);
	});

	it('refuses one previous clause matched twice, naming the line', async () => {
		const doc = '## 1 A {#purpose}\n\nText one.\n\n## 2 B\n\nText two.';
		const previewHtml = await (await committee.post(`${base}/import?/preview`, { document: doc, headingLevel: '2', note: '' })).text();
		const hash = /name="matchFor" value="([0-9a-f]+)"/.exec(previewHtml)![1];
		const response = await committee.post(`${base}/import?/publish`, {
			document: doc,
			headingLevel: '2',
			note: '',
			matchFor: hash,
			'match.0': 'purpose',
			'match.1': 'purpose'
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/Line 5/);
	});

	it('does not apply a review made for another text', async () => {
		const response = await committee.post(`${base}/import?/publish`, {
			document: '## 1 Z {#purpose}\n\nChanged.',
			headingLevel: '2',
			note: '',
			matchFor: 'deadbeef',
			'match.0': ''
		});
		expect(response.status).toBe(409);
	});

	it('lets the committee edit the next version clause by clause, and no one else', async () => {
		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		expect((await participant.get(`${base}/draft`)).status).toBe(403);
		expect((await participant.post(`${base}/draft?/start`, {})).status).toBe(403);

		const before = await clausesOf(3);
		expect((await committee.post(`${base}/draft?/start`, {})).status).toBe(200);
		const edit = await committee.post(`${base}/draft?/save`, { key: 'appeals', label: '3', heading: 'Appeals', body: 'Anyone may appeal a decision twice.' });
		expect(edit.status).toBe(200);
		expect((await committee.post(`${base}/draft?/save`, { key: 'appeals', label: '3', heading: '', body: 'x' })).status).toBe(400);
		expect((await committee.post(`${base}/draft?/add`, { form: 'add', afterKey: 'purpose', label: '1a', heading: 'Safety at night', body: 'Walk people home.', key: '' })).status).toBe(200);
		expect((await committee.post(`${base}/draft?/move`, { key: 'appeals', by: '-1' })).status).toBe(200);
		expect((await committee.post(`${base}/draft?/remove`, { key: 'respect' })).status).toBe(200);
		// A duplicate number blocks publication, with a message and nothing published.
		expect((await committee.post(`${base}/draft?/save`, { key: 'appeals', label: '1', heading: 'Appeals', body: 'Anyone may appeal a decision twice.' })).status).toBe(200);
		const refused = await committee.post(`${base}/draft?/publish`, { form: 'publish', note: 'Fourth' });
		expect(refused.status).toBe(409);
		expect((await new Client(server.url).get(`/api/v1/consultations/${SLUG}/versions/4/clauses`)).status).toBe(404);
		expect((await committee.post(`${base}/draft?/save`, { key: 'appeals', label: '3', heading: 'Appeals', body: 'Anyone may appeal a decision twice.' })).status).toBe(200);
		const published = await committee.post(`${base}/draft?/publish`, { form: 'publish', note: 'Fourth, edited in place' });
		expect(published.status).toBe(303);

		const v4 = await clausesOf(4);
		expect(v4.map((c) => c.key)).toEqual(['purpose', 'safety-at-night', 'appeals']);
		// Version 3 is untouched.
		expect((await clausesOf(3)).map((c) => c.key)).toEqual(before.map((c) => c.key));
		// Published versions cannot be edited: there is no draft any more.
		expect((await committee.post(`${base}/draft?/save`, { key: 'appeals', label: '3', heading: 'A', body: 'b' })).status).toBe(404);
	});

	it('names in the import preview the clause and line whose HTML is removed, and refuses a clause left empty by it', async () => {
		const doc = [
			'## 1 Purpose {#purpose}', // 1
			'',
			'Meetings stay <span style="color:red">safe</span> for all.', // 3
			'',
			'## 2 Only markup', // 5
			'',
			'<div onclick="steal()"><script>alert(1)</script></div>' // 7
		].join('\n');
		const html = await (await committee.post(`${base}/import?/preview`, { document: doc, headingLevel: '2', note: '' })).text();
		// Each clause's item, up to its end (the page's data for the browser follows the last one).
		const clauses = html.split('<li class="preview-clause"').slice(1).map((c) => c.split('</li>')[0]);
		expect(clauses).toHaveLength(2);
		// The notice is on its own clause, naming the line, in the reader's language.
		expect(clauses[0]).toContain('Line 3: HTML written in this clause is not kept; it was removed from the clause text.');
		expect(clauses[1]).toContain('Line 7: HTML written in this clause is not kept');
		expect(clauses[1]).not.toContain('Line 3:');
		expect(html).toContain('Line 5: the clause has no text once its HTML is removed.');
		const hash = /name="matchFor" value="([0-9a-f]+)"/.exec(html)![1];
		for (const action of ['publish', 'saveDraft']) {
			const refused = await committee.post(`${base}/import?/${action}`, { document: doc, headingLevel: '2', note: '', matchFor: hash, 'match.0': 'purpose', 'match.1': '' });
			expect(refused.status).toBe(400);
			expect(await refused.text()).toContain('Line 5: the clause has no text once its HTML is removed.');
		}
		expect((await new Client(server.url).get(`/api/v1/consultations/${SLUG}/versions/5/clauses`)).status).toBe(404);
		expect(await (await committee.get(`${base}/import`)).text()).not.toContain('Draft version 5');

		// The same rule when a consultation is created.
		const created = await committee.post('/consultations/new?/publish', {
			title: 'Only markup',
			slug: 'only-markup',
			description: 'Refused.',
			sourceLanguage: 'en',
			languages: 'es',
			document: doc,
			headingLevel: '2',
			note: ''
		});
		expect(created.status).toBe(400);
		expect(await created.text()).toContain('Line 5: the clause has no text once its HTML is removed.');
		expect((await committee.get('/consultations/only-markup')).status).toBe(404);
	});
});
