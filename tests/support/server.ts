// The built server for integration and end-to-end tests: scripts/lib/built-server.ts (shared with
// the benchmark), with the tests' one default of their own.
import { startBuiltServer, type BuiltServerOptions, type RunningServer } from '../../scripts/lib/built-server';

export { freePort, type RunningServer } from '../../scripts/lib/built-server';

/**
 * Starts build/ (or build-$POLYPHONY_BUILD/) on a free port with its own temporary SQLite file, or
 * on `databasePath` (the caller owns the file, which `stop()` leaves in place).
 */
export function startServer(options: BuiltServerOptions = {}): Promise<RunningServer> {
	return startBuiltServer({
		...options,
		env: {
			// Tests read right after writing, as visitors too: visitors' pages do not lag behind
			// stances and comments unless a test sets PAGE_CACHE_VISITOR_LAG_SECONDS (page-cache.test.ts).
			PAGE_CACHE_VISITOR_LAG_SECONDS: '0',
			...options.env
		}
	});
}
