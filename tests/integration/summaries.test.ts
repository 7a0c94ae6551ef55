// Liaison summaries over HTTP on the built server, with plain form posts (no JavaScript): the Arabic
// liaison writes and publishes a summary; other liaisons and participants are refused; bad input is
// refused with translated messages; the public page, the clause page and the API show the result.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import en from '../../messages/en.json';
import ar from '../../messages/ar.json';
import es from '../../messages/es.json';

let server: RunningServer;
let liaison: Client;
const BASE = '/consultations/code-of-conduct';
let editPath = '';
let summaryId = 0;

beforeAll(async () => {
	server = await startServer({ demo: true });
	liaison = new Client(server.url, { 'accept-language': 'ar' });
	await liaison.logIn('liaison_ar', 'polyphony-demo');
});
afterAll(async () => {
	await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The form as the edit page posts it: narrative, two channels (20 + 10 people), entries by clause key. */
function summaryForm(overrides: Record<string, string> = {}): Record<string, string> {
	return {
		narrative: 'أيّد معظم المشاركين البند **3.1**، وطالبوا بأمثلة أوضح.',
		narrativeLanguage: 'ar',
		narrativeTranslation: 'Most participants supported clause **3.1** and asked for clearer examples.',
		translationLanguage: 'en',
		'channel.0.kind': 'chat-group',
		'channel.0.description': 'مجموعة واتساب للمحررين',
		'channel.0.participants': '20',
		'channel.0.startedOn': '2026-03-01',
		'channel.0.endedOn': '2026-03-10',
		'channel.1.kind': 'video-call',
		'channel.1.description': 'ساعات مكتبية',
		'channel.1.participants': '10',
		'channel.1.startedOn': '2026-03-05',
		'channel.1.endedOn': '',
		'channel.2.kind': '',
		'channel.2.description': '',
		'channel.2.participants': '',
		'channel.2.startedOn': '',
		'channel.2.endedOn': '',
		'entry.harassment.asked': 'on',
		'entry.harassment.support': '12',
		'entry.harassment.oppose': '5',
		'entry.harassment.neutral': '3',
		'entry.harassment.keyPoints': 'أمثلة أوضح عن التحرش عبر المنصات.',
		'entry.harassment.quote.0.original': 'نحتاج إلى أمثلة من واقعنا.',
		'entry.harassment.quote.0.language': 'ar',
		'entry.harassment.quote.0.translation': 'We need examples from our own reality.',
		'entry.harassment.quote.1.original': '',
		'entry.harassment.quote.1.language': 'ar',
		'entry.harassment.quote.1.translation': '',
		'entry.purpose.support': '',
		'entry.purpose.oppose': '',
		'entry.purpose.neutral': '',
		'entry.purpose.keyPoints': 'لم نسأل عن هذا البند.',
		...overrides
	};
}

describe('liaison summaries', () => {
	it('are started by the language’s liaison, who sees only their languages', async () => {
		const list = await liaison.get(`${BASE}/summaries`);
		expect(list.status).toBe(200);
		const html = await list.text();
		expect(html).toContain(ar.summaries.manageTitle);
		// The demo's Arabic summary of version 1 is listed; the Spanish one is not.
		expect(html).toContain('lang="ar"');
		expect(html).not.toContain('lang="es" dir="ltr">español');

		const created = await liaison.post(`${BASE}/summaries?/create`, { version: '2', language: 'ar' });
		expect(created.status).toBe(303);
		editPath = created.headers.get('location')!;
		expect(editPath).toMatch(/^\/consultations\/code-of-conduct\/summaries\/\d+\/edit$/);
		summaryId = Number(/summaries\/(\d+)/.exec(editPath)![1]);
		// Starting again opens the same summary.
		const again = await liaison.post(`${BASE}/summaries?/create`, { version: '2', language: 'ar' });
		expect(again.headers.get('location')).toBe(editPath);

		const edit = await liaison.get(editPath);
		expect(edit.status).toBe(200);
		const form = await edit.text();
		expect(form).toContain('<html lang="ar" dir="rtl">');
		for (const name of ['narrative', 'channel.0.participants', 'channel.2.kind', 'entry.harassment.support', 'entry.retaliation.quote.1.original']) {
			expect(form).toContain(`name="${name}"`);
		}
		expect(form).toContain('type="number" min="0" step="1"');
	});

	it('refuses everyone but the language’s liaisons and the committee', async () => {
		const spanish = new Client(server.url);
		await spanish.logIn('liaison_es', 'polyphony-demo');
		// The summary is still a draft: to anyone who may not write it, it does not exist.
		expect((await spanish.get(editPath)).status).toBe(404);
		expect((await spanish.post(`${editPath}?/save`, summaryForm())).status).toBe(404);
		expect((await spanish.post(`${BASE}/summaries?/create`, { version: '2', language: 'ar' })).status).toBe(403);
		// Their own language is fine.
		expect((await spanish.post(`${BASE}/summaries?/create`, { version: '2', language: 'es' })).status).toBe(303);

		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		expect((await participant.get(`${BASE}/summaries`)).status).toBe(403);
		expect((await participant.get(editPath)).status).toBe(404);
		expect((await participant.post(`${editPath}?/publish`, summaryForm())).status).toBe(404);
		expect((await participant.post(`${BASE}/summaries?/create`, { version: '2', language: 'ar' })).status).toBe(403);

		const anonymous = new Client(server.url);
		const redirected = await anonymous.get(editPath);
		expect(redirected.status).toBe(303);
		expect(redirected.headers.get('location')).toContain('/login?redirectTo=');

		const committee = new Client(server.url);
		await committee.logIn('committee', 'polyphony-demo');
		expect((await committee.get(editPath)).status).toBe(200);

		expect(query('select * from summary_channels where summary_id = ?', summaryId)).toEqual([]);
	});

	it('refuses bad input with translated messages next to the fields, storing nothing', async () => {
		const cases: [Record<string, string>, string][] = [
			[{ 'entry.harassment.support': '60%' }, ar.errors.countPercent],
			[{ 'entry.harassment.support': '12.5' }, ar.errors.countWhole],
			[{ 'entry.harassment.oppose': '-5' }, ar.errors.countNegative],
			[{ 'entry.harassment.support': '25' }, ar.errors.countsExceedParticipants.replace('{{reported}}', '33').replace('{{participants}}', '30')],
			[{ 'channel.1.endedOn': '2026-03-01' }, ar.errors.channelDatesOrder],
			[{ 'channel.0.startedOn': '2026-02-31' }, ar.errors.dateInvalid],
			[{ 'entry.harassment.quote.0.translation': '' }, ar.errors.quoteTranslationRequired],
			[{ 'entry.no-such-clause.keyPoints': 'x', 'entry.no-such-clause.support': '' }, ar.errors.summaryClauseNotFound],
			[{ 'entry.purpose.support': '4' }, ar.errors.countNotAsked]
		];
		for (const [overrides, message] of cases) {
			const response = await liaison.post(`${editPath}?/save`, summaryForm(overrides));
			expect(response.status, JSON.stringify(overrides)).toBe(400);
			// The markup only: the page's scripts must not be what contains the message.
			const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, JSON.stringify(overrides)).toContain(message);
			// Above the form: the message itself when it concerns no field, else a pointer to the fields.
			const formError = /class="form-error"[^>]*>([^<]*)</.exec(html)?.[1];
			expect(formError, JSON.stringify(overrides)).toBe(message === ar.errors.summaryClauseNotFound ? message : ar.summaries.fixErrors);
		}
		// The typed values come back as they were, and the message sits next to its field.
		const html = await (await liaison.post(`${editPath}?/save`, summaryForm({ 'entry.harassment.support': '60%' }))).text();
		expect(html).toContain(`id="entry-harassment-support-error" class="field-error" aria-live="polite">${ar.errors.countPercent}</p>`);
		expect(html).toContain('مجموعة واتساب للمحررين');

		// English readers get English messages.
		const english = new Client(server.url, { 'accept-language': 'en' });
		english.cookies.set('polyphony_session', liaison.cookies.get('polyphony_session')!);
		const refused = await english.post(`${editPath}?/save`, summaryForm({ 'entry.harassment.support': '60 %' }));
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(en.errors.countPercent);

		// Publishing needs a channel.
		const empty = Object.fromEntries(Object.entries(summaryForm()).filter(([k]) => !k.startsWith('channel.') && !k.startsWith('entry.harassment')));
		const noChannel = await liaison.post(`${editPath}?/publish`, empty);
		expect(noChannel.status).toBe(400);
		expect(await noChannel.text()).toContain(ar.errors.channelsRequired);

		expect(query('select * from summary_channels where summary_id = ?', summaryId)).toEqual([]);
		expect(query('select * from summary_entries where summary_id = ?', summaryId)).toEqual([]);
	});

	it('adds a row without JavaScript, keeping what was typed', async () => {
		const response = await liaison.post(`${editPath}?/addChannel`, summaryForm());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('name="channel.3.kind"');
		expect(html).not.toContain('name="channel.4.kind"');
		expect(html).toContain('value="مجموعة واتساب للمحررين"');
		expect(html).toContain('نحتاج إلى أمثلة من واقعنا.');
		const quote = await liaison.post(`${editPath}?/addQuote`, { ...summaryForm(), addQuote: 'harassment' });
		expect(await quote.text()).toContain('name="entry.harassment.quote.2.original"');
		expect(query('select * from summary_channels where summary_id = ?', summaryId)).toEqual([]);
	});

	it('saves a draft that only its writers see, then publishes it for everyone', async () => {
		const saved = await liaison.post(`${editPath}?/save`, summaryForm());
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`${editPath}?saved`);
		expect(await (await liaison.get(`${editPath}?saved`)).text()).toContain(ar.summaries.saved);
		expect(query<{ status: string }>('select status from liaison_summaries where id = ?', summaryId)).toEqual([{ status: 'draft' }]);
		expect(query('select kind, participants from summary_channels where summary_id = ? order by position', summaryId)).toEqual([
			{ kind: 'chat-group', participants: 20 },
			{ kind: 'video-call', participants: 10 }
		]);

		const visitor = new Client(server.url, { 'accept-language': 'en' });
		expect((await visitor.get(`${BASE}/summaries/${summaryId}`)).status).toBe(404);
		const apiBefore = (await (await visitor.get('/api/v1/consultations/code-of-conduct/versions/2/summaries')).json()) as { summaries: unknown[] };
		expect(apiBefore.summaries).toEqual([]);

		const published = await liaison.post(`${editPath}?/publish`, summaryForm());
		expect(published.status).toBe(303);
		expect(published.headers.get('location')).toBe(`${BASE}/summaries/${summaryId}?published`);

		const page = await visitor.get(`${BASE}/summaries/${summaryId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Most participants supported clause <strong>3.1</strong>');
		expect(html).toContain('<div class="prose summary-narrative" lang="ar" dir="auto">');
		expect(html).toContain('مجموعة واتساب للمحررين');
		expect(html).toContain(en.summaries.channel['chat-group']);
		// Counts with their computed share and its denominator.
		expect(html).toContain('12 support (60% of 20 reported)');
		expect(html).toContain('5 oppose (25% of 20 reported)');
		expect(html).toContain('<blockquote lang="ar" dir="auto">نحتاج إلى أمثلة من واقعنا.</blockquote>');
		expect(html).toContain(en.summaries.notAsked);
		expect(html).toContain(en.summaries.noHistory);
	});

	it('shows the reported numbers beside the on-platform ones on the clause page, and in the API', async () => {
		// One participant supports the clause on the platform itself.
		const participant = new Client(server.url, { 'accept-language': 'en' });
		await participant.logIn('participant', 'polyphony-demo');
		const clausePage = await (await participant.get(`${BASE}/clauses/harassment`)).text();
		const revision = /action="\?\/stance"[\s\S]*?name="revision" value="(\d+)"/.exec(clausePage)![1];
		expect((await participant.post(`${BASE}/clauses/harassment?/stance`, { revision, stance: 'support', reason: '', language: 'en' })).status).toBe(200);

		const visitor = new Client(server.url, { 'accept-language': 'en' });
		const html = await (await visitor.get(`${BASE}/clauses/harassment`)).text();
		const table = html.slice(html.indexOf('class="reported-counts-beside"'), html.indexOf('</table>', html.indexOf('class="reported-counts-beside"')));
		expect(table).toContain(en.summaries.onPlatformAll);
		expect(table).toContain(en.summaries.reportedBy.replace('{{language}}', 'Arabic'));
		expect(table).toContain(`href="${BASE}/summaries/${summaryId}"`);
		expect(table).toContain('12 (60% of 20)');
		// The on-platform counts are shown as they are, labelled as such: never with the reported 12 added.
		const api = (await (await visitor.get('/api/v1/consultations/code-of-conduct/versions/2/clauses')).json()) as {
			clauses: { key: string; counts: { support: number; oppose: number; neutral: number } }[];
		};
		const counts = api.clauses.find((c) => c.key === 'harassment')!.counts;
		expect(counts.support).toBeGreaterThan(0);
		const total = counts.support + counts.oppose + counts.neutral;
		const onPlatformRow = table.slice(table.indexOf('class="on-platform"'), table.indexOf('</tr>', table.indexOf('class="on-platform"')));
		expect(onPlatformRow).toContain(`<td>${counts.support} (`);
		expect(onPlatformRow).toContain(`of ${total})</td>`);
		expect(html).not.toContain(`${counts.support + 12} support`);

		const summaries = (await (await visitor.get('/api/v1/consultations/code-of-conduct/versions/2/summaries')).json()) as {
			summaries: { id: number; language: string; participants: number; entries: { clause: string; asked: boolean; counts: unknown; reported: number | null }[] }[];
		};
		expect(summaries.summaries.map((s) => [s.id, s.language, s.participants])).toEqual([[summaryId, 'ar', 30]]);
		expect(summaries.summaries[0].entries).toMatchObject([
			{ clause: 'purpose', asked: false, counts: null, reported: null },
			{ clause: 'harassment', asked: true, counts: { support: 12, oppose: 5, neutral: 3 }, reported: 20 }
		]);
		const unknown = await visitor.get('/api/v1/consultations/code-of-conduct/versions/9/summaries', { 'accept-language': 'ar' });
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(ar.errors.versionNotFound);

		// The consultation page lists it for the version being read.
		const consultation = await (await visitor.get(BASE)).text();
		expect(consultation).toContain(`href="${BASE}/summaries/${summaryId}"`);
	});

	it('lets the committee answer the published summary without JavaScript; everyone then reads the answer', async () => {
		const path = `${BASE}/summaries/${summaryId}`;
		const visitor = new Client(server.url, { 'accept-language': 'en' });
		const before = await (await visitor.get(path)).text();
		expect(before).toContain(en.responses.noneForSummary);
		expect(before).not.toContain('action="?/respond"');

		const committee = new Client(server.url, { 'accept-language': 'es' });
		await committee.logIn('committee', 'polyphony-demo');
		expect(await (await committee.get(path)).text()).toContain('action="?/respond"');
		// Bad input: refused with the translated message, nothing stored.
		let response = await committee.post(`${path}?/respond`, { status: 'partly', explanation: '  ', actedInVersion: '' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(es.errors.explanationEmpty);
		response = await committee.post(`${path}?/respond`, { status: 'partly', explanation: 'x', actedInVersion: '42' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(es.errors.versionNotFound);
		expect(query('select id from summary_responses where summary_id = ?', summaryId)).toEqual([]);

		response = await committee.post(`${path}?/respond`, {
			status: 'partly',
			explanation: 'We add **examples** from your chat groups to clause 3.1.',
			actedInVersion: '2'
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(es.responses.saved);
		// Answering again replaces the answer.
		response = await committee.post(`${path}?/respond`, { status: 'accepted', explanation: 'We add **examples** from your chat groups.', actedInVersion: '2' });
		expect(response.status).toBe(200);
		expect(query('select status from summary_responses where summary_id = ?', summaryId)).toEqual([{ status: 'accepted' }]);

		const after = await (await visitor.get(path)).text();
		const box = after.slice(after.indexOf('id="committee-response"'));
		expect(box).toContain(en.responses.status.accepted);
		expect(box).toContain('We add <strong>examples</strong> from your chat groups.');
		expect(box).toContain(`href="${BASE}?version=2"`);
		expect(after).not.toContain('action="?/respond"');

		const api = (await (await visitor.get('/api/v1/consultations/code-of-conduct/versions/2/summaries')).json()) as {
			summaries: { id: number; response: { status: string; explanation: { language: string; text: string }; actedInVersion: number | null } | null }[];
		};
		expect(api.summaries.find((x) => x.id === summaryId)!.response).toMatchObject({
			status: 'accepted',
			explanation: { language: 'en', text: 'We add **examples** from your chat groups.' },
			actedInVersion: 2
		});

		// The dashboard says which summaries have an answer.
		const dashboard = await (await committee.get(`${BASE}/dashboard?version=2`)).text();
		const link = dashboard.slice(dashboard.indexOf(`href="${path}#committee-response"`), dashboard.indexOf('</a>', dashboard.indexOf(`href="${path}#committee-response"`)));
		expect(link).toContain(es.dashboard.summaryAnswered);
		expect(link).toContain(es.responses.status.accepted);
	});

	it('lists the previous version’s summaries with the committee’s answers on “what we heard”', async () => {
		const html = await (await new Client(server.url, { 'accept-language': 'en' }).get(`${BASE}/versions/2/heard`)).text();
		const section = html.slice(html.indexOf('id="summaries-heading"'), html.indexOf('</section>', html.indexOf('id="summaries-heading"')));
		expect(section).toContain(en.heard.summariesHeading.replace('{{previous}}', '1'));
		const answered = query<{ id: number; language: string; status: string }>(
			`select s.id, s.language, r.status from liaison_summaries s join summary_responses r on r.summary_id = s.id
			 join draft_versions v on v.id = s.version_id where v.number = 1 order by s.language`
		);
		expect(answered.map((a) => a.language)).toEqual(['ar', 'es']);
		for (const a of answered) {
			const item = section.slice(section.indexOf(`/summaries/${a.id}"`), section.indexOf('</li>', section.indexOf(`/summaries/${a.id}"`)));
			expect(item).toContain(en.responses.status[a.status as keyof typeof en.responses.status]);
		}
		expect(section).toContain('Arabic community: summary by its liaison');
		// The Persian summary has no answer yet, and says so.
		expect(section).toContain(en.responses.noneForSummary);
	});

	it('keeps the published text in the history when it is edited', async () => {
		const edited = await liaison.post(
			`${editPath}?/publish`,
			summaryForm({ narrative: 'نص مصحَّح بعد النشر.', 'entry.harassment.support': '14', 'entry.harassment.oppose': '3' })
		);
		expect(edited.status).toBe(303);
		expect(query('select id from summary_history where summary_id = ?', summaryId)).toHaveLength(1);
		const html = await (await new Client(server.url, { 'accept-language': 'en' }).get(`${BASE}/summaries/${summaryId}`)).text();
		expect(html).toContain('نص مصحَّح بعد النشر.');
		const history = html.slice(html.indexOf('id="history-heading"'));
		expect(history).toContain('أيّد معظم المشاركين البند <strong>3.1</strong>');
		expect(history).toContain('12 support (60% of 20 reported)');
		expect(html).toContain('14 support (70% of 20 reported)');
	});
});
