// The three language facts of a consultation page (issue 13, item 5), kept apart because they
// answer different questions: which languages the site itself speaks (the UI locales), which the
// draft is translated into (with each translation's progress), and which language communities
// the people who took part belong to (distinct people, with the total as denominator).
import type { Queryable } from '../db';
import { cachedVersionPeople } from '../aggregation/service';
import { tallyFingerprint } from '../tallies/read';
import { LOCALE_CODES } from '../../i18n/locales';

export interface CommunityPeople {
	language: string;
	people: number;
}

export interface VersionParticipation {
	/** Distinct people who took a stance or commented on the version. */
	total: number;
	/** Distinct people per language community, most first; a person in two communities counts in each. */
	byCommunity: CommunityPeople[];
}

/** The interface's languages: every UI locale, whatever the consultation runs in. */
export function interfaceLanguages(): string[] {
	return [...LOCALE_CODES];
}

/**
 * Who took part in a version, per language community: the distinct people of the results page
 * (aggregation/service.ts versionPeople), remembered while the version's tallies stay the same (tallies/read.ts tallyFingerprint).
 */
export function versionParticipation(db: Queryable, versionId: number): VersionParticipation {
	const people = cachedVersionPeople(db, versionId, tallyFingerprint(db, versionId));
	return {
		total: people.total,
		byCommunity: people.byCommunity.filter((c) => c.people > 0).map((c) => ({ language: c.group, people: c.people }))
	};
}
