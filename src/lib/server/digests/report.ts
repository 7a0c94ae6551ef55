// A community digest as a Markdown or MediaWiki file, in the reader's UI language. It is written
// with the export's syntaxes (export/report.ts): every name and label through `text`, people's words
// only as quotes of a list (neutralised Markdown, or wikitext kept literal), links percent-encoded —
// so a digest pasted on a wiki or a forge is exactly as injection-safe as the consolidated report.
import type { TFunction } from 'i18next';
import { formatDate, formatNumber, languageName } from '../../i18n/format';
import type { ListEntry, Syntax } from '../export/report';
import type { Digest, DigestQuote } from './service';

export interface DigestReportContext {
	t: TFunction;
	locale: string;
	consultation: { title: string; sourceLanguage: string };
	/** The digest page's absolute address. */
	pageUrl: string;
	/** Absolute address of a clause page (of the digest's version). */
	clauseUrl: (key: string) => string;
	summaryUrl: (id: number) => string;
	now: number;
}

export function digestReport(digest: Digest, syntax: Syntax, ctx: DigestReportContext): string {
	const { t, locale } = ctx;
	const x = syntax.text;
	const n = (v: number) => formatNumber(locale, v);
	const language = (tag: string) => languageName(locale, tag);
	const day = (ms: number) => formatDate(locale, ms);
	let out = '';

	out += syntax.heading(1, x(t('digest.title', { community: language(digest.community), n: n(digest.versionNumber) })));
	out += syntax.paragraph(
		`${syntax.strong(x(ctx.consultation.title))} · ${t('digest.generated', { link: syntax.link(ctx.pageUrl, x(ctx.pageUrl)), date: x(day(ctx.now)) })}`
	);
	if (!digest.hasFeedback) return out + syntax.paragraph(x(t('digest.noFeedback')));
	out += syntax.paragraph(x(t('digest.lede', { people: n(digest.people) })));
	if (digest.committeeOnly > 0) out += syntax.paragraph(x(t('digest.committeeOnlyNote', { n: n(digest.committeeOnly) })));
	out += syntax.paragraph(x(t('digest.howChosen')));

	/** A quoted reason or comment: who and when on the line, the words (and translations) quoted under it. */
	const quoted = (q: DigestQuote): ListEntry => {
		const who = q.author ? `${q.author.displayName} (@${q.author.username})` : t('comments.formerParticipant');
		const meta = [who, language(q.language), day(q.at), ...(q.kind === 'comment' ? [t('digest.replies', { n: n(q.replies) })] : [])];
		return {
			line: x(meta.join(' · ')),
			quotes: [
				{ markdown: q.text, language: q.language },
				...q.translations.map((tr) => ({
					markdown: `${t(tr.machine ? 'digest.machineTranslation' : 'digest.translation', { language: language(tr.language) })}: ${tr.text}`,
					language: tr.language
				}))
			]
		};
	};

	if (digest.summaries.length > 0) {
		out += syntax.heading(2, x(t('digest.summariesHeading')));
		out += syntax.list(
			digest.summaries.map(({ view, response }) => {
				const facts = t('digest.summaryFacts', { people: n(view.participants), channels: n(view.channels.length) });
				const by = view.author ? `${view.author.displayName} (@${view.author.username}) · ` : '';
				const quotes = [{ markdown: view.narrative, language: view.narrativeLanguage }];
				if (view.narrativeTranslation && view.translationLanguage) quotes.push({ markdown: view.narrativeTranslation, language: view.translationLanguage });
				if (response) {
					quotes.push({ markdown: `${t('export.report.responseStatus', { status: t(`responses.status.${response.status}`) })}: ${response.explanation}`, language: ctx.consultation.sourceLanguage });
				}
				return { line: `${syntax.link(ctx.summaryUrl(view.id), x(t('digest.readSummary')))} — ${x(by + facts)}`, quotes: quotes.filter((q) => q.markdown.trim()) };
			})
		);
	}

	out += syntax.heading(2, x(t('digest.clausesHeading')));
	for (const clause of digest.clauses) {
		out += syntax.heading(3, `${x(clause.label)} ${x(clause.heading)}`);
		const c = clause.counts;
		const facts = [
			c.votes === 0
				? t('digest.noVotes')
				: t('digest.counts', { support: n(c.support), oppose: n(c.oppose), neutral: n(c.neutral), votes: n(c.votes) }),
			t('digest.comments', { n: n(c.comments) }),
			...(clause.committeeOnly > 0 ? [t('digest.clauseCommitteeOnly', { n: n(clause.committeeOnly) })] : [])
		];
		out += syntax.paragraph(`${x(facts.join(' · '))} · ${syntax.link(ctx.clauseUrl(clause.key), x(t('digest.readClause')))}`);
		if (c.votes > 0) out += syntax.paragraph(x(t(clause.majority ? `digest.majority.${clause.majority}` : 'digest.majority.tie')));
		if (clause.reported) {
			const r = clause.reported;
			out += syntax.paragraph(x(t('digest.reported', { support: n(r.support), oppose: n(r.oppose), neutral: n(r.neutral), votes: n(r.support + r.oppose + r.neutral) })));
		}
		const sides: ['reasonsFor' | 'reasonsAgainst', DigestQuote[]][] = [
			['reasonsFor', clause.reasonsFor],
			['reasonsAgainst', clause.reasonsAgainst]
		];
		if (clause.majority === 'oppose') sides.reverse();
		for (const [key, list] of sides) {
			out += syntax.heading(4, x(t(`digest.${key}`)));
			out += list.length ? syntax.list(list.map(quoted)) : syntax.paragraph(x(t('digest.noReasons')));
		}
		out += syntax.heading(4, x(t('digest.discussed')));
		out += clause.discussed.length ? syntax.list(clause.discussed.map(quoted)) : syntax.paragraph(x(t('digest.noComments')));
		out += syntax.heading(4, x(t('digest.answers')));
		out += clause.answers.length
			? syntax.list(
					clause.answers.map(({ comment, response }) => {
						const meta = [
							t(`responses.status.${response.status}`),
							response.author ? `${response.author.displayName} (@${response.author.username})` : t('responses.formerMember'),
							day(response.updatedAt),
							...(response.actedInVersion !== null ? [t('responses.actedIn', { n: n(response.actedInVersion) })] : []),
							comment ? t('digest.answerToComment') : t('digest.answerToClause')
						];
						const quotes = comment ? [{ markdown: comment.text, language: comment.language }] : [];
						quotes.push({ markdown: response.explanation, language: ctx.consultation.sourceLanguage });
						return { line: x(meta.join(' · ')), quotes };
					})
				)
			: syntax.paragraph(x(t('digest.noAnswers')));
	}
	return out;
}
