// The demo's committee-only feedback on the current version, so that the difference is visible on
// first start: log in as `committee` (reads it all, marked), as `participant` (reads their own
// comment and the committee's reply to it), or read anonymously (sees only that such feedback exists).
import type { Queryable } from '../db';
import type { StanceValue } from '../db/schema';
import { setStance } from '../stances/service';
import { addComment } from '../comments/service';
import data from './committee-only.json';

interface CommitteeOnlyData {
	stances: { username: string; clause: string; stance: StanceValue; language: string; reason: string }[];
	comments: { id: string; username: string; clause: string; language: string; body: string; replyTo: string | null }[];
}

const HOUR = 60 * 60 * 1000;

export function addCommitteeOnlyFeedback(
	db: Queryable,
	input: { revisionOf: (key: string) => number; users: Map<string, number>; from: number }
): void {
	const { stances, comments } = data as CommitteeOnlyData;
	let t = input.from;
	for (const s of stances) {
		t += HOUR;
		setStance(db, {
			revisionId: input.revisionOf(s.clause),
			userId: input.users.get(s.username)!,
			stance: s.stance,
			reason: s.reason,
			language: s.language,
			committeeOnly: true,
			now: t
		});
	}
	const ids = new Map<string, number>();
	for (const c of comments) {
		t += HOUR;
		const comment = addComment(db, {
			revisionId: input.revisionOf(c.clause),
			authorId: input.users.get(c.username)!,
			language: c.language,
			body: c.body,
			parentId: c.replyTo ? ids.get(c.replyTo)! : null,
			committeeOnly: true,
			committee: c.username === 'committee',
			now: t
		});
		ids.set(c.id, comment.id);
	}
}
