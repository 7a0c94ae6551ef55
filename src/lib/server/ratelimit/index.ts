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

function longest(verdicts: Verdict[]): Verdict {
	let wait = 0;
	for (const v of verdicts) if (!v.ok) wait = Math.max(wait, v.retryAfterMs);
	return wait > 0 ? { ok: false, retryAfterMs: wait } : OK;
}

const accountKey = (account: string) => `account:${account}`;
const addressKey = (address: string) => `address:${address}`;
const deviceKey = (device: string) => `device:${device}`;

/**
 * Who a log-in attempt is counted against besides its address: the account — or, when the browser
 * brings a valid known-device token for that account (auth/known-device.ts), that device instead.
 * Without that, five wrong passwords from anyone would lock the owner out too; with it, the owner's
 * own browser gets in while the account is held back, and a stolen token still guesses no faster
 * than the account's limit allows (RATE_LIMIT_LOGIN_ACCOUNT and the delay, per device).
 */
function subjectKey(account: string, device: string | null): string {
	return device ? deviceKey(device) : accountKey(account);
}

/**
 * Before checking a password: refused while the account (or the known device) or the address is in
 * its failure delay, or when either has used up its attempts; otherwise one attempt of each is spent.
 * `account` is the normalised username, whether or not such an account exists (the answer must not
 * tell); `device` the id from a valid known-device token for that account, else null.
 */
export function loginAttempt(account: string, address: string, now = Date.now(), device: string | null = null): Verdict {
	const { buckets, backoff } = current();
	const subject = subjectKey(account, device);
	const waiting = longest([
		backoff?.check(subject, now) ?? OK,
		backoff?.check(addressKey(address), now) ?? OK,
		buckets.loginAccount?.peek(subject, now) ?? OK,
		buckets.loginAddress?.peek(address, now) ?? OK
	]);
	if (!waiting.ok) return waiting;
	buckets.loginAccount?.take(subject, now);
	buckets.loginAddress?.take(address, now);
	return OK;
}

/** A wrong password: the account's (or the device's) and the address's delays grow. */
export function loginFailed(account: string, address: string, now = Date.now(), device: string | null = null): void {
	const { backoff } = current();
	backoff?.fail(subjectKey(account, device), now);
	backoff?.fail(addressKey(address), now);
}

/**
 * A right password clears the delays of the address and of what the attempt was counted against
 * (the attempt limits still count). From a known device the account's own delay stays: the owner
 * logging in does not give whoever is guessing a fresh set of free failures.
 */
export function loginSucceeded(account: string, address: string, device: string | null = null): void {
	const { backoff } = current();
	backoff?.succeed(subjectKey(account, device));
	backoff?.succeed(addressKey(address));
}
