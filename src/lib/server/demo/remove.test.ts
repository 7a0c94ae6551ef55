import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, makeConsultation, makeUser, type TestDb } from '../../../../tests/support/db';
import { auditLog, clauseTallies, comments, consultations, stances, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import { listVersionClauses } from '../clauses/service';
import { buildDemo } from './build';
import { countDemoAccounts, markUnmarkedDemoAccounts } from './accounts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccountRefused } from './mode';
import { removeDemo } from './remove';
import { listenOnLoopbackInDemo } from './startup';

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

describe('demo accounts', () => {
	it('are every account the demo builder makes, and only those', async () => {
		const before = makeUser(t.db, { username: 'real' });
		const demo = await buildDemo(t.db, { versions: 1 });
		const marked = t.db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).all().map((u) => u.id);
		expect(marked.sort()).toEqual([...demo.users.values()].sort());
		expect(marked).not.toContain(before.id);
	});

	it('are refused outside demo mode only', () => {
		const saved = process.env.POLYPHONY_DEMO;
		try {
			process.env.POLYPHONY_DEMO = '0';
			expect(demoAccountRefused({ isDemo: true })).toBe(true);
			expect(demoAccountRefused({ isDemo: false })).toBe(false);
			process.env.POLYPHONY_DEMO = '1';
			expect(demoAccountRefused({ isDemo: true })).toBe(false);
		} finally {
			process.env.POLYPHONY_DEMO = saved;
		}
	});

	it('seeded before they were marked are recognised by their shared demo password', async () => {
		await buildDemo(t.db, { versions: 1 });
		const demoCount = countDemoAccounts(t.db);
		// Real people: each their own hash (one of them even chose the demo password), and two
		// accounts sharing a hash of another password (as test factories make).
		makeUser(t.db, { username: 'placeholder-a' });
		makeUser(t.db, { username: 'placeholder-b' });
		const mimic = makeUser(t.db, { username: 'mimic' });
		t.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.id, mimic.id)).run();
		t.db.update(users).set({ isDemo: false }).run();
		expect(await markUnmarkedDemoAccounts(t.db)).toBe(demoCount);
		expect(countDemoAccounts(t.db)).toBe(demoCount);
		const real = t.db.select({ username: users.username }).from(users).where(eq(users.isDemo, false)).all().map((u) => u.username);
		expect(real.sort()).toEqual(['mimic', 'placeholder-a', 'placeholder-b']);
		expect(await markUnmarkedDemoAccounts(t.db)).toBe(0);
	});
});

describe('removeDemo', () => {
	it('removes the demo consultation and every demo account; what they did elsewhere keeps counting', async () => {
		const demo = await buildDemo(t.db, { versions: 1 });
		const person = makeUser(t.db, { username: 'real', isSiteAdmin: true });
		// A real consultation the demo admin took part in before the demo was removed.
		const real = makeConsultation(t.db);
		const clause = listVersionClauses(t.db, real.version.id, 'en', 'en')[0];
		const admin = demo.users.get('admin')!;
		setStance(t.db, { revisionId: clause.revisionId, userId: admin, stance: 'support', reason: 'tried it', language: 'en' });
		setStance(t.db, { revisionId: clause.revisionId, userId: person.id, stance: 'oppose', reason: null, language: 'en' });
		addComment(t.db, { revisionId: clause.revisionId, authorId: admin, language: 'en', body: 'Trying the form.' });
		const talliesBefore = t.db.select().from(clauseTallies).where(eq(clauseTallies.revisionId, clause.revisionId)).all();

		const removal = removeDemo(t.db);
		expect(removal).toEqual({ accounts: demo.users.size, consultationRemoved: true, siteAdmins: 1 });
		expect(countDemoAccounts(t.db)).toBe(0);
		expect(t.db.select().from(users).all().map((u) => u.username)).toEqual(['real']);
		expect(t.db.select().from(consultations).where(eq(consultations.slug, DEMO_SLUG)).all()).toEqual([]);
		expect(t.db.select().from(auditLog).where(eq(auditLog.consultationId, demo.consultationId)).all()).toEqual([]);
		// The real consultation: both stances still count, the admin's as a former participant's.
		const kept = t.db.select().from(stances).where(eq(stances.revisionId, clause.revisionId)).all();
		expect(kept).toHaveLength(2);
		expect(kept.find((s) => s.userId === null)?.formerParticipant).toMatch(/^former-/);
		expect(t.db.select().from(clauseTallies).where(eq(clauseTallies.revisionId, clause.revisionId)).all()).toEqual(talliesBefore);
		expect(t.db.select().from(comments).where(eq(comments.revisionId, clause.revisionId)).get()?.authorId).toBeNull();
		expect(t.db.select().from(consultations).all().map((c) => c.id)).toEqual([real.consultation.id]);
		expect(removeDemo(t.db)).toEqual({ accounts: 0, consultationRemoved: false, siteAdmins: 1 });
	});

	it('removes the demo admin even when it is the only site administrator', async () => {
		await buildDemo(t.db, { versions: 1 });
		expect(removeDemo(t.db)).toMatchObject({ consultationRemoved: true, siteAdmins: 0 });
		expect(t.db.select().from(users).all()).toEqual([]);
	});
});

describe('listenOnLoopbackInDemo', () => {
	it('listens on 127.0.0.1 unless HOST is set', () => {
		const env: Record<string, string | undefined> = {};
		listenOnLoopbackInDemo(env);
		expect(env.HOST).toBe('127.0.0.1');
		const explicit: Record<string, string | undefined> = { HOST: '0.0.0.0' };
		listenOnLoopbackInDemo(explicit);
		expect(explicit.HOST).toBe('0.0.0.0');
	});
});
