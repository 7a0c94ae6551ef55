// What the audit log records and how it is read: shared by its writers (moderation/, roles/,
// accounts/), the audit pages' filters and the AuditLog component (types only).
import type { PersonView } from '../people/badges';

export const AUDIT_ACTIONS = [
	'comment.hide',
	'comment.restore',
	/** The report threshold was reached: the comment is hidden pending review (no actor). */
	'comment.pending',
	'report.dismiss',
	'user.suspend',
	'user.unsuspend',
	'role.grant',
	'role.revoke'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_SIZE = 50;

export interface AuditInput {
	/** Null for what the platform did by itself (a comment hidden after enough reports). */
	actorId: number | null;
	action: AuditAction;
	consultationId: number | null;
	targetType: 'comment' | 'user' | 'role' | 'report';
	targetId: number | null;
	subject: string;
	reason?: string;
	details?: Record<string, unknown> | null;
	now?: number;
}

export interface AuditFilters {
	/** Only this consultation's entries; null for every consultation (site administrators). */
	consultationId: number | null;
	action?: AuditAction | null;
	/** Part of the actor's name or username (case-insensitive). */
	actor?: string | null;
	/** Inclusive lower and exclusive upper bounds, in ms. */
	from?: number | null;
	to?: number | null;
	page?: number;
	pageSize?: number;
}

export interface AuditView {
	id: number;
	at: number;
	/** The name as it was when the entry was written (it outlives the account). */
	actorName: string;
	/** The actor's account as it is now, with @username and roles in the entry's consultation; null for the platform or a deleted account. */
	actor: PersonView | null;
	action: string;
	consultation: { slug: string; title: string } | null;
	targetType: string;
	targetId: number | null;
	subject: string;
	reason: string;
	details: Record<string, unknown> | null;
}

export interface AuditPage {
	items: AuditView[];
	total: number;
	page: number;
	pageCount: number;
}
