// "Download my data": everything a person wrote on the platform, and what it holds about them, as
// one JSON document (see docs/privacy.md). Only their own items: not the replies others wrote to
// them, not the committee's responses to their comments or to their liaison summaries. Each concern
// gives its own part (its personal-data.ts); this file only puts the parts together, in order.
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db';
import { comments, consultations, roleAssignments, stances, users } from '../db/schema';
import { iso, type PersonalDataPart } from '../privacy/personal-data';
import { auditData } from '../audit/personal-data';
import { sessionsData } from '../auth/personal-data';
import { commentsData } from '../comments/personal-data';
import { consultationsData } from '../consultations/personal-data';
import { moderationData } from '../moderation/personal-data';
import { responsesData } from '../responses/personal-data';
import { rolesData } from '../roles/personal-data';
import { stancesData } from '../stances/personal-data';
import { summariesData } from '../summaries/personal-data';
import { translationsData } from '../translations/personal-data';

export const PERSONAL_DATA_FORMAT = 'polyphony-personal-data';
export const PERSONAL_DATA_VERSION = 1;

/** The profile: the users row itself, without its password hash. */
function profileOf(db: Queryable, userId: number) {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	return (
		user && {
			username: user.username,
			displayName: user.displayName,
			languages: user.languages,
			affiliation: user.affiliation,
			locale: user.locale,
			isSiteAdmin: user.isSiteAdmin,
			createdAt: iso(user.createdAt)
		}
	);
}

/** Every concern's part, in the order of the document's sections. */
export const PERSONAL_DATA_PARTS = [
	rolesData,
	sessionsData,
	stancesData,
	commentsData,
	translationsData,
	responsesData,
	summariesData,
	moderationData,
	consultationsData,
	auditData
] as const;

/** The columns of users rows themselves: the profile. */
export const PROFILE_COLUMNS = [users.id];

type Parts = typeof PERSONAL_DATA_PARTS;
type Sections<P> = P extends PersonalDataPart<infer T> ? T : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type AllSections = UnionToIntersection<Sections<Parts[number]>>;

export function personalData(db: Queryable, userId: number, now = Date.now()) {
	const profile = profileOf(db, userId);
	if (!profile) return null;
	const sections = Object.assign({}, ...PERSONAL_DATA_PARTS.map((part) => part.of(db, userId))) as AllSections;
	return { format: PERSONAL_DATA_FORMAT, formatVersion: PERSONAL_DATA_VERSION, exportedAt: iso(now), profile, ...sections };
}

/** What deleting the account would do, for the confirmation page. */
export function deletionPreview(db: Queryable, userId: number) {
	const mine = eq(comments.authorId, userId);
	const ownComments = db.select({ id: comments.id, deletedAt: comments.deletedAt }).from(comments).where(mine).all();
	const ids = ownComments.map((c) => c.id);
	const stanceRows = db.select({ reason: stances.reason }).from(stances).where(eq(stances.userId, userId)).all();
	const repliesByOthers = ids.length
		? db
				.select({ id: comments.id, authorId: comments.authorId })
				.from(comments)
				.where(inArray(comments.parentId, ids))
				.all()
				.filter((r) => r.authorId !== userId).length
		: 0;
	return {
		stances: stanceRows.length,
		reasons: stanceRows.filter((s) => s.reason !== null).length,
		comments: ownComments.filter((c) => c.deletedAt === null).length,
		repliesByOthers,
		roles: db
			.select({ consultation: consultations.title, role: roleAssignments.role, language: roleAssignments.language })
			.from(roleAssignments)
			.innerJoin(consultations, eq(consultations.id, roleAssignments.consultationId))
			.where(eq(roleAssignments.userId, userId))
			.all()
	};
}
