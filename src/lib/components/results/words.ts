// The clause sentence and the panel's counts in the reader's language: the rules that choose them
// are in $lib/server/aggregation/words.ts; this only fills the catalog's templates (plurals
// through i18next; numbers, community names and lists through $lib/i18n/format.ts).
import type { Translate } from '$lib/i18n/translator';
import type { MeasureRow } from '$lib/server/aggregation/view';
import type { Sentence } from '$lib/server/aggregation/words';
import { formatList, formatNumber, languageName, percent } from '$lib/i18n/format';

/** At most this many communities are named in one part of a sentence; the rest are counted. */
export const NAMED_IN_SENTENCE = 3;

/** "{{n}} of {{total}} support it" with the verb's plural chosen by n. */
export function countOf(t: Translate, locale: string, stance: 'support' | 'oppose' | 'neutral', n: number, total: number): string {
	return t(`voice.count.${stance}`, { count: n, n: formatNumber(locale, n), total: formatNumber(locale, total) });
}

function communities(t: Translate, locale: string, tags: string[]): string {
	const names = tags.slice(0, NAMED_IN_SENTENCE).map((tag) => languageName(locale, tag));
	const rest = tags.length - names.length;
	if (rest > 0) names.push(t('voice.sentence.otherCommunities', { count: rest, formatted: formatNumber(locale, rest) }));
	return formatList(locale, names);
}

export function sentenceText(t: Translate, locale: string, s: Sentence): string {
	switch (s.kind) {
		case 'no-votes':
			return s.commented === 0
				? t('voice.sentence.noVotes')
				: t('voice.sentence.noVotesCommented', { count: s.commented, formatted: formatNumber(locale, s.commented) });
		case 'too-few':
			return t('voice.sentence.tooFew', { count: s.votes, formatted: formatNumber(locale, s.votes) });
		case 'one': {
			const n = { supports: s.support, opposes: s.oppose, neutral: s.neutral, divided: s.support }[s.leaning];
			return t(`voice.sentence.one.${s.leaning}`, {
				community: languageName(locale, s.community),
				n: formatNumber(locale, n),
				support: formatNumber(locale, s.support),
				oppose: formatNumber(locale, s.oppose),
				total: formatNumber(locale, s.votes)
			});
		}
		case 'many': {
			const head = s.head.scope === 'none' ? t('voice.sentence.none') : t(`voice.sentence.${s.head.scope}.${s.head.leaning}`);
			if (s.others.length === 0) return t('voice.sentence.alone', { head });
			const rest = s.others
				.map((o) => t(`voice.sentence.other.${o.leaning}`, { communities: communities(t, locale, o.communities) }))
				.join(t('voice.sentence.separator'));
			return t('voice.sentence.with', { head, rest });
		}
	}
}

/** "43 of 54 support it (80%)": the pooled share, counts first. */
export function pooledText(t: Translate, locale: string, row: Pick<MeasureRow, 'pooled'>): string {
	return t('words.pooled', { support: formatNumber(locale, row.pooled.support), votes: formatNumber(locale, row.pooled.votes), percent: percent(locale, row.pooled.share) });
}

/** The most and least supportive communities, each share with its counts. */
export function rangeText(
	t: Translate,
	locale: string,
	row: Pick<MeasureRow, 'mostSupportive' | 'mostShare' | 'mostCounts' | 'leastSupportive' | 'leastShare' | 'leastCounts'>
): string {
	return t('words.range', {
		most: languageName(locale, row.mostSupportive ?? ''),
		mostSupport: formatNumber(locale, row.mostCounts?.support ?? 0),
		mostVotes: formatNumber(locale, row.mostCounts?.votes ?? 0),
		mostShare: percent(locale, row.mostShare),
		least: languageName(locale, row.leastSupportive ?? ''),
		leastSupport: formatNumber(locale, row.leastCounts?.support ?? 0),
		leastVotes: formatNumber(locale, row.leastCounts?.votes ?? 0),
		leastShare: percent(locale, row.leastShare)
	});
}

/** "43 of 54 support it, across 6 communities": what the ranked lists show beside their word. */
export function acrossText(t: Translate, locale: string, row: Pick<MeasureRow, 'pooled' | 'weighedCount'>): string {
	return t('words.across', {
		count: row.weighedCount,
		formatted: formatNumber(locale, row.weighedCount),
		support: formatNumber(locale, row.pooled.support),
		votes: formatNumber(locale, row.pooled.votes)
	});
}
