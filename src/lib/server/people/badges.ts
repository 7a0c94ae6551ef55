// How pages name a person: display name, the unique @username beside it (display names are not
// unique, and anyone may take the administrator's), and a badge for each role they hold in the
// consultation the text belongs to. The roles come in the same query as the author, through a
// correlated subquery on role_assignments (indexed by user), never one query per person.
// See docs/moderation.md, "Impersonation".
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { clauseRevisions, clauses, roleAssignments, users, type Role } from '../db/schema';

/** A role badge; `language` for a liaison or translator. Site administrators show as 'admin'. */
export interface RoleBadge {
	role: Role;
	language?: string;
}

/** A named person as pages and the API show them; null stands for a former participant. */
export interface PersonView {
	username: string;
	displayName: string;
	badges: RoleBadge[];
}

/** The order badges are shown in: the broadest role first. */
const ORDER: Role[] = ['admin', 'committee', 'moderator', 'liaison', 'translator'];

/** The consultation a clause revision belongs to, as a scalar subquery (SQLite evaluates it once). */
export function consultationOfRevision(revisionId: number | AnyColumn | SQL): SQL<number> {
	return sql<number>`(select ${clauses.consultationId} from ${clauseRevisions} inner join ${clauses} on ${clauses.id} = ${clauseRevisions.clauseId} where ${clauseRevisions.id} = ${revisionId})`;
}

/** 'role:language' pairs joined by ',' for one person in one consultation, or null. */
export function rolesColumn(userId: AnyColumn, consultationId: number | AnyColumn | SQL): SQL<string | null> {
	return sql<string | null>`(select group_concat(${roleAssignments.role} || ':' || ${roleAssignments.language}, ',') from ${roleAssignments} where ${roleAssignments.userId} = ${userId} and ${roleAssignments.consultationId} = ${consultationId})`;
}

/** The columns to select for a person: from `users`, or an alias of it (`aliasedTable(users, …)`). */
export function personColumns(table: typeof users, consultationId: number | AnyColumn | SQL) {
	return {
		username: table.username,
		displayName: table.displayName,
		isSiteAdmin: table.isSiteAdmin,
		roles: rolesColumn(table.id, consultationId)
	};
}

export function badgesOf(roles: string | null, isSiteAdmin: boolean | null): RoleBadge[] {
	const badges: RoleBadge[] = [];
	for (const pair of roles ? roles.split(',') : []) {
		const at = pair.indexOf(':');
		const role = pair.slice(0, at) as Role;
		const language = pair.slice(at + 1);
		if (!ORDER.includes(role) || badges.some((b) => b.role === role && (b.language ?? '') === language)) continue;
		badges.push(language ? { role, language } : { role });
	}
	if (isSiteAdmin && !badges.some((b) => b.role === 'admin')) badges.push({ role: 'admin' });
	return badges.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role) || (a.language ?? '').localeCompare(b.language ?? ''));
}

/** The person from a row selected with `personColumns`; null when the account is gone. */
export function personOf(
	row: { username: string | null; displayName: string | null; isSiteAdmin: boolean | null; roles: string | null } | null | undefined
): PersonView | null {
	// A left join that found nobody: drizzle may give the nested object as null, or its fields as null.
	if (!row || row.username === null) return null;
	return { username: row.username, displayName: row.displayName ?? row.username, badges: badgesOf(row.roles, row.isSiteAdmin) };
}

/** How text that outlives the account (the audit log's names and subjects) writes a person. */
export function nameWithUsername(person: { displayName: string; username: string }): string {
	return `${person.displayName} (@${person.username})`;
}
