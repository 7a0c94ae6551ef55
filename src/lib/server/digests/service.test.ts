// The per-community digest on a real SQLite file: what it quotes and counts, that nothing only the
// committee (or only moderators) may read reaches it, the liaison's pull, and its downloads against
// the injection corpora the consolidated report is tested with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { PUBLIC_TEXT, SECRET, seedExportFixture, type ExportFixture } from '../../../../tests/support/export';
import { answerFixtureSummaries, type SummaryResponses } from '../../../../tests/support/summary-responses';
import { seedReportPayloads } from '../../../../tests/support/report-payloads';
import { externalLinkTargets, markdownAddresses, SAFE_WIKI_TARGET, wikitextOutsideLiteral } from '../../../../tests/support/report-checks';
import WIKITEXT_PAYLOADS from '../../../../tests/fixtures/wikitext-payloads.json';
import MARKDOWN_LINK_PAYLOADS from '../../../../tests/fixtures/markdown-link-payloads.json';
import { consultations, draftVersions, type Consultation } from '../db/schema';
import { addComment } from '../comments/service';
import { createTranslator } from '../../i18n/translator';
import { CATALOGS } from '../i18n/catalogs';
import { markdownSyntax, wikitextSyntax, type Syntax } from '../export/report';
import { buildDemo } from '../demo/build';
import { communityDigest, digestCommunities, digestPicks, resolvePick, type Digest } from './service';
import { digestReport } from './report';
import { pullKeyPoint, pullQuote } from './pull';
import { withBlankRows, type SummaryFormState } from '../summaries/form';

let t: TestDb;
let consultation: Consultation;
let fixture: ExportFixture;
let answers: SummaryResponses;
let versionId: number;
const NOW = Date.UTC(2026, 4, 15, 12);

beforeEach(() => {
	t = createTestDb();
	const made = makeConsultation(t.db, { languages: ['es', 'ar'] });
	consultation = made.consultation;
	versionId = made.version.id;
	fixture = seedExportFixture(t.db, consultation, { versionNumber: 1, published: 'ar', draft: 'es', now: NOW });
	answers = answerFixtureSummaries(t.db, consultation, { versionNumber: 1, published: 'ar', draft: 'es', authorId: fixture.users.committee, now: NOW });
});
afterEach(() => t.close());

const digestOf = (community: string, reader = 'en') => communityDigest(t.db, consultation, { id: versionId, number: 1 }, community, reader);
const everySecret = Object.values(SECRET);

function report(digest: Digest, syntax: Syntax): string {
	return digestReport(digest, syntax, {
		t: createTranslator('en', CATALOGS.en),
		locale: 'en',
		consultation: { title: consultation.title, sourceLanguage: 'en' },
		pageUrl: `https://polyphony.example/consultations/${consultation.slug}/versions/1/communities/${digest.community}`,
		clauseUrl: (key) => `https://polyphony.example/consultations/${consultation.slug}/clauses/${key}?version=1`,
		summaryUrl: (id) => `https://polyphony.example/consultations/${consultation.slug}/summaries/${id}`,
		now: NOW
	});
}

describe('a community digest', () => {
	it('counts with denominators and quotes only public words: committee-only, hidden, pending and deleted feedback never, only counted', () => {
		// The fixture's authors: Alice (en), Badr (ar), Carla (es: her stance and a comment are committee-only).
		const en = digestOf('en');
		const first = en.clauses.find((c) => c.revisionId === fixture.revisionId)!;
		expect(first.counts).toMatchObject({ support: 1, oppose: 0, neutral: 0, votes: 1 });
		expect(first.majority).toBe('support');
		expect(first.reasonsFor.map((r) => r.text)).toEqual([PUBLIC_TEXT.reason]);
		expect(first.reasonsAgainst).toEqual([]);
		// Alice's public comment and its one public reply (Carla's); her reply under a committee-only comment is no comment of the digest.
		// Quoted as plain words: the comment's Markdown emphasis is not left as `**` around them.
		expect(first.discussed.map((c) => c.text)).toEqual([PUBLIC_TEXT.comment.replaceAll('**', '')]);
		expect(first.discussed[0].replies).toBe(1);
		const es = digestOf('es');
		const esFirst = es.clauses.find((c) => c.revisionId === fixture.revisionId)!;
		expect(esFirst.counts).toMatchObject({ neutral: 1, votes: 1 });
		// Carla's committee-only reason and comment: two items, counted only.
		expect(esFirst.committeeOnly).toBe(2);
		expect(es.committeeOnly).toBe(2);
		expect(esFirst.reasonsFor.concat(esFirst.reasonsAgainst, esFirst.discussed)).toEqual([]);
		for (const digest of [en, es, digestOf('ar')]) {
			const text = JSON.stringify(digest) + report(digest, markdownSyntax) + report(digest, wikitextSyntax);
			for (const secret of everySecret) expect(text, `${digest.community}: ${secret}`).not.toContain(secret);
			expect(text).not.toContain('Carla Ruiz');
		}
	});

	it('ranks the most-discussed comments by public replies, gives translations into the reader’s language, and shows the committee’s answers', () => {
		const es = makeUser(t.db, { languages: ['es'] });
		const quiet = addComment(t.db, { revisionId: fixture.revisionId, authorId: es.id, language: 'es', body: 'Un comentario sin respuestas.', now: NOW + 10 });
		const busy = addComment(t.db, { revisionId: fixture.revisionId, authorId: es.id, language: 'es', body: 'Un comentario muy comentado.', now: NOW });
		for (let i = 0; i < 2; i++) addComment(t.db, { revisionId: fixture.revisionId, authorId: fixture.users.alice, language: 'en', body: `Reply ${i}`, parentId: busy.id });
		const digest = digestOf('es');
		const clause = digest.clauses.find((c) => c.revisionId === fixture.revisionId)!;
		expect(clause.discussed.map((c) => [c.id, c.replies])).toEqual([
			[busy.id, 2],
			[quiet.id, 0]
		]);
		// The clause's own answer, public; the answer to Carla's committee-only comment is not.
		expect(clause.answers.map((a) => a.comment?.id ?? null)).toEqual([null]);
		// Alice's comment has a human Spanish translation and an Arabic reader gets none; a Spanish reader of the English digest gets it.
		const en = digestOf('en', 'es').clauses.find((c) => c.revisionId === fixture.revisionId)!;
		expect(en.discussed[0].translations).toEqual([{ language: 'es', text: PUBLIC_TEXT.translation, machine: false }]);
		expect(digestOf('en', 'ar').clauses.find((c) => c.revisionId === fixture.revisionId)!.discussed[0].translations).toEqual([]);
		expect(en.answers.map((a) => a.response.status)).toEqual(['accepted', 'partly']);
	});

	it('lists the community’s published liaison summaries only, with the committee’s answer', () => {
		const ar = digestOf('ar');
		expect(ar.summaries).toHaveLength(1);
		expect(ar.summaries[0].view.language).toBe('ar');
		expect(ar.summaries[0].response).not.toBeNull();
		// Spanish has only a draft summary: none in the digest.
		expect(digestOf('es').summaries).toEqual([]);
		expect(digestOf('fr').hasFeedback).toBe(false);
		expect(digestCommunities(t.db, versionId).sort()).toEqual(['ar', 'en', 'es']);
	});

	it('lets a liaison pull public words only — as a quote or a key point, never a count', () => {
		const digest = digestOf('en');
		const picks = digestPicks(digest);
		const refs = Object.values(picks).flat().map((p) => p.ref);
		expect(refs).toContain(`reason:${fixture.stances.withReason}`);
		expect(refs).toContain(`comment:${fixture.comments.public}`);
		const pulled = resolvePick(t.db, versionId, 'en', `comment:${fixture.comments.public}`, 'es')!;
		expect(pulled).toMatchObject({ text: PUBLIC_TEXT.comment, language: 'en', translation: PUBLIC_TEXT.translation, clauseKey: fixture.clauseKey });
		// Committee-only, hidden, another community's, a reply under a private comment, nonsense: not pullable.
		for (const ref of [
			`reason:${fixture.stances.private}`,
			`comment:${fixture.comments.private}`,
			`comment:${fixture.comments.hidden}`,
			`comment:${fixture.comments.deleted}`,
			`comment:${fixture.comments.replyUnderPrivate}`,
			`comment:${fixture.comments.arabic}`,
			'comment:x',
			'stance:1'
		]) {
			expect(resolvePick(t.db, versionId, 'en', ref, 'es'), ref).toBeNull();
		}
		// Another version's address for the same comment.
		const otherVersion = t.db.select({ id: draftVersions.id }).from(draftVersions).where(eq(draftVersions.number, 2)).get()!.id;
		expect(resolvePick(t.db, otherVersion, 'en', `comment:${fixture.comments.public}`, 'es')).toBeNull();

		const empty: SummaryFormState = withBlankRows(
			{ narrative: '', narrativeLanguage: 'en', narrativeTranslation: '', translationLanguage: '', channels: [], entries: {} },
			[fixture.clauseKey],
			'en'
		);
		const asQuote = pullQuote(empty, fixture.clauseKey, pulled);
		expect(asQuote.entries[fixture.clauseKey].quotes[0]).toEqual({ original: PUBLIC_TEXT.comment, language: 'en', translation: PUBLIC_TEXT.translation });
		const twice = pullKeyPoint(pullKeyPoint(asQuote, fixture.clauseKey, pulled), fixture.clauseKey, { ...pulled, text: 'Second\npoint' });
		expect(twice.entries[fixture.clauseKey].keyPoints).toBe(`- ${PUBLIC_TEXT.comment}\n- Second point`);
		// The counts the liaison reports stay theirs to type.
		const entry = twice.entries[fixture.clauseKey];
		expect([entry.asked, entry.support, entry.oppose, entry.neutral]).toEqual([false, '', '', '']);
	});
});

describe('the digest downloads', () => {
	it('keep wikitext from every field literal, and percent-encode link addresses (tests/fixtures/wikitext-payloads.json)', () => {
		const { payloads } = WIKITEXT_PAYLOADS;
		const inLinks = payloads.filter((p) => !/[<>\n]/.test(p.text)).map((p) => `[wx7 link](<https://evil.example/${p.text}>)`);
		const bare = payloads.filter((p) => !/[\s<>]/.test(p.text)).map((p) => `https://evil.example/a${p.text}`);
		const inline = payloads.filter((p) => p.kind === 'inline').map((p) => p.text);
		consultation = seedReportPayloads(t.db, consultation, fixture, answers, { texts: [...payloads.map((p) => p.text), ...inLinks, ...bare], name: inline.join(' '), now: NOW });
		// The payloads reach the English digest (comments, reason, responses, names) and the Arabic one (the summary and its answer).
		for (const community of ['en', 'ar']) {
			const digest = digestOf(community);
			const wiki = report(digest, wikitextSyntax);
			expect(wiki, community).toContain('wx7');
			const parsed = wikitextOutsideLiteral(wiki);
			expect(parsed, 'an unbalanced <nowiki>').not.toMatch(/<\/?nowiki/i);
			const lines = parsed.split('\n');
			for (const p of payloads) {
				if (p.kind === 'inline') expect(parsed, `${community}: ${p.id}`).not.toContain(p.text);
				else expect(lines.filter((l) => l.startsWith(p.text)), `${community}: ${p.id}`).toEqual([]);
			}
			for (const target of externalLinkTargets(parsed)) expect(target, `${community}: a link target`).toMatch(SAFE_WIKI_TARGET);
			expect(wiki).toContain('&lt;/nowiki&gt;{{Wx7-breakout}}&lt;nowiki&gt;');
		}
	});

	it('carry only http(s) and mailto links in Markdown, from every field (tests/fixtures/markdown-link-payloads.json)', () => {
		const { payloads } = MARKDOWN_LINK_PAYLOADS;
		consultation = seedReportPayloads(t.db, consultation, fixture, answers, { texts: payloads.map((p) => p.text), name: 'md7 [x](javascript:alert(1))', now: NOW });
		for (const community of ['en', 'ar']) {
			const markdown = report(digestOf(community), markdownSyntax);
			const addresses = markdownAddresses(markdown);
			for (const address of addresses) expect(address, `${community}: a link address`).toMatch(/^(https?:\/\/|mailto:)/i);
			expect(addresses).toContain('https://example.org/md7-kept');
			expect(markdown).toContain('md7 click');
			expect(markdown).not.toMatch(/<(script|iframe|img)/i);
		}
	});
});

describe('the demo’s digests', () => {
	it('exist for at least three communities of version 1, Arabic, Spanish and Persian among them, each with reasons or comments', async () => {
		const fresh = createTestDb();
		try {
			const demo = await buildDemo(fresh.db);
			const c = fresh.db.select().from(consultations).where(eq(consultations.id, demo.consultationId)).get()!;
			const communities = digestCommunities(fresh.db, demo.versionId);
			expect(communities).toEqual(expect.arrayContaining(['ar', 'es', 'fa']));
			for (const tag of ['ar', 'es', 'fa']) {
				const digest = communityDigest(fresh.db, c, { id: demo.versionId, number: 1 }, tag, 'en');
				expect(digest.people, tag).toBeGreaterThan(0);
				const quoted = digest.clauses.flatMap((x) => [...x.reasonsFor, ...x.reasonsAgainst, ...x.discussed]);
				expect(quoted.length, tag).toBeGreaterThan(0);
			}
		} finally {
			fresh.close();
		}
	});
});
