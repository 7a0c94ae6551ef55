// A person's stances, with their reasons, in their "download my data".
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { stances } from '../db/schema';
import { iso, placeColumns, withPlace, type PersonalDataPart } from '../privacy/personal-data';

export function personalDataOf(db: Queryable, userId: number) {
	const rows = withPlace(
		db
			.select({
				...placeColumns,
				stance: stances.stance,
				reason: stances.reason,
				language: stances.language,
				committeeOnly: stances.committeeOnly,
				community: stances.community,
				affiliation: stances.affiliation,
				createdAt: stances.createdAt,
				updatedAt: stances.updatedAt
			})
			.from(stances)
			.$dynamic(),
		stances.revisionId
	)
		.where(eq(stances.userId, userId))
		.orderBy(asc(stances.createdAt), asc(stances.id))
		.all();
	return { stances: rows.map((s) => ({ ...s, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })) };
}

export const stancesData: PersonalDataPart<ReturnType<typeof personalDataOf>> = { columns: [stances.userId], of: personalDataOf };
