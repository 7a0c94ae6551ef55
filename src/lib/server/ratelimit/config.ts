// The abuse limits and their environment variables (documented in README "Settings"). Each limit is
// "N/duration" (N actions per duration, bursts up to N) or "off"; RATE_LIMITS=off turns them all off.
import type { BackoffRule, Rule } from './limiter';
import { StartupError } from '../startup-error';

export type LimitKind = 'signup' | 'loginAddress' | 'loginAccount' | 'post' | 'report' | 'api';

export interface LimitSettings {
	rules: Record<LimitKind, Rule | null>;
	loginBackoff: BackoffRule | null;
}

/** Variable name and default of each limit. */
export const LIMIT_VARIABLES: Record<LimitKind, { variable: string; fallback: string }> = {
	signup: { variable: 'RATE_LIMIT_SIGNUP', fallback: '5/1h' },
	loginAddress: { variable: 'RATE_LIMIT_LOGIN_ADDRESS', fallback: '30/15m' },
	loginAccount: { variable: 'RATE_LIMIT_LOGIN_ACCOUNT', fallback: '10/15m' },
	post: { variable: 'RATE_LIMIT_POST', fallback: '60/10m' },
	report: { variable: 'RATE_LIMIT_REPORT', fallback: '10/1h' },
	api: { variable: 'RATE_LIMIT_API', fallback: '300/1m' }
};

export const BACKOFF_VARIABLE = { variable: 'RATE_LIMIT_LOGIN_BACKOFF', fallback: '5,1s,15m' };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "15m", "1h", "2d", "500ms" → milliseconds; null when not a duration. */
export function parseDuration(text: string): number | null {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
	if (!match) return null;
	const ms = Number(match[1]) * UNITS[match[2]];
	return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : null;
}

function isOff(text: string): boolean {
	return /^(off|0|false|no)$/i.test(text.trim());
}

export function parseRule(variable: string, text: string): Rule | null {
	if (isOff(text)) return null;
	const [count, duration, ...rest] = text.split('/');
	const limit = Number(count);
	const windowMs = duration === undefined ? null : parseDuration(duration);
	if (rest.length || !Number.isInteger(limit) || limit < 1 || windowMs === null) {
		throw new StartupError(`${variable} must look like "60/10m" (60 per 10 minutes) or "off", not "${text}"`);
	}
	return { limit, windowMs };
}

export function parseBackoff(variable: string, text: string): BackoffRule | null {
	if (isOff(text)) return null;
	const [free, base, max, ...rest] = text.split(',');
	const baseMs = base === undefined ? null : parseDuration(base);
	const maxMs = max === undefined ? null : parseDuration(max);
	const freeCount = Number(free);
	if (rest.length || !Number.isInteger(freeCount) || freeCount < 0 || baseMs === null || maxMs === null || maxMs < baseMs) {
		throw new StartupError(`${variable} must look like "5,1s,15m" (5 free failures, then 1 s doubling up to 15 min) or "off", not "${text}"`);
	}
	// A day without failures forgets them, and never less than the longest delay.
	return { free: freeCount, baseMs, maxMs, forgetMs: Math.max(maxMs, UNITS.d) };
}

/** The limits from the environment (defaults when unset). Throws naming the variable when one is malformed. */
export function limitSettings(env: Record<string, string | undefined> = process.env): LimitSettings {
	const allOff = isOff(env.RATE_LIMITS ?? 'on');
	const rules = {} as Record<LimitKind, Rule | null>;
	for (const [kind, { variable, fallback }] of Object.entries(LIMIT_VARIABLES) as [LimitKind, { variable: string; fallback: string }][]) {
		const rule = parseRule(variable, env[variable] || fallback);
		rules[kind] = allOff ? null : rule;
	}
	const backoff = parseBackoff(BACKOFF_VARIABLE.variable, env[BACKOFF_VARIABLE.variable] || BACKOFF_VARIABLE.fallback);
	return { rules, loginBackoff: allOff ? null : backoff };
}
