// Input rules for the results pages: the dashboard's filters (a GET form) and the committee's
// settings for the measures (a POST form), shared with any script or API that needs them.
import { z } from 'zod';
import { AFFILIATIONS } from '../db/schema';
import { languageTag } from '../validation';
import { SORTS } from './service';

export const MAX_MIN_COMMUNITY_SIZE = 1000;

/** "none" in a URL stands for participants who declared no affiliation ('' in the tallies). */
export const AFFILIATION_FILTERS = [...AFFILIATIONS, 'none'] as const;

/** A select left on "all" sends an empty value. */
const blankIsNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const resultsQuery = z.object({
	version: z.preprocess(
		blankIsNull,
		z.coerce.number({ error: 'errors.versionNotFound' }).int({ error: 'errors.versionNotFound' }).positive({ error: 'errors.versionNotFound' }).nullable()
	),
	lang: z.preprocess(blankIsNull, languageTag.nullable()),
	affiliation: z.preprocess(
		blankIsNull,
		z
			.enum(AFFILIATION_FILTERS, { error: 'errors.affiliationInvalid' })
			.nullable()
			.transform((a) => (a === 'none' ? '' : a))
	),
	sort: z.enum(SORTS).catch('position'),
	page: z.coerce.number().int().positive().max(100_000).catch(1)
});

export type ResultsQuery = z.output<typeof resultsQuery>;

export function queryValues(url: URL): Record<string, string> {
	return Object.fromEntries(['version', 'lang', 'affiliation', 'sort', 'page'].flatMap((k) => (url.searchParams.has(k) ? [[k, url.searchParams.get(k)!]] : [])));
}

export const measureSettingsInput = z.object({
	minCommunitySize: z.coerce
		.number({ error: 'errors.minCommunitySize' })
		.int({ error: 'errors.minCommunitySize' })
		.min(1, { error: 'errors.minCommunitySize' })
		.max(MAX_MIN_COMMUNITY_SIZE, { error: 'errors.minCommunitySize' }),
	/** A checkbox: present ("on") when ticked, absent otherwise. */
	includeLiaisonCounts: z
		.enum(['on', 'true', '1'], { error: 'errors.invalid' })
		.optional()
		.transform((v) => v !== undefined)
});

export type MeasureSettingsInput = z.output<typeof measureSettingsInput>;
