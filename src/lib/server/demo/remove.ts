// `npm run demo:remove`: takes the demo out of a database that is going to serve real people.
// - The demo consultation (made by a demo account) goes entirely, with everything in it — its
//   feedback is made up, and so is any a real person added to it while trying the demo — and its
//   audit log entries.
// - Every demo account (users.is_demo) is then deleted like any account (accounts/deletion.ts):
//   what one of them did elsewhere — someone trying a real consultation out as `admin` — stays as
//   "former participant", stances still counting, so no real consultation's numbers change.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { consultations, users } from '../db/schema';
import { deleteAccount } from '../accounts/deletion';
import { deleteAuditOf } from '../audit/service';
import { DEMO_SLUG } from './mode';

export { countDemoAccounts, markUnmarkedDemoAccounts } from './accounts';

export interface DemoRemoval {
	accounts: number;
	consultationRemoved: boolean;
	/** Site administrators left: none means `npm run make-admin -- USERNAME` next. */
	siteAdmins: number;
}

/** Removes the demo consultation and every demo account, in one transaction. */
export function removeDemo(db: DB, now = Date.now()): DemoRemoval {
	return db.transaction((tx) => {
		const demoIds = tx.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).all().map((u) => u.id);
		const demo = demoIds.length
			? tx
					.select({ id: consultations.id })
					.from(consultations)
					.where(and(eq(consultations.slug, DEMO_SLUG), inArray(consultations.createdBy, demoIds)))
					.get()
			: undefined;
		if (demo) {
			deleteAuditOf(tx, demo.id);
			// Versions, clauses, translations, stances, comments, tallies, summaries, roles, reports: ON DELETE CASCADE.
			tx.delete(consultations).where(eq(consultations.id, demo.id)).run();
		}
		// The demo `admin` may be the only site administrator; removing the demo removes it all the same.
		if (demoIds.length) tx.update(users).set({ isSiteAdmin: false }).where(inArray(users.id, demoIds)).run();
		for (const userId of demoIds) deleteAccount(tx, { userId, comments: 'keep', now });
		return {
			accounts: demoIds.length,
			consultationRemoved: Boolean(demo),
			siteAdmins: tx.select({ id: users.id }).from(users).where(eq(users.isSiteAdmin, true)).all().length
		};
	});
}
