// Markdown and MediaWiki reports, in the reader's UI language: per clause, its text, a tally table
// per language community with the cross-community measures, liaison highlights, notable comments
// (those with the most replies and responses) and the committee's responses — ready to paste on a
// wiki page. One report builder, two syntaxes.
import type { TFunction } from 'i18next';
import { formatDate, formatNumber, languageName, percent, score, shareOf, spread } from '../../i18n/format';
import { directionOf } from '../../i18n/locales';
import type { ClauseHead, FeedbackItem } from './model';
import { filtersOf } from './query';
import type { ExportReader, NotableComment } from './source';
import { onlyWebLinks } from './markdown-links';
import { markdownToWikitext, markdownToWikitextLine, wikiLink, wikiText } from './wikitext';

/** Text written by people (Markdown), shown quoted under a list entry. */
export interface Quoted {
	markdown: string;
	language: string;
}

export interface ListEntry {
	/** Already in the syntax (escaped, with emphasis and links). */
	line: string;
	quotes: Quoted[];
}

export interface Syntax {
	// Functions rather than methods: they use no `this`, so `const x = syntax.text` is safe.
	heading: (level: number, text: string) => string;
	/** Plain text (a name, a title) made safe to show literally. */
	text: (s: string) => string;
	strong: (s: string) => string;
	link: (url: string, label: string) => string;
	paragraph: (s: string) => string;
	list: (entries: ListEntry[]) => string;
	/** A table: cells already in the syntax; `numeric` columns are aligned to the end. */
	table: (header: string[], rows: string[][], numeric: boolean[]) => string;
	/** A clause's Markdown text, as a block. */
	body: (markdown: string, language: string) => string;
}

/**
 * Markdown that shows people's words as they wrote them, but lets no HTML through, and no link
 * but to http(s) and mailto addresses (others become text: markdown-links.ts).
 */
function neutralisedMarkdown(s: string): string {
	return onlyWebLinks(s.replace(/</g, '&lt;'));
}

export const markdownSyntax: Syntax = {
	heading: (level, text) => `${'#'.repeat(Math.min(level, 6))} ${text}\n\n`,
	text: (s) => s.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|#~])/g, '\\$1'),
	strong: (s) => `**${s}**`,
	link: (url, label) => `[${label}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`,
	paragraph: (s) => `${s}\n\n`,
	list: (entries) =>
		entries
			.map(
				(e) =>
					`- ${e.line}\n` +
					e.quotes
						.map((q) => neutralisedMarkdown(q.markdown).split('\n').map((l) => `  > ${l}`.trimEnd()).join('\n') + '\n')
						.join('  >\n')
			)
			.join('') + '\n',
	table: (header, rows, numeric) => {
		const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
		const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
		return [line(header), `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)].join('\n') + '\n\n';
	},
	body: (markdown) => `${neutralisedMarkdown(markdown).trim()}\n\n`
};

const dirAttrs = (language: string) => `lang="${language.replace(/[^A-Za-z0-9-]/g, '')}" dir="${directionOf(language)}"`;

export const wikitextSyntax: Syntax = {
	heading: (level, text) => `${'='.repeat(Math.min(level, 6))} ${text} ${'='.repeat(Math.min(level, 6))}\n\n`,
	text: wikiText,
	strong: (s) => `'''${s}'''`,
	link: wikiLink,
	paragraph: (s) => `${s}\n\n`,
	list: (entries) =>
		entries
			.map((e) => `* ${e.line}\n` + e.quotes.map((q) => `*: <span ${dirAttrs(q.language)}>${markdownToWikitextLine(q.markdown)}</span>\n`).join(''))
			.join('') + '\n',
	table: (header, rows, numeric) => {
		const cell = (s: string, i: number) => (numeric[i] ? `style="text-align: end" | ${s}` : s);
		return (
			`{| class="wikitable sortable"\n! ${header.join(' !! ')}\n` +
			rows.map((r) => `|-\n| ${r.map(cell).join(' || ')}\n`).join('') +
			'|}\n\n'
		);
	},
	body: (markdown, language) => `<div ${dirAttrs(language)}>\n${markdownToWikitext(markdown)}\n</div>\n\n`
};

/** Comments in a report are cut to about this many characters (the link leads to the whole). */
const EXCERPT = 800;

function excerpt(s: string): string {
	if (s.length <= EXCERPT) return s;
	const cut = s.slice(0, EXCERPT);
	const space = cut.lastIndexOf(' ');
	return `${cut.slice(0, space > EXCERPT * 0.6 ? space : EXCERPT)}…`;
}

// eslint-disable-next-line @typescript-eslint/require-await -- every format's writer is an AsyncGenerator (formatChunks); XLSX's awaits
export async function* reportChunks(reader: ExportReader, syntax: Syntax, i18n: { t: TFunction; locale: string }): AsyncGenerator<string> {
	const { selection } = reader;
	const { t, locale } = i18n;
	const c = selection.consultation;
	const n = (x: number) => formatNumber(locale, x);
	const language = (tag: string) => syntax.text(languageName(locale, tag));
	const day = (ms: number) => formatDate(locale, ms);
	const x = syntax.text;
	let out = '';

	out += syntax.heading(1, t('export.report.title', { title: x(c.title) }));
	const scope = selection.allVersions
		? t('export.report.allVersions')
		: t('consultation.versionN', { n: n(selection.versions[0].number) });
	out += syntax.paragraph(
		`${syntax.strong(x(scope))} · ${t('export.report.generated', {
			date: x(day(selection.generatedAt)),
			link: syntax.link(reader.consultationLink() || '/', x(c.title))
		})}`
	);
	out += syntax.paragraph(syntax.strong(t(selection.audience === 'committee' ? 'export.report.committeeNote' : 'export.report.publicNote')));
	const filters = filtersOf(selection);
	const parts = [
		...(filters.language ? [t('export.report.filterLanguage', { language: language(filters.language) })] : []),
		...(filters.clauses ? [t('export.report.filterClauses', { clauses: x(filters.clauses.join(', ')) })] : []),
		...(filters.from ? [t('export.report.filterFrom', { date: x(day(selection.from!)) })] : []),
		...(filters.to ? [t('export.report.filterTo', { date: x(day(selection.to! - 1)) })] : [])
	];
	if (parts.length) out += syntax.paragraph(parts.join(' · '));

	const multi = selection.versions.length > 1;
	const level = multi ? 3 : 2;
	for (const version of selection.versions) {
		if (multi) {
			const draft = version.status === 'draft' ? ` (${t('version.draft')})` : '';
			out += syntax.heading(2, x(t('consultation.versionN', { n: n(version.number) }) + draft));
		}
		const summaries = reader.summaries(version);
		if (summaries.length > 0) {
			out += syntax.heading(level, x(t('export.report.summaries')));
			out += syntax.list(
				summaries.map((s) => {
					const by = s.author
						? t('summaries.byLiaison', { name: x(s.author), language: language(s.language) })
						: t('summaries.byFormerLiaison', { language: language(s.language) });
					const totals = t('summaries.historyTotals', { participants: n(s.participants), channels: n(s.channels.length) });
					const draft = s.visibility === 'draft' ? ` (${x(t('version.draft'))})` : '';
					const line = `${syntax.link(s.link, by)}${draft} — ${x(totals)}`;
					const r = s.response;
					if (r === null) return { line, quotes: [] };
					// The committee's response to the summary as a whole: its status and who answered when, then its words.
					const meta = [
						syntax.strong(x(t('export.report.responseStatus', { status: t(`responses.status.${r.status}`) }))),
						x(r.author ?? t('responses.formerMember')),
						x(day(r.updatedAt)),
						...(r.actedInVersion !== null ? [x(t('responses.actedIn', { n: n(r.actedInVersion) }))] : [])
					];
					return { line: `${line} · ${meta.join(' · ')}`, quotes: [{ markdown: r.explanation, language: c.sourceLanguage }] };
				})
			);
		}
		const clauses = reader.clauses(version);
		if (clauses.length === 0) out += syntax.paragraph(x(t('export.report.noClauses')));
		for (const clause of clauses) {
			out += clauseSection(clause);
			yield out;
			out = '';
		}
	}
	yield out;

	function clauseSection(head: ClauseHead): string {
		let s = syntax.heading(level, `${x(head.label)} ${x(head.heading)}`);
		s += syntax.body(head.body, c.sourceLanguage);
		if (head.translations.length > 0) {
			const list = head.translations.map((tr) =>
				tr.outdated ? t('export.report.outdated', { language: language(tr.language) }) : language(tr.language)
			);
			s += syntax.paragraph(`${t('export.report.translations', { languages: list.join(', ') })} · ${syntax.link(head.link, x(t('export.report.readMore')))}`);
		} else {
			s += syntax.paragraph(syntax.link(head.link, x(t('export.report.readMore'))));
		}
		s += tallies(head);
		s += liaison(head);
		s += notable(reader.notableComments(head));
		s += responses([...reader.items(head, new Set(['committee-response']))]);
		return s;
	}

	function tallies(head: ClauseHead): string {
		let s = syntax.heading(level + 1, x(t('export.report.tallies')));
		if (head.tallies.length === 0 && head.reported.length === 0) return s + syntax.paragraph(x(t('results.grid.noFeedback')));
		const weighed = new Set(head.measures.weighed.map((w) => w.community));
		const header = [
			t('results.table.community'),
			t('results.stance.support'),
			t('results.stance.oppose'),
			t('results.stance.neutral'),
			t('results.table.votes'),
			t('export.report.supportShare'),
			t('results.table.comments'),
			t('results.table.participants')
		].map(x);
		const numeric = header.map((_, i) => i > 0);
		if (head.tallies.length > 0) {
			const rows = head.tallies.map((r) => {
				const votes = r.support + r.oppose + r.neutral;
				return [
					language(r.community) + (weighed.has(r.community) ? '' : ` ${x('*')}`),
					n(r.support),
					n(r.oppose),
					n(r.neutral),
					n(votes),
					x(shareOf(locale, r.support, votes)),
					n(r.comments),
					n(r.participants)
				];
			});
			s += syntax.table(header, rows, numeric);
			if (head.tallies.some((r) => !weighed.has(r.community))) {
				s += syntax.paragraph(x(`* ${t('export.report.tooSmallNote', { min: n(head.minCommunitySize) })}`));
			}
		} else {
			s += syntax.paragraph(x(t('results.grid.noFeedback')));
		}
		if (head.reported.length > 0) {
			s += syntax.paragraph(syntax.strong(x(t('export.report.reported'))));
			s += syntax.table(
				header.slice(0, 6),
				head.reported.map((r) => {
					const votes = r.support + r.oppose + r.neutral;
					return [language(r.language), n(r.support), n(r.oppose), n(r.neutral), n(votes), x(shareOf(locale, r.support, votes))];
				}),
				numeric.slice(0, 6)
			);
		}
		const m = head.measures;
		const lines: ListEntry[] = [
			{
				line: `${x(t('results.measures.pooled'))}: ${x(
					m.pooled.share === null
						? '—'
						: t('results.measures.pooledValue', { percent: percent(locale, m.pooled.share), support: n(m.pooled.support), votes: n(m.pooled.votes) })
				)}`,
				quotes: []
			}
		];
		if (m.balanced === null) {
			lines.push({ line: x(t('results.measures.notGiven', { min: n(head.minCommunitySize) })), quotes: [] });
		} else {
			const weighedShare = (tag: string | null) => percent(locale, m.weighed.find((w) => w.community === tag)?.share ?? null);
			lines.push(
				{ line: `${x(t('results.measures.balanced'))}: ${x(percent(locale, m.balanced))}`, quotes: [] },
				{ line: `${x(t('results.measures.consensus'))}: ${x(score(locale, m.consensus))}`, quotes: [] },
				{
					line: `${x(t('results.measures.divergence'))}: ${x(spread(locale, m.divergence))} — ${x(
						t('results.measures.range', {
							most: languageName(locale, m.mostSupportive!),
							mostShare: weighedShare(m.mostSupportive),
							least: languageName(locale, m.leastSupportive!),
							leastShare: weighedShare(m.leastSupportive)
						})
					)}`,
					quotes: []
				}
			);
		}
		return s + syntax.list(lines);
	}

	function liaison(head: ClauseHead): string {
		const entries: ListEntry[] = [];
		for (const item of reader.items(head, new Set(['liaison-point', 'liaison-quote']))) {
			if (item.kind === 'liaison-point') {
				const by = item.author ? ` — ${x(item.author)}` : '';
				const counts = item.reported
					? t('export.report.reportedCounts', {
							support: n(item.reported.support ?? 0),
							oppose: n(item.reported.oppose ?? 0),
							neutral: n(item.reported.neutral ?? 0)
						})
					: t('summaries.notAsked');
				entries.push({
					line: `${syntax.strong(language(item.community))}${by}: ${x(counts)} ${syntax.link(item.link, x(t('export.report.readMore')))}`,
					quotes: item.text ? [{ markdown: item.text, language: item.language }] : []
				});
			} else {
				const entry = entries.at(-1);
				if (!entry) continue;
				entry.quotes.push({ markdown: `“${item.text}”`, language: item.language });
				for (const [tag, translation] of Object.entries(item.translations)) {
					entry.quotes.push({ markdown: `${t('summaries.translationIn', { language: languageName(locale, tag) })}: ${translation}`, language: tag });
				}
			}
		}
		if (entries.length === 0) return '';
		return syntax.heading(level + 1, x(t('export.report.liaison'))) + syntax.list(entries);
	}

	function notable(comments: NotableComment[]): string {
		let s = syntax.heading(level + 1, x(t('export.report.notable')));
		if (comments.length === 0) return s + syntax.paragraph(x(t('export.report.notableNone')));
		s += syntax.list(
			comments.map((cm) => {
				const meta = [
					language(cm.language),
					x(day(cm.createdAt)),
					x(t('comments.repliesLabel', { count: cm.replies })),
					...(cm.responseStatus ? [x(t('export.report.responseStatus', { status: t(`responses.status.${cm.responseStatus}`) }))] : [])
				];
				return {
					line: `${syntax.strong(x(cm.author ?? t('comments.formerParticipant')))} · ${meta.join(' · ')} · ${syntax.link(cm.link, x(t('export.report.readMore')))}`,
					quotes: [{ markdown: excerpt(cm.text), language: cm.language }]
				};
			})
		);
		return s;
	}

	function responses(items: FeedbackItem[]): string {
		let s = syntax.heading(level + 1, x(t('export.report.responses')));
		if (items.length === 0) return s + syntax.paragraph(x(t('responses.none')));
		s += syntax.list(
			items.map((r) => {
				const meta = [
					x(r.author ?? t('responses.formerMember')),
					x(day(r.updatedAt)),
					...(r.actedInVersion !== null ? [x(t('responses.actedIn', { n: n(r.actedInVersion) }))] : []),
					x(t(r.parentId === null ? 'export.report.answersClause' : 'export.report.answersComment'))
				];
				return {
					line: `${syntax.strong(x(t(`responses.status.${r.responseStatus}`)))} · ${meta.join(' · ')} · ${syntax.link(r.link, x(t('export.report.readMore')))}`,
					quotes: [{ markdown: r.text, language: r.language }]
				};
			})
		);
		return s;
	}
}
