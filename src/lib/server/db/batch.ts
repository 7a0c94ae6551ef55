// Group commit. With `synchronous = FULL` every commit waits for the disk, and that wait is most of
// what a small write costs. Writes that arrive together (in the same turn of the event loop) run
// one after another inside ONE transaction, each in its own savepoint, so that one failing undoes
// only itself; all of them are acknowledged after the single commit that makes them durable.
import type Database from 'better-sqlite3';

interface Pending {
	work: () => unknown;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class WriteBatcher {
	private queue: Pending[] = [];
	private scheduled = false;
	/** Batches committed so far, and the writes in them (for the benchmark and tests). */
	batches = 0;
	writes = 0;

	constructor(
		private readonly sqlite: Database.Database,
		private readonly maxBatch = 256
	) {}

	/** Runs `work` (synchronous database writes) in the next batch; settles once it is committed. */
	run<T>(work: () => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
			this.schedule();
		});
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => this.flush());
	}

	private flush(): void {
		this.scheduled = false;
		const batch = this.queue.splice(0, this.maxBatch);
		if (this.queue.length > 0) this.schedule();
		if (batch.length === 0) return;
		const outcomes: Outcome[] = [];
		try {
			this.sqlite
				.transaction(() => {
					for (const item of batch) {
						try {
							// Nested: a savepoint inside the batch's transaction.
							outcomes.push({ ok: true, value: this.sqlite.transaction(item.work)() });
						} catch (error) {
							outcomes.push({ ok: false, error });
						}
					}
				})
				.immediate();
		} catch (error) {
			// The commit itself failed: nothing in the batch was written.
			for (const item of batch) item.reject(error);
			return;
		}
		this.batches++;
		this.writes += batch.length;
		batch.forEach((item, i) => {
			const outcome = outcomes[i];
			if (outcome.ok) item.resolve(outcome.value);
			else item.reject(outcome.error);
		});
	}
}

const batchers = new WeakMap<Database.Database, WriteBatcher>();

/** The batcher of a connection (one per connection, so that its batches never interleave). */
export function batcherFor(sqlite: Database.Database): WriteBatcher {
	let batcher = batchers.get(sqlite);
	if (!batcher) {
		batcher = new WriteBatcher(sqlite);
		batchers.set(sqlite, batcher);
	}
	return batcher;
}
