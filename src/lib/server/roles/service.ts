// Role assignments per consultation, and what each role may do.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { nameWithUsername } from '../people/badges';
import { roleAssignments, users, LANGUAGE_ROLES, type Role } from '../db/schema';
import { recordAudit } from '../audit/service';

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

/** How the audit log names a role assignment: whose, which role, for which language. */
function roleSubject(db: Queryable, userId: number, role: Role, language: string): string {
	const user = db.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, userId)).get();
	const who = user ? nameWithUsername(user) : `#${userId}`;
	return `${who}: ${role}${language ? ` [${language}]` : ''}`;
}

/**
 * Grants a role (nothing happens when the person holds it already). A new grant is written to the
 * audit log in the same transaction, with `grantedBy` as the actor.
 */
export function assignRole(
	db: Queryable,
	input: { consultationId: number; userId: number; role: Role; language?: string; grantedBy?: number | null; now?: number }
): void {
	const language = LANGUAGE_ROLES.includes(input.role) ? (input.language ?? '') : '';
	if (LANGUAGE_ROLES.includes(input.role) && !language) {
		throw new Error(`The ${input.role} role needs a language`);
	}
	db.transaction((tx) => {
		const created = tx
			.insert(roleAssignments)
			.values({
				consultationId: input.consultationId,
				userId: input.userId,
				role: input.role,
				language,
				grantedBy: input.grantedBy ?? null,
				...(input.now !== undefined ? { createdAt: input.now } : {})
			})
			.onConflictDoNothing()
			.returning({ id: roleAssignments.id })
			.get();
		if (!created) return;
		recordAudit(tx, {
			actorId: input.grantedBy ?? null,
			action: 'role.grant',
			consultationId: input.consultationId,
			targetType: 'role',
			targetId: created.id,
			subject: roleSubject(tx, input.userId, input.role, language),
			details: { userId: input.userId, role: input.role, language },
			now: input.now
		});
	});
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

/** Removes one assignment of this consultation, written to the audit log with `actorId`; false when there was none. */
export function revokeRole(db: Queryable, consultationId: number, assignmentId: number, actorId: number | null = null): boolean {
	return db.transaction((tx) => {
		const removed = tx
			.delete(roleAssignments)
			.where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.consultationId, consultationId)))
			.returning()
			.get();
		if (!removed) return false;
		recordAudit(tx, {
			actorId,
			action: 'role.revoke',
			consultationId,
			targetType: 'role',
			targetId: removed.id,
			subject: roleSubject(tx, removed.userId, removed.role, removed.language),
			details: { userId: removed.userId, role: removed.role, language: removed.language }
		});
		return true;
	});
}
