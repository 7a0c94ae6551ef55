// The two mechanisms behind the abuse limits, kept in this process's memory: a token bucket (so
// many actions per window, with bursts up to the limit) and a failure backoff (a delay that doubles
// with every failure past a few free ones, cleared by a success). Pure: callers pass the time.

export interface Rule {
	/** How many actions a key may make in a burst, and per window once the burst is spent. */
	limit: number;
	windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

const OK: Verdict = { ok: true };

/**
 * Keys are forgotten once idle for long enough; past `maxKeys` the oldest entries go first, so a
 * flood of distinct keys (addresses, usernames) cannot grow the process without bound.
 */
abstract class KeyedState<S extends { touched: number }> {
	protected readonly entries = new Map<string, S>();
	private operations = 0;

	constructor(
		private readonly idleMs: number,
		private readonly maxKeys: number
	) {}

	protected get(key: string): S | undefined {
		return this.entries.get(key);
	}

	/** Stores `state` as the newest entry (Map order is insertion order: oldest first). */
	protected put(key: string, state: S, now: number): void {
		this.entries.delete(key);
		this.entries.set(key, state);
		if (++this.operations % 1000 === 0 || this.entries.size > this.maxKeys) this.sweep(now);
	}

	private sweep(now: number): void {
		for (const [key, state] of this.entries) {
			if (now - state.touched >= this.idleMs) this.entries.delete(key);
		}
		for (const key of this.entries.keys()) {
			if (this.entries.size <= this.maxKeys) break;
			this.entries.delete(key);
		}
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}

interface Bucket {
	tokens: number;
	touched: number;
}

/** `limit` actions at once, then one more every `windowMs / limit`. */
export class TokenBucket extends KeyedState<Bucket> {
	private readonly perMs: number;

	constructor(
		readonly rule: Rule,
		maxKeys = 100_000
	) {
		super(rule.windowMs, maxKeys);
		this.perMs = rule.limit / rule.windowMs;
	}

	private tokensAt(key: string, now: number): number {
		const bucket = this.get(key);
		if (!bucket) return this.rule.limit;
		return Math.min(this.rule.limit, bucket.tokens + Math.max(0, now - bucket.touched) * this.perMs);
	}

	/** Whether one more action would be allowed now, without spending it. */
	peek(key: string, now: number): Verdict {
		const tokens = this.tokensAt(key, now);
		return tokens >= 1 ? OK : { ok: false, retryAfterMs: Math.ceil((1 - tokens) / this.perMs) };
	}

	/** Spends one action when allowed. */
	take(key: string, now: number): Verdict {
		const tokens = this.tokensAt(key, now);
		if (tokens < 1) return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / this.perMs) };
		this.put(key, { tokens: tokens - 1, touched: now }, now);
		return OK;
	}
}

export interface BackoffRule {
	/** Failures allowed before any delay. */
	free: number;
	/** The first delay; each further failure doubles it… */
	baseMs: number;
	/** …up to this. */
	maxMs: number;
	/** Failures older than this (since the last one) are forgotten. */
	forgetMs: number;
}

interface Failures {
	count: number;
	blockedUntil: number;
	touched: number;
}

/** A growing delay after repeated failures (log-in): 0 for the first `free`, then base, 2×base, 4×base… */
export class FailureBackoff extends KeyedState<Failures> {
	constructor(
		readonly rule: BackoffRule,
		maxKeys = 100_000
	) {
		super(rule.forgetMs, maxKeys);
	}

	check(key: string, now: number): Verdict {
		const state = this.get(key);
		if (!state || now - state.touched >= this.rule.forgetMs || now >= state.blockedUntil) return OK;
		return { ok: false, retryAfterMs: state.blockedUntil - now };
	}

	/** Records a failure; returns the delay it starts (0 while failures are still free). */
	fail(key: string, now: number): number {
		const previous = this.get(key);
		const count = previous && now - previous.touched < this.rule.forgetMs ? previous.count + 1 : 1;
		const over = count - this.rule.free;
		const delay = over > 0 ? Math.min(this.rule.maxMs, this.rule.baseMs * 2 ** Math.min(over - 1, 40)) : 0;
		this.put(key, { count, blockedUntil: now + delay, touched: now }, now);
		return delay;
	}

	succeed(key: string): void {
		this.entries.delete(key);
	}

	failures(key: string): number {
		return this.get(key)?.count ?? 0;
	}
}
