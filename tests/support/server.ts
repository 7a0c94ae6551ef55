// Starts the built server (build/) on a free port with its own temporary SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
	url: string;
	port: number;
	databasePath: string;
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.unref();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => done(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * `databasePath` serves an existing database (the caller owns the file, which `stop()` leaves in
 * place); without it the server gets a fresh temporary one, removed by `stop()`.
 */
export async function startServer(
	options: { demo?: boolean; env?: Record<string, string>; databasePath?: string } = {}
): Promise<RunningServer> {
	const buildDir = process.env.POLYPHONY_BUILD ? `build-${process.env.POLYPHONY_BUILD}` : 'build';
	const entry = join(root, buildDir, 'index.js');
	if (!existsSync(entry)) throw new Error('build/ is missing: run `npm run build` first (npm test does).');
	const dir = options.databasePath ? null : mkdtempSync(join(tmpdir(), 'polyphony-test-'));
	const databasePath = options.databasePath ?? join(dir!, 'test.db');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [entry], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATABASE_PATH: databasePath,
			POLYPHONY_DEMO: options.demo === false ? '0' : '1',
			BODY_SIZE_LIMIT: '4M',
			// Tests sign up and post far faster than people do: the abuse limits are off unless a test
			// sets them (RATE_LIMIT_POST=…, with RATE_LIMITS=on) in `env`.
			RATE_LIMITS: 'off',
			// Tests read right after writing, as visitors too: visitors' pages do not lag behind
			// stances and comments unless a test sets PAGE_CACHE_VISITOR_LAG_SECONDS (page-cache.test.ts).
			PAGE_CACHE_VISITOR_LAG_SECONDS: '0',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	await new Promise<void>((ready, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30_000);
		const check = () => {
			if (log.includes('Listening on')) {
				clearTimeout(timer);
				ready();
			}
		};
		child.stdout!.on('data', check);
		child.on('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`server exited with ${code}:\n${log}`));
		});
	});
	return {
		url,
		port,
		databasePath,
		process: child,
		output: () => log,
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}
