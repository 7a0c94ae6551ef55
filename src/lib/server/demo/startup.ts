// Demo mode (POLYPHONY_DEMO=1, set by `npm start` unless you say otherwise): load the demo
// consultation into an empty database, print the demo accounts on the console, and listen on
// loopback only unless HOST says otherwise. Outside demo mode: warn about demo accounts left behind.
import { inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { users } from '../db/schema';
import { buildDemo, DEMO_STAFF, isEmptyDatabase } from './build';
import { countDemoAccounts, markUnmarkedDemoAccounts } from './accounts';
import { DEMO_PASSWORD, DEMO_SLUG, demoMode } from './mode';

export { demoMode } from './mode';

export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
	if (!isEmptyDatabase(db)) return false;
	await buildDemo(db);
	console.log(`Loaded the demo consultation "${DEMO_SLUG}" into the empty database.`);
	return true;
}

export function announceDemo(db: DB): void {
	const present = new Set(
		db
			.select({ username: users.username })
			.from(users)
			.where(inArray(users.username, DEMO_STAFF.map((s) => s.username)))
			.all()
			.map((u) => u.username)
	);
	if (present.size === 0) return;
	console.log(`\nDemo accounts (demo mode only; every password is "${DEMO_PASSWORD}"):`);
	for (const staff of DEMO_STAFF) {
		if (present.has(staff.username)) console.log(`  ${staff.username.padEnd(14)} ${staff.purpose}`);
	}
	console.log('  …and the community members in the demo feedback (e.g. amina, lucia, shirin), same password.\n');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Demo accounts have a public password, so a demo server listens on 127.0.0.1 only unless HOST was
 * set explicitly. adapter-node reads HOST after `init` has run (build/index.js imports the handler,
 * whose top-level `await server.init()` finishes first), so setting it here takes effect.
 */
export function listenOnLoopbackInDemo(env: Record<string, string | undefined> = process.env): void {
	if (!env.HOST) {
		env.HOST = '127.0.0.1';
		console.log('Demo mode: listening on 127.0.0.1 only (set HOST to listen elsewhere).');
	} else if (!LOOPBACK.has(env.HOST)) {
		console.warn(
			`Warning: demo mode with HOST=${env.HOST}: the demo accounts, whose password "${DEMO_PASSWORD}" is public, can be reached from other machines.`
		);
	}
}

/**
 * Everything start-up does about the demo: marks demo accounts seeded before they were marked, then
 * in demo mode loads and announces the demo; outside it, warns when demo accounts are still there
 * (they cannot log in: see demoAccountRefused) and says how to remove them.
 */
export async function demoAtStartup(db: DB): Promise<void> {
	await markUnmarkedDemoAccounts(db);
	if (demoMode()) {
		listenOnLoopbackInDemo();
		await seedDemoIfEmpty(db);
		announceDemo(db);
		return;
	}
	const left = countDemoAccounts(db);
	if (left > 0) {
		console.warn(
			`\nWarning: this database holds ${left} demo accounts (such as "admin") whose password, "${DEMO_PASSWORD}", is public.\n` +
				'Outside demo mode (POLYPHONY_DEMO=0) they cannot log in and their sessions are ignored.\n' +
				'Remove them and the demo consultation with: npm run demo:remove (DATABASE_PATH applies; stop the server first or restart it after).\n'
		);
	}
}
