// The three language facts of a consultation page (issue 13, item 5), kept apart because they
// answer different questions: which languages the site itself speaks (the UI locales), which the
// draft is translated into (with each translation's progress), and which language communities
// the people who took part belong to (distinct people, with the total as denominator).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauseRevisions, clauseTallies } from '../db/schema';
import { cachedVersionPeople } from '../aggregation/service';
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
 * What changes whenever the set of people who took part may have changed: one grouped read of the
 * version's tallies (no scan of the stances themselves).
 */
function participationFingerprint(db: Queryable, versionId: number): string {
	const rows = db.values<[string, string, number, number]>(sql`
		select ${clauseTallies.community}, ${clauseTallies.affiliation}, sum(${clauseTallies.participants}), sum(${clauseTallies.comments})
		from ${clauseTallies}
		where ${clauseTallies.revisionId} in (select ${clauseRevisions.id} from ${clauseRevisions} where ${clauseRevisions.versionId} = ${versionId})
		group by 1, 2 order by 1, 2`);
	return 'tallies:' + rows.map((r) => r.join('=')).join(',');
}

/**
 * Who took part in a version, per language community: the distinct people of the results page
 * (aggregation/service.ts versionPeople), remembered while the version's tallies stay the same.
 */
export function versionParticipation(db: Queryable, versionId: number): VersionParticipation {
	const people = cachedVersionPeople(db, versionId, participationFingerprint(db, versionId));
	return {
		total: people.total,
		byCommunity: people.byCommunity.filter((c) => c.people > 0).map((c) => ({ language: c.group, people: c.people }))
	};
}
