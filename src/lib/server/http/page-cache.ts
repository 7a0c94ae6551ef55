// A short-lived, in-process cache of rendered pages (HTML and SvelteKit's page data), per session
// ('-' for visitors), UI locale and URL. A signed-in person's pages are dropped the moment the data
// may have changed: after every request that can write (anything but GET and HEAD) in this process,
// and whenever SQLite's `data_version` says another connection (a script, a second server)
// committed. Visitors' pages (which never hold anything but public content) may go on being served
// for `visitorLagMs` after such a change — so that a busy consultation, written to many times a
// second, does not render the same public page for every visitor — except after a purge (a
// moderator hiding a comment, an author deleting one, an account deleted), which drops them too.
// Entries also expire after `maxAgeMs`, which bounds how stale anything time-dependent can be.
// See docs/architecture.md ("Page cache") for what is cached and what never is.

export interface PageCacheOptions {
	/** The sum of cached bodies, in bytes; the least recently used entries go first. */
	maxBytes: number;
	maxAgeMs: number;
	/** Bodies above this size are not kept. */
	maxEntryBytes: number;
	/** How long after it began rendering a visitor's page may still be served once data changed (0: not at all). */
	visitorLagMs: number;
}

/** What a request saw when it began: an entry made from it is current while both still hold. */
export interface CacheStamp {
	generation: number;
	dataVersion: number;
	/** When the request began (ms): how old a visitor's page made from it may be. */
	at: number;
}

export interface CachedPage {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
}

interface Entry extends CachedPage {
	stamp: CacheStamp;
	storedAt: number;
	visitor: boolean;
}

export class PageCache {
	private readonly entries = new Map<string, Entry>();
	private bytes = 0;
	private generation = 0;
	/** Entries from generations before this one are never served (see purge()). */
	private purgedGeneration = 0;
	private lastDataVersion: number;
	hits = 0;
	misses = 0;

	constructor(
		private readonly options: PageCacheOptions,
		/** SQLite's `PRAGMA data_version` on the server's connection. */
		private readonly dataVersion: () => number
	) {
		this.lastDataVersion = dataVersion();
	}

	/**
	 * Called when this process may have written: signed-in people's pages are out of date; visitors'
	 * pages may be served for a little longer (visitorLagMs), or are dropped too if it is 0.
	 */
	invalidate(): void {
		this.generation++;
		if (this.options.visitorLagMs <= 0) this.clear();
	}

	/** Called after a write that takes content away (hiding, deleting): nothing made before it is served again. */
	purge(): void {
		this.generation++;
		this.purgedGeneration = this.generation;
		this.clear();
	}

	/** Read at the start of a request, before it reads any data. */
	stamp(now = Date.now()): CacheStamp {
		this.checkDataVersion();
		return { generation: this.generation, dataVersion: this.lastDataVersion, at: now };
	}

	get(key: string, now = Date.now()): CachedPage | undefined {
		this.checkDataVersion();
		const entry = this.entries.get(key);
		if (!entry || now - entry.storedAt > this.options.maxAgeMs || !this.servable(entry.stamp, entry.visitor, now)) {
			if (entry) this.remove(key, entry);
			this.misses++;
			return undefined;
		}
		// Most recently used last, so that eviction takes from the front.
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.hits++;
		return entry;
	}

	/**
	 * Keeps a response made by a request that began at `stamp`, unless data changed since (for a
	 * visitor's page: unless it is already older than the lag allows, or a purge came after it).
	 */
	set(key: string, stamp: CacheStamp, page: CachedPage, now = Date.now(), visitor = false): boolean {
		this.checkDataVersion();
		if (!this.servable(stamp, visitor, now)) return false;
		const size = page.body.byteLength;
		if (size > this.options.maxEntryBytes || size > this.options.maxBytes) return false;
		const previous = this.entries.get(key);
		if (previous) this.remove(key, previous);
		this.entries.set(key, { ...page, stamp, storedAt: now, visitor });
		this.bytes += size;
		for (const [oldest, entry] of this.entries) {
			if (this.bytes <= this.options.maxBytes) break;
			this.remove(oldest, entry);
		}
		return true;
	}

	get size(): { entries: number; bytes: number } {
		return { entries: this.entries.size, bytes: this.bytes };
	}

	private servable(stamp: CacheStamp, visitor: boolean, now: number): boolean {
		if (stamp.generation === this.generation && stamp.dataVersion === this.lastDataVersion) return true;
		return visitor && stamp.generation >= this.purgedGeneration && now - stamp.at <= this.options.visitorLagMs;
	}

	private clear(): void {
		this.entries.clear();
		this.bytes = 0;
	}

	private remove(key: string, entry: Entry): void {
		this.entries.delete(key);
		this.bytes -= entry.body.byteLength;
	}

	private checkDataVersion(): void {
		const version = this.dataVersion();
		if (version !== this.lastDataVersion) {
			this.lastDataVersion = version;
			this.invalidate();
		}
	}
}

/** Whether a finished response may be kept: a complete page or page data, the same for anyone with this key. */
export function isStorable(response: Response): boolean {
	if (response.status !== 200) return false;
	const headers = response.headers;
	if (headers.has('set-cookie') || headers.has('content-disposition')) return false;
	if (/no-store/i.test(headers.get('cache-control') ?? '')) return false;
	const type = headers.get('content-type') ?? '';
	return type.startsWith('text/html') || type.startsWith('application/json');
}

/** Whether the request asks for a fresh copy (a browser's hard reload sends `Cache-Control: no-cache`). */
export function wantsFresh(request: Request): boolean {
	const control = request.headers.get('cache-control') ?? '';
	const pragma = request.headers.get('pragma') ?? '';
	return /no-cache|no-store/i.test(control) || /no-cache/i.test(pragma);
}
