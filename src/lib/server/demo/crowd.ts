// A crowd of demo participants who took a stance on version 1's clauses, so that enough language
// communities reach the minimum size for the cross-community measures to say something. Their
// stances follow community-specific leanings (invented, deterministic): broad support for the
// core clauses, sharp differences on conduct outside project spaces, on language and inclusion,
// and on enforcement. They write no reasons and no comments.
import type { Queryable } from '../db';
import type { Affiliation, StanceValue } from '../db/schema';
import { createUser } from '../accounts/service';
import { setStance } from '../stances/service';
import { generator } from '../random';

interface CrowdMember {
	username: string;
	displayName: string;
	languages: string[];
	affiliation: Affiliation | null;
}

const V: Affiliation = 'volunteer';
const S: Affiliation = 'staff';
const A: Affiliation = 'affiliate';
const O: Affiliation = 'other';
const P: Affiliation = 'prefer-not';

/** [username, display name, other languages, affiliation] per home language. */
const PEOPLE: Record<string, [string, string, string[], Affiliation | null][]> = {
	es: [
		['carmen.r', 'Carmen Ruiz', ['en'], V],
		['javier.m', 'Javier Morales', [], V],
		['sofia.h', 'Sofía Herrera', ['pt'], A],
		['andres.c', 'Andrés Castillo', [], V],
		['valentina.r', 'Valentina Rojas', ['en'], S],
		['pablo.n', 'Pablo Navarro', [], null],
		['daniela.v', 'Daniela Vega', [], V],
		['tomas.a', 'Tomás Aguilar', ['en'], A],
		['isabel.p', 'Isabel Paredes', [], P]
	],
	ar: [
		['nour.s', 'Nour Al-Sayed', ['en'], V],
		['karim.m', 'Karim Mahfouz', ['fr'], V],
		['hana.y', 'Hana Yousef', [], V],
		['tariq.s', 'Tariq Saleh', ['en'], A],
		['rania.k', 'Rania Khalil', [], P],
		['samir.a', 'Samir Aziz', [], V],
		['mariam.n', 'Mariam Nasser', ['en'], S],
		['bilal.o', 'Bilal Othman', [], null],
		['yasmin.f', 'Yasmin Fares', ['fr'], V]
	],
	fr: [
		['elodie.m', 'Élodie Martin', ['en'], V],
		['julien.m', 'Julien Moreau', [], A],
		['chloe.d', 'Chloé Dubois', [], V],
		['antoine.l', 'Antoine Lefèvre', ['en'], S],
		['manon.g', 'Manon Girard', [], V],
		['hugo.r', 'Hugo Roux', [], O],
		['lea.f', 'Léa Fontaine', ['es'], V],
		['nicolas.p', 'Nicolas Petit', [], null]
	],
	hi: [
		['ananya.s', 'Ananya Sharma', ['en'], V],
		['rohan.g', 'Rohan Gupta', ['en'], V],
		['kavya.i', 'Kavya Iyer', [], A],
		['vikram.s', 'Vikram Singh', ['en'], V],
		['meera.j', 'Meera Joshi', [], P],
		['aditya.r', 'Aditya Rao', ['en'], S],
		['sneha.p', 'Sneha Patel', [], V],
		['rahul.v', 'Rahul Verma', [], null]
	],
	fa: [
		['neda.k', 'Neda Karimi', ['en'], V],
		['reza.h', 'Reza Hosseini', [], V],
		['maryam.r', 'Maryam Rahimi', [], P],
		['ali.m', 'Ali Moradi', ['en'], V],
		['sara.j', 'Sara Jafari', [], A],
		['omid.s', 'Omid Sadeghi', [], V],
		['parisa.e', 'Parisa Ebrahimi', ['en'], null],
		['kian.r', 'Kian Rostami', [], O]
	],
	'zh-Hans': [
		['wang.fang', 'Wang Fang', ['en'], V],
		['li.na', 'Li Na', [], V],
		['chen.jie', 'Chen Jie', ['en'], A],
		['liu.yang', 'Liu Yang', [], V],
		['zhao.min', 'Zhao Min', [], P],
		['huang.lei', 'Huang Lei', ['en'], S],
		['zhou.xin', 'Zhou Xin', [], V],
		['wu.hao', 'Wu Hao', [], null]
	],
	pt: [
		['beatriz.c', 'Beatriz Costa', ['es'], V],
		['rafael.a', 'Rafael Almeida', [], A],
		['mariana.s', 'Mariana Souza', ['en'], V],
		['thiago.p', 'Thiago Pereira', [], V],
		['luisa.c', 'Luísa Carvalho', [], null]
	],
	en: [
		['emily.c', 'Emily Clarke', [], S],
		['james.o', 'James Okoye', ['fr'], V],
		['hannah.b', 'Hannah Brooks', [], V],
		['michael.t', 'Michael Tan', ['zh-Hans'], S],
		['grace.w', 'Grace Whitfield', [], A]
	]
};

export const DEMO_CROWD: CrowdMember[] = Object.entries(PEOPLE).flatMap(([home, people]) =>
	people.map(([username, displayName, others, affiliation]) => ({ username, displayName, languages: [home, ...others], affiliation }))
);

/** Weights of [support, oppose, neutral] per clause, for a community without a leaning of its own. */
const BASE: Record<string, [number, number, number]> = {
	purpose: [8, 1, 1],
	scope: [5, 2, 3],
	'off-platform': [3, 5, 2],
	respect: [8, 1, 1],
	inclusion: [6, 2, 2],
	'good-faith': [5, 2, 3],
	harassment: [8, 1, 1],
	doxxing: [7, 1, 2],
	'abuse-of-power': [7, 1, 2],
	reporting: [6, 2, 2],
	enforcement: [5, 3, 2],
	appeals: [6, 1, 3]
};

/** Where a community leans its own way. */
const LEANINGS: Record<string, Record<string, [number, number, number]>> = {
	// Monitoring of off-platform conduct worries people who speak under restrictive governments.
	ar: { 'off-platform': [1, 8, 1], doxxing: [9, 0, 1], reporting: [3, 5, 2], inclusion: [9, 0, 1] },
	fa: { 'off-platform': [1, 8, 1], doxxing: [9, 0, 1], reporting: [3, 4, 3], inclusion: [9, 0, 1] },
	es: { 'off-platform': [7, 2, 1], inclusion: [9, 0, 1], 'abuse-of-power': [9, 0, 1] },
	en: { 'off-platform': [6, 2, 2], inclusion: [3, 2, 5], enforcement: [7, 1, 2] },
	fr: { enforcement: [2, 6, 2], 'abuse-of-power': [9, 0, 1], 'good-faith': [2, 2, 6] },
	hi: { enforcement: [3, 1, 6], inclusion: [8, 0, 2], 'good-faith': [8, 1, 1] },
	'zh-Hans': { 'off-platform': [3, 3, 4], enforcement: [3, 1, 6], 'good-faith': [8, 1, 1], scope: [3, 1, 6] },
	pt: { inclusion: [8, 1, 1], appeals: [8, 0, 2] }
};

const STANCE_ORDER: StanceValue[] = ['support', 'oppose', 'neutral'];
/** The share of a version's clauses each crowd member gives a view on. */
const TURNOUT = 0.85;
const MINUTE = 60 * 1000;

/** Splits `total` voters into support/oppose/neutral counts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: [number, number, number]): [number, number, number] {
	const sum = weights[0] + weights[1] + weights[2];
	const exact = weights.map((w) => (total * w) / sum);
	const out = exact.map(Math.floor) as [number, number, number];
	const order = [0, 1, 2].sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
	for (let i = 0, rest = total - out[0] - out[1] - out[2]; rest > 0; i++, rest--) out[order[i]]++;
	return out;
}

/**
 * Creates the crowd's accounts and their stances on the given clause revisions (keyed by clause
 * key), one every eight minutes from `from`. Returns the time of the last stance.
 */
export function addDemoCrowd(
	db: Queryable,
	input: { passwordHash: string; createdAt: number; revisionOf: Map<string, number>; users: Map<string, number>; from: number }
): number {
	const random = generator(20261107);
	const members = DEMO_CROWD.map((member) => {
		const user = createUser(db, { ...member, passwordHash: input.passwordHash, createdAt: input.createdAt });
		input.users.set(member.username, user.id);
		return { id: user.id, home: member.languages[0] };
	});
	// Per clause and community, the members who turn out share the community's leaning in proportion
	// (so a community of eight reads as its leaning, not as noise), in a shuffled order.
	const stances: { revisionId: number; userId: number; stance: StanceValue; language: string; order: number }[] = [];
	for (const [key, revisionId] of input.revisionOf) {
		for (const home of Object.keys(PEOPLE)) {
			const voters = members.filter((m) => m.home === home && random() < TURNOUT);
			const counts = apportion(voters.length, LEANINGS[home]?.[key] ?? BASE[key] ?? [1, 1, 1]);
			const values = STANCE_ORDER.flatMap((stance, i) => Array<StanceValue>(counts[i]).fill(stance));
			voters
				.map((m) => ({ m, k: random() }))
				.sort((a, b) => a.k - b.k)
				.forEach(({ m }, i) => stances.push({ revisionId, userId: m.id, stance: values[i], language: home, order: random() }));
		}
	}
	let t = input.from;
	for (const s of stances.sort((a, b) => a.order - b.order)) {
		t += 8 * MINUTE;
		setStance(db, { revisionId: s.revisionId, userId: s.userId, stance: s.stance, reason: null, language: s.language, now: t });
	}
	return t;
}
