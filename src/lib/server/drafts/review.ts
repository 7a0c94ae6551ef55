// The committee's review of how an imported document's clauses continue the previous version's:
// the proposal from matching.ts, corrected by the choices sent back with the form.
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { clauses, draftVersions, type Consultation } from '../db/schema';
import { listVersionClauses } from '../clauses/service';
import { firstValues } from '../form-fields';
import { proposeMatches, resolveKeys } from './matching';
import type { ParsedClause } from './parse';
import type { VersionClause } from './service';

export interface MatchReview {
	/** The version the document is matched against. */
	previousNumber: number;
	previous: { key: string; label: string; heading: string }[];
	rows: { chosen: string | null; by: 'key' | 'similarity' | 'none' | 'committee'; similarity: number; changed: boolean; minor: boolean }[];
	/** Which document the choices belong to: choices sent for another text are not applied. */
	documentHash: string;
}

export type ReviewResult =
	| { ok: true; review: MatchReview | null; clauses: VersionClause[]; stale: boolean }
	| { ok: false; review: MatchReview | null; problem: { line: number; code: string; params?: Record<string, string | number> } };

export function documentHash(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

export function reviewMatches(
	db: Queryable,
	consultation: Pick<Consultation, 'id' | 'sourceLanguage'>,
	parsed: ParsedClause[],
	document: string,
	form: FormData | null
): ReviewResult {
	const hash = documentHash(document);
	const previousVersion = db
		.select()
		.from(draftVersions)
		.where(eq(draftVersions.consultationId, consultation.id))
		.orderBy(desc(draftVersions.number))
		.limit(1)
		.get();
	const existingKeys = new Set(
		db.select({ key: clauses.key }).from(clauses).where(eq(clauses.consultationId, consultation.id)).all().map((c) => c.key)
	);
	const previous = previousVersion
		? listVersionClauses(db, previousVersion.id, consultation.sourceLanguage, consultation.sourceLanguage)
		: [];
	const previousKeys = new Set(previous.map((p) => p.key));
	const proposals = proposeMatches(parsed, previous, consultation.sourceLanguage);

	// Choices only count when they were made for this very document. (Read in one pass: two fields per clause.)
	const sent = form ? firstValues(form) : new Map<string, string>();
	const applies = sent.get('matchFor') === hash;
	const stale = sent.has('matchFor') && !applies;
	const rows: MatchReview['rows'] = parsed.map((clause, i) => {
		let chosen = proposals[i].key;
		let by: MatchReview['rows'][number]['by'] = proposals[i].by;
		if (applies) {
			const match = sent.get(`match.${i}`) ?? '';
			const choice = match === '' ? null : previousKeys.has(match) ? match : chosen;
			if (choice !== chosen) by = 'committee';
			chosen = choice;
		}
		const before = previous.find((p) => p.key === chosen);
		return {
			chosen,
			by,
			similarity: proposals[i].similarity,
			changed: !before || before.heading !== clause.heading || before.body !== clause.body,
			minor: applies && chosen !== null && sent.get(`minor.${i}`) === 'on'
		};
	});
	const review: MatchReview | null = previousVersion
		? {
				previousNumber: previousVersion.number,
				previous: previous.map((p) => ({ key: p.key, label: p.label, heading: p.heading })),
				rows,
				documentHash: hash
			}
		: null;

	const resolved = resolveKeys(
		parsed,
		rows.map((r) => r.chosen),
		previousKeys,
		existingKeys
	);
	if ('duplicateAt' in resolved) {
		const clause = parsed[resolved.duplicateAt];
		return { ok: false, review, problem: { line: clause.line, code: 'duplicateMatch', params: { key: rows[resolved.duplicateAt].chosen ?? '' } } };
	}
	return {
		ok: true,
		review,
		stale,
		clauses: parsed.map((clause, i) => ({
			key: resolved.keys[i],
			label: clause.label,
			heading: clause.heading,
			body: clause.body,
			affectsTranslations: !rows[i].minor
		}))
	};
}
