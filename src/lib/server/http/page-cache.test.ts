import { describe, expect, it } from 'vitest';
import { isStorable, PageCache, wantsFresh, type PageCacheOptions } from './page-cache';

function page(text: string) {
	return { status: 200, headers: [['content-type', 'text/html']] as [string, string][], body: new TextEncoder().encode(text) };
}

function make(options: Partial<PageCacheOptions> = {}) {
	let dataVersion = 1;
	const cache = new PageCache({ maxBytes: 1_000, maxAgeMs: 60_000, maxEntryBytes: 500, visitorLagMs: 0, ...options }, () => dataVersion);
	return { cache, commitElsewhere: () => dataVersion++ };
}

const text = (p: { body: Uint8Array } | undefined) => (p ? new TextDecoder().decode(p.body) : undefined);

describe('PageCache', () => {
	it('serves what it kept until this process writes', () => {
		const { cache } = make();
		cache.set('a', cache.stamp(), page('A'));
		expect(text(cache.get('a'))).toBe('A');
		cache.invalidate();
		expect(cache.get('a')).toBeUndefined();
	});

	it('drops everything when another connection committed (data_version moved)', () => {
		const { cache, commitElsewhere } = make();
		cache.set('a', cache.stamp(), page('A'));
		commitElsewhere();
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size.entries).toBe(0);
	});

	it('refuses a page rendered from data older than a write made while it was rendered', () => {
		const { cache, commitElsewhere } = make();
		const before = cache.stamp();
		cache.invalidate();
		expect(cache.set('a', before, page('stale'))).toBe(false);
		const before2 = cache.stamp();
		commitElsewhere();
		expect(cache.set('a', before2, page('stale'))).toBe(false);
		expect(cache.get('a')).toBeUndefined();
	});

	it('expires entries after maxAgeMs', () => {
		const { cache } = make({ maxAgeMs: 1_000 });
		cache.set('a', cache.stamp(), page('A'), 10_000);
		expect(text(cache.get('a', 10_900))).toBe('A');
		expect(cache.get('a', 11_001)).toBeUndefined();
	});

	it('evicts the least recently used entries beyond maxBytes and skips oversized bodies', () => {
		const { cache } = make({ maxBytes: 300, maxEntryBytes: 200 });
		const hundred = (c: string) => page(c.repeat(100));
		cache.set('a', cache.stamp(), hundred('a'));
		cache.set('b', cache.stamp(), hundred('b'));
		cache.set('c', cache.stamp(), hundred('c'));
		cache.get('a'); // a is now the most recently used
		cache.set('d', cache.stamp(), hundred('d'));
		expect(cache.get('b')).toBeUndefined();
		expect(text(cache.get('a'))?.length).toBe(100);
		expect(cache.size).toEqual({ entries: 3, bytes: 300 });
		expect(cache.set('big', cache.stamp(), page('x'.repeat(201)))).toBe(false);
	});

	it('lets visitors have a page for visitorLagMs after a write, and signed-in people never', () => {
		const { cache, commitElsewhere } = make({ visitorLagMs: 5_000 });
		cache.set('- page', cache.stamp(10_000), page('visitor'), 10_010, true);
		cache.set('s1 page', cache.stamp(10_000), page('session'), 10_010, false);
		cache.invalidate();
		expect(cache.get('s1 page', 11_000)).toBeUndefined();
		expect(text(cache.get('- page', 11_000))).toBe('visitor');
		commitElsewhere();
		expect(text(cache.get('- page', 15_000))).toBe('visitor');
		// The lag counts from when the page began rendering, not from the write.
		expect(cache.get('- page', 15_001)).toBeUndefined();
	});

	it('keeps a visitor page rendered across a write while it is within the lag, and no other', () => {
		const { cache } = make({ visitorLagMs: 5_000 });
		const began = cache.stamp(20_000);
		cache.invalidate();
		expect(cache.set('s1 page', began, page('session'), 20_010, false)).toBe(false);
		expect(cache.set('- page', began, page('visitor'), 20_010, true)).toBe(true);
		expect(cache.set('- late', began, page('late'), 25_001, true)).toBe(false);
	});

	it('serves a page that nothing changed since for the full maxAgeMs, visitors included', () => {
		const { cache } = make({ visitorLagMs: 5_000, maxAgeMs: 60_000 });
		cache.set('- page', cache.stamp(0), page('visitor'), 0, true);
		expect(text(cache.get('- page', 59_000))).toBe('visitor');
		cache.invalidate();
		expect(cache.get('- page', 59_001)).toBeUndefined();
	});

	it('purge() drops visitors\' pages too, and refuses any rendered from before it', () => {
		const { cache } = make({ visitorLagMs: 5_000 });
		const began = cache.stamp(30_000);
		cache.set('- page', cache.stamp(30_000), page('visitor'), 30_001, true);
		cache.purge();
		expect(cache.get('- page', 30_002)).toBeUndefined();
		expect(cache.set('- other', began, page('before the purge'), 30_003, true)).toBe(false);
		expect(cache.set('- other', cache.stamp(30_004), page('after'), 30_005, true)).toBe(true);
	});

	it('replaces an entry under the same key without counting it twice', () => {
		const { cache } = make();
		cache.set('a', cache.stamp(), page('one'));
		cache.set('a', cache.stamp(), page('three'));
		expect(cache.size).toEqual({ entries: 1, bytes: 5 });
		expect(text(cache.get('a'))).toBe('three');
	});
});

describe('isStorable and wantsFresh', () => {
	const response = (headers: Record<string, string>, status = 200) => new Response('x', { status, headers });

	it('keeps complete pages and page data only', () => {
		expect(isStorable(response({ 'content-type': 'text/html; charset=utf-8' }))).toBe(true);
		expect(isStorable(response({ 'content-type': 'application/json' }))).toBe(true);
		expect(isStorable(response({ 'content-type': 'text/html' }, 404))).toBe(false);
		expect(isStorable(response({ 'content-type': 'text/html', 'set-cookie': 'a=b' }))).toBe(false);
		expect(isStorable(response({ 'content-type': 'text/csv', 'content-disposition': 'attachment' }))).toBe(false);
		expect(isStorable(response({ 'content-type': 'application/json', 'content-disposition': 'attachment' }))).toBe(false);
		expect(isStorable(response({ 'content-type': 'text/html', 'cache-control': 'private, no-store' }))).toBe(false);
	});

	it('treats a hard reload as a request for a fresh copy, not an ordinary one', () => {
		expect(wantsFresh(new Request('http://x/', { headers: { 'cache-control': 'no-cache' } }))).toBe(true);
		expect(wantsFresh(new Request('http://x/', { headers: { pragma: 'no-cache' } }))).toBe(true);
		expect(wantsFresh(new Request('http://x/', { headers: { 'cache-control': 'max-age=0' } }))).toBe(false);
		expect(wantsFresh(new Request('http://x/'))).toBe(false);
	});
});
