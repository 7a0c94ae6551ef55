// Role assignments per consultation, and what each role may do.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { roleAssignments, users, LANGUAGE_ROLES, type Role } from '../db/schema';

export interface HeldRole {
	role: Role;
	/** Set for translators and liaisons; '' otherwise. */
	language: string;
}

export function rolesIn(db: Queryable, userId: number, consultationId: number): HeldRole[] {
	return db
		.select({ role: roleAssignments.role, language: roleAssignments.language })
		.from(roleAssignments)
		.where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.consultationId, consultationId)))
		.all();
}

export function assignRole(
	db: Queryable,
	input: { consultationId: number; userId: number; role: Role; language?: string; grantedBy?: number | null }
): void {
	const language = LANGUAGE_ROLES.includes(input.role) ? (input.language ?? '') : '';
	if (LANGUAGE_ROLES.includes(input.role) && !language) {
		throw new Error(`The ${input.role} role needs a language`);
	}
	db.insert(roleAssignments)
		.values({
			consultationId: input.consultationId,
			userId: input.userId,
			role: input.role,
			language,
			grantedBy: input.grantedBy ?? null
		})
		.onConflictDoNothing()
		.run();
}

/** What a person may do in one consultation, worked out once per request. */
export interface Permissions {
	/** Sees drafts and committee-only material, imports versions. */
	committee: boolean;
	/** Assigns roles, changes the consultation's settings. */
	admin: boolean;
	moderator: boolean;
	translatorFor: string[];
	liaisonFor: string[];
}

export const NO_PERMISSIONS: Permissions = {
	committee: false,
	admin: false,
	moderator: false,
	translatorFor: [],
	liaisonFor: []
};

export function permissionsOf(held: HeldRole[], isSiteAdmin: boolean): Permissions {
	const has = (role: Role) => held.some((h) => h.role === role);
	const admin = isSiteAdmin || has('admin');
	return {
		admin,
		committee: admin || has('committee'),
		moderator: admin || has('moderator'),
		translatorFor: held.filter((h) => h.role === 'translator').map((h) => h.language),
		liaisonFor: held.filter((h) => h.role === 'liaison').map((h) => h.language)
	};
}

export function permissionsFor(
	db: Queryable,
	user: { id: number; isSiteAdmin: boolean } | null,
	consultationId: number
): Permissions {
	if (!user) return NO_PERMISSIONS;
	return permissionsOf(rolesIn(db, user.id, consultationId), user.isSiteAdmin);
}

export interface AssignmentView {
	id: number;
	role: Role;
	language: string;
	username: string;
	displayName: string;
}

export function listAssignments(db: Queryable, consultationId: number): AssignmentView[] {
	return db
		.select({
			id: roleAssignments.id,
			role: roleAssignments.role,
			language: roleAssignments.language,
			username: users.username,
			displayName: users.displayName
		})
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(eq(roleAssignments.consultationId, consultationId))
		.orderBy(roleAssignments.role, roleAssignments.language, users.username)
		.all();
}

/** Removes one assignment of this consultation; false when there was none. */
export function revokeRole(db: Queryable, consultationId: number, assignmentId: number): boolean {
	const result = db
		.delete(roleAssignments)
		.where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.consultationId, consultationId)))
		.run();
	return result.changes > 0;
}
