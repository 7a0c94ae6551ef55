// A short-lived, in-process cache of rendered pages (HTML and SvelteKit's page data), per session
// ('-' for visitors), UI locale and URL. Its entries are dropped the moment the data may have
// changed: after every request that can write (anything but GET and HEAD) in this process, and
// whenever SQLite's `data_version` says another connection (a script, a second server) committed.
// Entries also expire after `maxAgeMs`, which bounds how stale anything time-dependent can be.
// See docs/architecture.md ("Page cache") for what is cached and what never is.

export interface PageCacheOptions {
	/** The sum of cached bodies, in bytes; the least recently used entries go first. */
	maxBytes: number;
	maxAgeMs: number;
	/** Bodies above this size are not kept. */
	maxEntryBytes: number;
}

/** What a request saw when it began: an entry made from it is valid only while both still hold. */
export interface CacheStamp {
	generation: number;
	dataVersion: number;
}

export interface CachedPage {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
}

interface Entry extends CachedPage {
	stamp: CacheStamp;
	storedAt: number;
}

export class PageCache {
	private readonly entries = new Map<string, Entry>();
	private bytes = 0;
	private generation = 0;
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

	/** Called when this process may have written: everything cached so far may be out of date. */
	invalidate(): void {
		this.generation++;
		this.entries.clear();
		this.bytes = 0;
	}

	/** Read at the start of a request, before it reads any data. */
	stamp(): CacheStamp {
		this.checkDataVersion();
		return { generation: this.generation, dataVersion: this.lastDataVersion };
	}

	get(key: string, now = Date.now()): CachedPage | undefined {
		this.checkDataVersion();
		const entry = this.entries.get(key);
		if (!entry || now - entry.storedAt > this.options.maxAgeMs) {
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

	/** Keeps a response made by a request that began at `stamp`, unless data changed since. */
	set(key: string, stamp: CacheStamp, page: CachedPage, now = Date.now()): boolean {
		this.checkDataVersion();
		if (stamp.generation !== this.generation || stamp.dataVersion !== this.lastDataVersion) return false;
		const size = page.body.byteLength;
		if (size > this.options.maxEntryBytes || size > this.options.maxBytes) return false;
		const previous = this.entries.get(key);
		if (previous) this.remove(key, previous);
		this.entries.set(key, { ...page, stamp, storedAt: now });
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
