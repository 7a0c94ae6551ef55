// The process's page cache, configured by PAGE_CACHE_MB (0 turns it off), PAGE_CACHE_SECONDS and
// PAGE_CACHE_VISITOR_LAG_SECONDS (how long visitors may be served a page after others wrote).
import { getDb } from '../db';
import { PageCache } from './page-cache';

let cache: PageCache | null | undefined;

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function getPageCache(): PageCache | null {
	if (cache === undefined) {
		const megabytes = setting('PAGE_CACHE_MB', 64);
		if (megabytes === 0) {
			cache = null;
		} else {
			const dataVersion = getDb().$client.prepare('PRAGMA data_version').pluck();
			cache = new PageCache(
				{
					maxBytes: megabytes * 1024 * 1024,
					maxAgeMs: setting('PAGE_CACHE_SECONDS', 60) * 1000,
					maxEntryBytes: 2 * 1024 * 1024,
					visitorLagMs: setting('PAGE_CACHE_VISITOR_LAG_SECONDS', 5) * 1000
				},
				() => dataVersion.get() as number
			);
		}
	}
	return cache;
}
