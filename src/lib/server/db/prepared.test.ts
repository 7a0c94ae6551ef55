import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, makeUser, type TestDb } from '../../../../tests/support/db';
import { users } from './schema';
import { preparedQuery, setPlaceholders } from './prepared';

const displayNameOf = preparedQuery((db) =>
	db.select({ displayName: users.displayName }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare()
);
const rename = preparedQuery((db) =>
	db.update(users).set(setPlaceholders('displayName', 'isSiteAdmin')).where(eq(users.id, sql.placeholder('id'))).prepare()
);

const opened: TestDb[] = [];
function database() {
	const t = createTestDb();
	opened.push(t);
	return t.db;
}
afterEach(() => opened.splice(0).forEach((t) => t.close()));

describe('preparedQuery', () => {
	it('prepares once per connection and reads each database through its own', () => {
		const a = database();
		const b = database();
		const alice = makeUser(a, { displayName: 'Alice' });
		const bob = makeUser(b, { displayName: 'Bob' });
		expect(displayNameOf(a)).toBe(displayNameOf(a));
		expect(displayNameOf(a)).not.toBe(displayNameOf(b));
		expect(displayNameOf(a).get({ id: alice.id })?.displayName).toBe('Alice');
		expect(displayNameOf(b).get({ id: bob.id })?.displayName).toBe('Bob');
	});

	it('runs inside a transaction, whose rollback undoes it', () => {
		const db = database();
		const user = makeUser(db, { displayName: 'Before' });
		expect(() =>
			db.transaction((tx) => {
				expect(displayNameOf(tx)).toBe(displayNameOf(db));
				rename(tx).run({ id: user.id, displayName: 'Inside', isSiteAdmin: false });
				expect(displayNameOf(tx).get({ id: user.id })?.displayName).toBe('Inside');
				throw new Error('roll back');
			})
		).toThrow('roll back');
		expect(displayNameOf(db).get({ id: user.id })?.displayName).toBe('Before');
	});

	it('encodes set placeholders through the column (a boolean stored as 0/1)', () => {
		const db = database();
		const user = makeUser(db);
		rename(db).run({ id: user.id, displayName: 'Admin', isSiteAdmin: true });
		expect(db.$client.prepare('select is_site_admin as a from users where id = ?').get(user.id)).toEqual({ a: 1 });
		expect(db.select().from(users).where(eq(users.id, user.id)).get()?.isSiteAdmin).toBe(true);
	});
});
