// Matching an imported document's clauses to the previous version's, so that a clause that carries
// on keeps its key (its lineage, and with it its history and translations).
//
// The rule (also in docs/versions.md):
// 1. A clause whose heading names a key (`{#key}`) that the previous version has continues it.
// 2. The other clauses are compared with the previous version's clauses that are still unmatched,
//    by text similarity: the Dice coefficient of their word multisets (heading and body, case- and
//    accent-insensitive; words found with Intl.Segmenter, so Chinese or Thai text works too).
//    Pairs are taken greedily from the most similar down; a pair counts only at or above
//    MATCH_THRESHOLD (0.5).
// 3. Everything else is a new clause. The committee reviews the proposal and can change any match
//    before the version is saved.

export const MATCH_THRESHOLD = 0.5;

export interface MatchCandidate {
	key: string;
	label: string;
	heading: string;
	body: string;
}

export interface MatchInput {
	key: string;
	keyExplicit: boolean;
	heading: string;
	body: string;
}

export interface MatchProposal {
	/** The previous clause this one continues, or null for a new clause. */
	key: string | null;
	by: 'key' | 'similarity' | 'none';
	/** 0–1, for `similarity` matches (and 1 for `key`). */
	similarity: number;
}

function words(text: string, language: string): Map<string, number> {
	const counts = new Map<string, number>();
	const normalised = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
	const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
	for (const { segment, isWordLike } of segmenter.segment(normalised)) {
		if (!isWordLike) continue;
		counts.set(segment, (counts.get(segment) ?? 0) + 1);
	}
	return counts;
}

/** The Dice coefficient of two word multisets: 2·|A∩B| / (|A|+|B|). */
export function similarity(a: string, b: string, language = 'en'): number {
	const wa = words(a, language);
	const wb = words(b, language);
	let sizeA = 0;
	let sizeB = 0;
	let shared = 0;
	for (const n of wa.values()) sizeA += n;
	for (const [word, n] of wb) {
		sizeB += n;
		shared += Math.min(n, wa.get(word) ?? 0);
	}
	return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

export function proposeMatches(clauses: MatchInput[], previous: MatchCandidate[], language = 'en'): MatchProposal[] {
	const proposals: MatchProposal[] = clauses.map(() => ({ key: null, by: 'none', similarity: 0 }));
	const previousKeys = new Set(previous.map((p) => p.key));
	const taken = new Set<string>();
	clauses.forEach((clause, i) => {
		if (clause.keyExplicit && previousKeys.has(clause.key) && !taken.has(clause.key)) {
			proposals[i] = { key: clause.key, by: 'key', similarity: 1 };
			taken.add(clause.key);
		}
	});

	const pairs: { i: number; key: string; score: number }[] = [];
	clauses.forEach((clause, i) => {
		if (proposals[i].key !== null) return;
		// A clause that names a key of its own that the previous version lacks is new by intent.
		if (clause.keyExplicit) return;
		for (const candidate of previous) {
			if (taken.has(candidate.key)) continue;
			const score = similarity(`${clause.heading}\n${clause.body}`, `${candidate.heading}\n${candidate.body}`, language);
			if (score >= MATCH_THRESHOLD) pairs.push({ i, key: candidate.key, score });
		}
	});
	pairs.sort((a, b) => b.score - a.score || a.i - b.i);
	for (const pair of pairs) {
		if (proposals[pair.i].key !== null || taken.has(pair.key)) continue;
		proposals[pair.i] = { key: pair.key, by: 'similarity', similarity: pair.score };
		taken.add(pair.key);
	}
	return proposals;
}

/**
 * The key each clause is stored under: the previous clause it continues, or its own key made
 * unique against every key the consultation has ever used (a new clause never joins an old lineage
 * by accident). Returns null with the index of the clause when one previous clause is chosen twice.
 */
export function resolveKeys(
	clauses: MatchInput[],
	chosen: (string | null)[],
	previousKeys: Set<string>,
	existingKeys: Set<string>
): { keys: string[] } | { duplicateAt: number } {
	const used = new Set<string>();
	for (let i = 0; i < chosen.length; i++) {
		const key = chosen[i];
		if (key === null) continue;
		if (used.has(key)) return { duplicateAt: i };
		used.add(key);
	}
	const keys = clauses.map((clause, i) => {
		const continued = chosen[i];
		if (continued !== null) return continued;
		// An explicit key that an older version used (and the previous one dropped) revives that clause.
		if (clause.keyExplicit && !used.has(clause.key) && !previousKeys.has(clause.key)) {
			used.add(clause.key);
			return clause.key;
		}
		let key = clause.key;
		for (let n = 2; used.has(key) || existingKeys.has(key); n++) key = `${clause.key}-${n}`;
		used.add(key);
		return key;
	});
	return { keys };
}
