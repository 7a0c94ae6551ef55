// The JSON of GET /api/v1/consultations/{slug}/versions/{n}/tallies (documented in docs/api.md).
import type { Consultation, DraftVersion } from '../db/schema';
import type { VersionResults } from './service';

export function talliesJson(c: Pick<Consultation, 'slug'>, version: Pick<DraftVersion, 'number' | 'status'>, r: VersionResults) {
	return {
		consultation: c.slug,
		version: version.number,
		status: version.status,
		minCommunitySize: r.minCommunitySize,
		measuresIncludeLiaisonCounts: r.includeReported,
		communities: r.communities,
		clauses: r.clauses.map((clause) => {
			const m = clause.measures;
			return {
				key: clause.key,
				label: clause.label,
				onPlatform: clause.communities.map((t) => ({
					language: t.community,
					support: t.support,
					oppose: t.oppose,
					neutral: t.neutral,
					comments: t.comments,
					participants: t.participants
				})),
				totals: clause.totals,
				liaisonReported: clause.reported.map((r) => ({ language: r.language, support: r.support, oppose: r.oppose, neutral: r.neutral })),
				measures: {
					pooledSupport: m.pooled,
					balancedSupport: m.balanced,
					consensus: m.consensus,
					divergence: m.divergence,
					mostSupportive: m.mostSupportive,
					leastSupportive: m.leastSupportive,
					weighed: m.weighed.map((w) => ({
						language: w.community,
						support: w.support,
						oppose: w.oppose,
						neutral: w.neutral,
						votes: w.votes,
						participants: w.participants,
						share: w.share
					})),
					tooSmall: m.tooSmall.map((s) => ({ language: s.community, participants: s.participants, votes: s.votes, reason: s.reason })),
					includesLiaisonReported: m.includesReported
				}
			};
		}),
		mostContested: r.contested.map((c) => c.key),
		strongestConsensus: r.consensus.map((c) => c.key)
	};
}
