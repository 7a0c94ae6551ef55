// The built app (build/, or build-NAME/ with POLYPHONY_BUILD=NAME) served on a free loopback port
// with its own SQLite file: what the integration tests (through tests/support/server.ts) and the
// benchmark (scripts/bench/) talk to over HTTP. Both send far more requests from one address than
// people do, so the abuse limits are off unless the caller sets them in `env`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

export interface BuiltServerOptions {
	/** Demo mode (the default): the demo consultation is loaded into an empty database. */
	demo?: boolean;
	/** Environment variables for the server, over the defaults below. */
	env?: Record<string, string>;
	/** Serve this existing database; the caller owns the file, which `stop()` leaves in place. */
	databasePath?: string;
}

const root = resolve(import.meta.dirname, '../..');

/** POLYPHONY_BUILD=name builds into and serves build-name/ (svelte.config.js), so that builds side by side do not clobber each other. */
export function buildDirectory(): string {
	return process.env.POLYPHONY_BUILD ? `build-${process.env.POLYPHONY_BUILD}` : 'build';
}

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

/** Builds the app when the sources are newer than the build directory (as `npm start` does). */
export function ensureBuilt(): void {
	const buildDir = buildDirectory();
	const entry = join(root, buildDir, 'index.js');
	const sources = ['src', 'messages', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	const newest = (path: string): number => {
		if (!existsSync(path)) return 0;
		const stat = statSync(path);
		if (!stat.isDirectory()) return stat.mtimeMs;
		return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
	};
	if (existsSync(entry) && !sources.some((s) => newest(join(root, s)) > statSync(entry).mtimeMs)) {
		console.log(`  ${buildDir}/ is up to date (${new Date(statSync(entry).mtimeMs).toISOString()})`);
		return;
	}
	console.log('  building the app (vite build)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/**
 * Starts the built server and resolves once it listens. Without `databasePath` the server gets a
 * fresh temporary database, removed by `stop()`.
 */
export async function startBuiltServer(options: BuiltServerOptions = {}): Promise<RunningServer> {
	const entry = join(root, buildDirectory(), 'index.js');
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
			// Tests sign up and post, and the benchmark writes stances, far faster than people do: the
			// abuse limits are off unless the caller sets them (RATE_LIMIT_POST=…, with RATE_LIMITS=on).
			RATE_LIMITS: 'off',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	await new Promise<void>((ready, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30_000);
		const check = () => {
			if (log.includes('Listening on')) {
				clearTimeout(timer);
				ready();
			}
		};
		child.stdout.on('data', check);
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
