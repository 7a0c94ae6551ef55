// Committee responses over HTTP on the built server: the committee answers a clause's feedback and
// one comment with plain form posts (no JavaScript); everyone sees the answers; no one else may give them.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { Client } from '../support/http';
import en from '../../messages/en.json';
import ar from '../../messages/ar.json';

let server: RunningServer;
let committee: Client;
const CLAUSE = '/consultations/code-of-conduct/clauses/off-platform';

beforeAll(async () => {
	server = await startServer({ demo: true });
	const db = new Database(server.databasePath, { readonly: true });
	demoResponses = (db.prepare('select coalesce(max(id), 0) as n from committee_responses').get() as { n: number }).n;
	db.close();
	committee = new Client(server.url);
	await committee.logIn('committee', 'polyphony-demo');
});
afterAll(async () => {
	await server?.stop();
});

interface Row {
	id: number;
	revision_id: number;
	comment_id: number | null;
	status: string;
	explanation: string;
	acted_in_version_id: number | null;
	created_at: number;
	updated_at: number;
}

/** The responses these tests recorded (the demo brings its own, which they leave aside). */
let demoResponses = 0;

function storedResponses(): Row[] {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare('select * from committee_responses where id > ? order by id').all(demoResponses) as Row[];
	} finally {
		db.close();
	}
}

/** The revision the committee's clause form answers, and the first comment shown on the page. */
async function targets(): Promise<{ revision: string; comment: string }> {
	const html = await (await committee.get(CLAUSE)).text();
	const form = /<form method="POST" action="\?\/respond"[\s\S]*?name="revision" value="(\d+)"/.exec(html);
	const comment = /id="comment-(\d+)"/.exec(html);
	if (!form || !comment) throw new Error('the clause page has no response form or no comment');
	return { revision: form[1], comment: comment[1] };
}

/**
 * The HTML of one comment, up to the next comment or the section of earlier versions' feedback
 * (its replies come after its response).
 */
function commentHtml(html: string, id: string): string {
	const start = html.indexOf(`id="comment-${id}"`);
	expect(start).toBeGreaterThan(-1);
	const next = /id="comment-\d+"|id="earlier-heading"/g;
	next.lastIndex = start + 1;
	const end = next.exec(html)?.index;
	return html.slice(start, end);
}

describe('committee responses', () => {
	it('are recorded by the committee without JavaScript and shown to every visitor', async () => {
		const { revision, comment } = await targets();

		let response = await committee.post(`${CLAUSE}?/respond`, {
			revision,
			status: 'partly',
			explanation: 'We **narrowed** the clause to conduct aimed at community members.',
			actedInVersion: '1'
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(en.responses.saved);

		response = await committee.post(`${CLAUSE}?/respond`, {
			revision,
			comment,
			status: 'declined',
			explanation: 'Private groups stay outside the clause unless someone is *targeted* there.',
			actedInVersion: ''
		});
		expect(response.status).toBe(200);

		const visitor = new Client(server.url);
		const html = await (await visitor.get(CLAUSE)).text();
		const section = html.slice(html.indexOf('class="committee-response"'), html.indexOf('id="reasons"'));
		expect(section).toContain(`class="badge response-badge partly">${en.responses.status.partly}</span>`);
		expect(section).toContain('We <strong>narrowed</strong> the clause');
		expect(section).toContain('Kenji Watanabe');
		expect(section).toMatch(/<a href="\?version=1">Acted on in version 1<\/a>/);

		const answered = commentHtml(html, comment);
		expect(answered).toContain(en.responses.fromCommittee);
		expect(answered).toContain(`class="badge response-badge declined">${en.responses.status.declined}</span>`);
		expect(answered).toContain('unless someone is <em>targeted</em> there.');
		expect(answered).not.toContain('Acted on in version');

		// Visitors see the answers, not the committee's forms.
		expect(html).not.toContain('action="?/respond"');
		const committeePage = await (await committee.get(CLAUSE)).text();
		expect(committeePage).toContain(`name="comment" value="${comment}"`);

		expect(storedResponses()).toHaveLength(2);
	});

	it('keeps one response per target: recording again replaces it', async () => {
		const { revision, comment } = await targets();
		const before = storedResponses();
		const clauseBefore = before.find((r) => r.comment_id === null)!;

		const response = await committee.post(`${CLAUSE}?/respond`, {
			revision,
			status: 'accepted',
			explanation: 'After the second round of feedback, we accept the proposal in full.',
			actedInVersion: ''
		});
		expect(response.status).toBe(200);
		const again = await committee.post(`${CLAUSE}?/respond`, { revision, comment, status: 'noted', explanation: 'Noted, thank you.' });
		expect(again.status).toBe(200);

		const after = storedResponses();
		expect(after).toHaveLength(2);
		const clauseAfter = after.find((r) => r.comment_id === null)!;
		expect(clauseAfter).toMatchObject({ id: clauseBefore.id, status: 'accepted', acted_in_version_id: null, created_at: clauseBefore.created_at });
		expect(clauseAfter.updated_at).toBeGreaterThanOrEqual(clauseBefore.updated_at);
		expect(after.find((r) => r.comment_id === Number(comment))).toMatchObject({ status: 'noted' });

		const html = await (await new Client(server.url).get(CLAUSE)).text();
		expect(html).toContain('we accept the proposal in full');
		expect(html).not.toContain('We <strong>narrowed</strong>');
		expect(commentHtml(html, comment)).toContain(`class="badge response-badge noted">${en.responses.status.noted}</span>`);
	});

	it('refuses everyone but the committee, and bad input, storing nothing', async () => {
		const { revision, comment } = await targets();
		const before = storedResponses();

		const participant = new Client(server.url);
		await participant.logIn('participant', 'polyphony-demo');
		expect((await participant.post(`${CLAUSE}?/respond`, { revision, status: 'accepted', explanation: 'I accept my own idea.' })).status).toBe(403);
		expect((await participant.post(`${CLAUSE}?/respond`, { revision, comment, status: 'declined', explanation: 'No.' })).status).toBe(403);
		const anonymous = await new Client(server.url).post(`${CLAUSE}?/respond`, { revision, status: 'accepted', explanation: 'x' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/);

		let response = await committee.post(`${CLAUSE}?/respond`, { revision, status: 'maybe', explanation: 'Hmm.' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(en.errors.responseStatusRequired);

		response = await committee.post(`${CLAUSE}?/respond`, { revision, status: 'accepted', explanation: 'Done.', actedInVersion: '99' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(en.errors.versionNotFound);

		response = await committee.post(`${CLAUSE}?/respond`, { revision, status: 'accepted', explanation: '   ' });
		expect(response.status).toBe(400);
		response = await committee.post(`${CLAUSE}?/respond`, { revision, status: 'accepted', explanation: 'z'.repeat(10_001) });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(en.errors.explanationTooLong);

		// A revision of another clause, and a comment that is not on this revision, are refused.
		const other = await (await committee.get('/consultations/code-of-conduct/clauses/enforcement')).text();
		const otherRevision = /action="\?\/respond"[\s\S]*?name="revision" value="(\d+)"/.exec(other)![1];
		const otherComment = /id="comment-(\d+)"/.exec(other)![1];
		response = await committee.post(`${CLAUSE}?/respond`, { revision: otherRevision, status: 'noted', explanation: 'Wrong clause.' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(en.errors.responseTarget);
		response = await committee.post(`${CLAUSE}?/respond`, { revision, comment: otherComment, status: 'noted', explanation: 'Wrong comment.' });
		expect(response.status).toBe(400);

		expect(storedResponses()).toEqual(before);
	});

	it('reads right to left in Arabic, the explanation keeping its own language and direction', async () => {
		const { comment } = await targets();
		const html = await (await new Client(server.url).get(CLAUSE, { 'accept-language': 'ar' })).text();
		expect(html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(html).toContain(`<h2 id="committee-response-heading">${ar.responses.heading}</h2>`);
		expect(html).toContain(`>${ar.responses.status.accepted}</span>`);
		expect(html).toMatch(/<div class="prose response-body" lang="en" dir="auto">/);
		expect(commentHtml(html, comment)).toContain(ar.responses.fromCommittee);
	});
});
