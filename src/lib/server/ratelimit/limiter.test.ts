import { describe, expect, it } from 'vitest';
import { FailureBackoff, TokenBucket } from './limiter';
import { limitSettings, parseBackoff, parseDuration, parseRule } from './config';
import { configureLimits, checkLimit, loginAttempt, loginFailed, loginSucceeded } from './index';
import { retryWhen } from './http';

describe('TokenBucket', () => {
	it('allows a burst of `limit`, then one action per window / limit', () => {
		const bucket = new TokenBucket({ limit: 3, windowMs: 3_000 });
		for (let i = 0; i < 3; i++) expect(bucket.take('a', 0).ok).toBe(true);
		const refused = bucket.take('a', 0);
		expect(refused).toEqual({ ok: false, retryAfterMs: 1_000 });
		expect(bucket.take('b', 0).ok).toBe(true);
		expect(bucket.take('a', 999).ok).toBe(false);
		expect(bucket.take('a', 1_000).ok).toBe(true);
		expect(bucket.take('a', 1_000).ok).toBe(false);
	});

	it('refills to the limit, never beyond', () => {
		const bucket = new TokenBucket({ limit: 2, windowMs: 1_000 });
		bucket.take('a', 0);
		bucket.take('a', 0);
		expect(bucket.peek('a', 1_000_000).ok).toBe(true);
		expect(bucket.take('a', 1_000_000).ok).toBe(true);
		expect(bucket.take('a', 1_000_000).ok).toBe(true);
		expect(bucket.take('a', 1_000_000).ok).toBe(false);
	});

	it('peek spends nothing', () => {
		const bucket = new TokenBucket({ limit: 1, windowMs: 1_000 });
		expect(bucket.peek('a', 0).ok).toBe(true);
		expect(bucket.peek('a', 0).ok).toBe(true);
		expect(bucket.take('a', 0).ok).toBe(true);
		expect(bucket.peek('a', 0).ok).toBe(false);
	});

	it('keeps at most maxKeys keys, dropping idle and then the oldest', () => {
		const bucket = new TokenBucket({ limit: 1, windowMs: 1_000 }, 100);
		for (let i = 0; i < 1_000; i++) bucket.take(`k${i}`, i);
		expect(bucket.size).toBeLessThanOrEqual(101);
		// The newest key is still limited.
		expect(bucket.take('k999', 999).ok).toBe(false);
	});
});

describe('FailureBackoff', () => {
	const rule = { free: 2, baseMs: 1_000, maxMs: 8_000, forgetMs: 60_000 };

	it('lets the free failures pass, then doubles the delay up to the maximum', () => {
		const backoff = new FailureBackoff(rule);
		expect(backoff.fail('a', 0)).toBe(0);
		expect(backoff.fail('a', 0)).toBe(0);
		expect(backoff.check('a', 0).ok).toBe(true);
		expect(backoff.fail('a', 0)).toBe(1_000);
		expect(backoff.check('a', 500)).toEqual({ ok: false, retryAfterMs: 500 });
		expect(backoff.check('a', 1_000).ok).toBe(true);
		expect(backoff.fail('a', 1_000)).toBe(2_000);
		expect(backoff.fail('a', 3_000)).toBe(4_000);
		expect(backoff.fail('a', 7_000)).toBe(8_000);
		expect(backoff.fail('a', 15_000)).toBe(8_000);
	});

	it('is cleared by a success and forgets old failures', () => {
		const backoff = new FailureBackoff(rule);
		for (let i = 0; i < 4; i++) backoff.fail('a', 0);
		expect(backoff.check('a', 0).ok).toBe(false);
		backoff.succeed('a');
		expect(backoff.check('a', 0).ok).toBe(true);
		expect(backoff.failures('a')).toBe(0);
		for (let i = 0; i < 4; i++) backoff.fail('b', 0);
		expect(backoff.fail('b', 60_000)).toBe(0);
		expect(backoff.failures('b')).toBe(1);
	});
});

describe('limit settings', () => {
	it('parses durations and rules', () => {
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('15m')).toBe(900_000);
		expect(parseDuration('1h')).toBe(3_600_000);
		expect(parseDuration('250ms')).toBe(250);
		expect(parseDuration('ten')).toBeNull();
		expect(parseRule('X', '60/10m')).toEqual({ limit: 60, windowMs: 600_000 });
		expect(parseRule('X', 'off')).toBeNull();
		expect(() => parseRule('RATE_LIMIT_POST', '60 per minute')).toThrow(/RATE_LIMIT_POST/);
		expect(() => parseRule('X', '0/1m')).toThrow();
		expect(() => parseRule('X', '-1/1m')).toThrow();
		expect(parseBackoff('Y', '5,1s,15m')).toMatchObject({ free: 5, baseMs: 1_000, maxMs: 900_000 });
		expect(() => parseBackoff('Y', '5,1m,1s')).toThrow(/Y/);
	});

	it('has defaults, per-variable overrides, and RATE_LIMITS=off', () => {
		const defaults = limitSettings({});
		expect(defaults.rules.signup).toEqual({ limit: 5, windowMs: 3_600_000 });
		expect(defaults.rules.post).toEqual({ limit: 60, windowMs: 600_000 });
		expect(defaults.loginBackoff).toMatchObject({ free: 5 });
		expect(limitSettings({ RATE_LIMIT_POST: '2/1s' }).rules.post).toEqual({ limit: 2, windowMs: 1_000 });
		expect(limitSettings({ RATE_LIMIT_REPORT: 'off' }).rules.report).toBeNull();
		const off = limitSettings({ RATE_LIMITS: 'off', RATE_LIMIT_POST: '2/1s' });
		expect(Object.values(off.rules).every((r) => r === null)).toBe(true);
		expect(off.loginBackoff).toBeNull();
	});
});

describe('the process-wide limits', () => {
	it('count per kind and key', () => {
		configureLimits(limitSettings({ RATE_LIMIT_POST: '2/1m', RATE_LIMIT_REPORT: '1/1m' }));
		expect(checkLimit('post', 1, 0).ok).toBe(true);
		expect(checkLimit('post', 1, 0).ok).toBe(true);
		expect(checkLimit('post', 1, 0)).toEqual({ ok: false, retryAfterMs: 30_000 });
		expect(checkLimit('post', 2, 0).ok).toBe(true);
		expect(checkLimit('report', 1, 0).ok).toBe(true);
		expect(checkLimit('report', 1, 0).ok).toBe(false);
	});

	it('slow log-ins down per account and per address, and a success clears the delay', () => {
		configureLimits(
			limitSettings({ RATE_LIMIT_LOGIN_ACCOUNT: '100/1m', RATE_LIMIT_LOGIN_ADDRESS: '100/1m', RATE_LIMIT_LOGIN_BACKOFF: '1,1s,1m' })
		);
		expect(loginAttempt('amina', '10.0.0.1', 0).ok).toBe(true);
		loginFailed('amina', '10.0.0.1', 0);
		expect(loginAttempt('amina', '10.0.0.1', 0).ok).toBe(true);
		loginFailed('amina', '10.0.0.1', 0);
		// The account is delayed from any address, and the address for any account.
		expect(loginAttempt('amina', '10.0.0.2', 500)).toEqual({ ok: false, retryAfterMs: 500 });
		expect(loginAttempt('lucia', '10.0.0.1', 500)).toEqual({ ok: false, retryAfterMs: 500 });
		expect(loginAttempt('lucia', '10.0.0.3', 500).ok).toBe(true);
		expect(loginAttempt('amina', '10.0.0.1', 1_000).ok).toBe(true);
		loginFailed('amina', '10.0.0.1', 1_000);
		expect(loginAttempt('amina', '10.0.0.1', 2_000)).toEqual({ ok: false, retryAfterMs: 1_000 });
		loginSucceeded('amina', '10.0.0.1');
		expect(loginAttempt('amina', '10.0.0.1', 2_000).ok).toBe(true);
	});

	it('count attempts from a known device against the device, not the account', () => {
		configureLimits(
			limitSettings({ RATE_LIMIT_LOGIN_ACCOUNT: '3/1h', RATE_LIMIT_LOGIN_ADDRESS: '100/1m', RATE_LIMIT_LOGIN_BACKOFF: '1,1m,1h' })
		);
		// Someone guessing from many addresses: the account's delay starts, then its attempts run out.
		for (const address of ['a', 'b']) {
			expect(loginAttempt('amina', address, 0).ok).toBe(true);
			loginFailed('amina', address, 0);
		}
		expect(loginAttempt('amina', 'c', 0).ok).toBe(false);
		// The owner's known device is held back by neither…
		expect(loginAttempt('amina', 'd', 0, 'laptop').ok).toBe(true);
		loginSucceeded('amina', 'd', 'laptop');
		// …and the owner's success does not give the guesser fresh free failures.
		expect(loginAttempt('amina', 'e', 0).ok).toBe(false);
		// A device guessing is held back like an account: its own delay and its own attempts.
		for (const address of ['f', 'g']) {
			expect(loginAttempt('amina', address, 0, 'stolen').ok).toBe(true);
			loginFailed('amina', address, 0, 'stolen');
		}
		expect(loginAttempt('amina', 'h', 0, 'stolen').ok).toBe(false);
		expect(loginAttempt('amina', 'h', 0, 'laptop').ok).toBe(true);
		configureLimits(limitSettings({}));
	});

	it('count log-in attempts per account and per address', () => {
		configureLimits(limitSettings({ RATE_LIMIT_LOGIN_ACCOUNT: '2/1m', RATE_LIMIT_LOGIN_ADDRESS: '3/1m' }));
		expect(loginAttempt('amina', 'a', 0).ok).toBe(true);
		expect(loginAttempt('amina', 'b', 0).ok).toBe(true);
		expect(loginAttempt('amina', 'c', 0).ok).toBe(false);
		expect(loginAttempt('lucia', 'a', 0).ok).toBe(true);
		expect(loginAttempt('shirin', 'a', 0).ok).toBe(true);
		expect(loginAttempt('omar', 'a', 0).ok).toBe(false);
		configureLimits(limitSettings({}));
	});
});

describe('retryWhen', () => {
	it('says when in the reader language', () => {
		expect(retryWhen('en', 4_200)).toBe('in 5 seconds');
		expect(retryWhen('en', 61_000)).toBe('in 2 minutes');
		expect(retryWhen('en', 3 * 3_600_000)).toBe('in 3 hours');
		expect(retryWhen('es', 120_000)).toBe('dentro de 2 minutos');
		expect(retryWhen('fr', 1_000)).toBe('dans 1 seconde');
	});
});
