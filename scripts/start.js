#!/usr/bin/env node
// `npm start`: build when the sources are newer than the build, then serve the built app.
// The server applies the database migrations at start-up and, in demo mode (the default here),
// loads the demo consultation into an empty database.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'build', 'index.js');
const sources = ['src', 'messages', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

function needsBuild() {
	if (!existsSync(entry)) return true;
	const built = statSync(entry).mtimeMs;
	return sources.some((s) => newestMtime(join(root, s)) > built);
}

if (!process.argv.includes('--no-build') && needsBuild()) {
	console.log('Building Polyphony…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.chdir(root);
process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;
process.env.DATABASE_PATH ||= 'data/polyphony.db';
process.env.POLYPHONY_DEMO ||= '1';
const demo = process.env.POLYPHONY_DEMO === '1' || process.env.POLYPHONY_DEMO === 'true';
// The demo accounts' password is public: a demo server is reachable from this machine only, unless
// HOST says otherwise. Without the demo, every address (behind your proxy or firewall).
process.env.HOST ||= demo ? '127.0.0.1' : '0.0.0.0';
// Must exceed the largest limit the app enforces itself (2 MB for draft imports).
process.env.BODY_SIZE_LIMIT ||= '4M';

console.log(`Polyphony on ${process.env.ORIGIN} (database ${process.env.DATABASE_PATH})`);
console.log(
	demo
		? `Demo mode: on ${process.env.HOST} port ${process.env.PORT} only (the demo accounts' password is public). HOST=0.0.0.0 listens on every address; POLYPHONY_DEMO=0 serves real people.`
		: `Address: ${process.env.HOST} port ${process.env.PORT}.`
);
await import(pathToFileURL(entry).href);
