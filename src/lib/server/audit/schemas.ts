// The audit pages' filters, read from the query string.
import { AUDIT_ACTIONS, type AuditAction } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD date as the start of that day in UTC (ms), or null. */
function dayStart(value: string | null): number | null {
	if (!value || !DATE.test(value)) return null;
	const ms = Date.parse(`${value}T00:00:00Z`);
	return Number.isNaN(ms) ? null : ms;
}

export interface AuditQuery {
	action: AuditAction | null;
	actor: string;
	from: string;
	to: string;
	page: number;
}

/** The audit page's filters from its query string; unknown values are ignored rather than refused. */
export function auditQuery(params: URLSearchParams): AuditQuery & { fromMs: number | null; toMs: number | null } {
	const action = params.get('action');
	const from = params.get('from') ?? '';
	const to = params.get('to') ?? '';
	const fromMs = dayStart(from);
	const toStart = dayStart(to);
	return {
		action: AUDIT_ACTIONS.find((a) => a === action) ?? null,
		actor: (params.get('actor') ?? '').trim().slice(0, 100),
		from: fromMs === null ? '' : from,
		to: toStart === null ? '' : to,
		// "to" is inclusive: up to the end of that day.
		fromMs,
		toMs: toStart === null ? null : toStart + 24 * 60 * 60 * 1000,
		page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
	};
}
