// Abuse limits: sign-up per address, log-in per account and per address (with a growing delay after
// failures), posting and reporting per user, the JSON API per address. The state lives in this
// process's memory: it is per process (several processes behind a balancer each count on their own)
// and a restart forgets it. Limits come from the environment (./config.ts, README "Settings").
import { limitSettings, type LimitKind, type LimitSettings } from './config';
import { FailureBackoff, TokenBucket, type Verdict } from './limiter';

export type { LimitKind } from './config';
export type { Verdict } from './limiter';

interface State {
	buckets: Partial<Record<LimitKind, TokenBucket>>;
	backoff: FailureBackoff | null;
}

let state: State | undefined;

function build(settings: LimitSettings): State {
	const buckets: State['buckets'] = {};
	for (const [kind, rule] of Object.entries(settings.rules) as [LimitKind, LimitSettings['rules'][LimitKind]][]) {
		if (rule) buckets[kind] = new TokenBucket(rule);
	}
	return { buckets, backoff: settings.loginBackoff ? new FailureBackoff(settings.loginBackoff) : null };
}

/**
 * (Re)reads the limits — from the environment unless given — and forgets every count. Start-up
 * calls it so that a malformed variable stops the server with a message naming it.
 */
export function configureLimits(settings: LimitSettings = limitSettings()): void {
	state = build(settings);
}

function current(): State {
	state ??= build(limitSettings());
	return state;
}

const OK: Verdict = { ok: true };

/** Spends one action of `kind` for `key` (a user id, an address…): ok, or how long to wait. */
export function checkLimit(kind: LimitKind, key: string | number, now = Date.now()): Verdict {
	return current().buckets[kind]?.take(String(key), now) ?? OK;
}

/** Like checkLimit, without spending anything. */
export function peekLimit(kind: LimitKind, key: string | number, now = Date.now()): Verdict {
	return current().buckets[kind]?.peek(String(key), now) ?? OK;
}

function longest(verdicts: Verdict[]): Verdict {
	let wait = 0;
	for (const v of verdicts) if (!v.ok) wait = Math.max(wait, v.retryAfterMs);
	return wait > 0 ? { ok: false, retryAfterMs: wait } : OK;
}

const accountKey = (account: string) => `account:${account}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * Before checking a password: refused while the account or the address is in its failure delay, or
 * when either has used up its attempts; otherwise one attempt of each is spent. `account` is the
 * normalised username, whether or not such an account exists (the answer must not tell).
 */
export function loginAttempt(account: string, address: string, now = Date.now()): Verdict {
	const { buckets, backoff } = current();
	const waiting = longest([
		backoff?.check(accountKey(account), now) ?? OK,
		backoff?.check(addressKey(address), now) ?? OK,
		buckets.loginAccount?.peek(account, now) ?? OK,
		buckets.loginAddress?.peek(address, now) ?? OK
	]);
	if (!waiting.ok) return waiting;
	buckets.loginAccount?.take(account, now);
	buckets.loginAddress?.take(address, now);
	return OK;
}

/** A wrong password: the account's and the address's delays grow. */
export function loginFailed(account: string, address: string, now = Date.now()): void {
	const { backoff } = current();
	backoff?.fail(accountKey(account), now);
	backoff?.fail(addressKey(address), now);
}

/** A right password clears both delays (the attempt limits still count). */
export function loginSucceeded(account: string, address: string): void {
	const { backoff } = current();
	backoff?.succeed(accountKey(account));
	backoff?.succeed(addressKey(address));
}
