// Demo mode (POLYPHONY_DEMO=1, set by `npm start` unless you say otherwise): load the demo
// consultation into an empty database and print the demo accounts on the console.
import { inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { users } from '../db/schema';
import { buildDemo, DEMO_PASSWORD, DEMO_SLUG, DEMO_STAFF, isEmptyDatabase } from './build';

export function demoMode(): boolean {
	return process.env.POLYPHONY_DEMO === '1' || process.env.POLYPHONY_DEMO === 'true';
}

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
