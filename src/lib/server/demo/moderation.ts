// The demo's moderation, on the current version's "Mutual respect" clause, so that it is visible on
// first start: a comment hidden by a moderator (after reaching the report threshold), a comment with
// open reports below the threshold (waiting in the queue), a comment edited by its author (with
// history), a comment deleted by its author (its reply kept), and reports a moderator dismissed.
// The audit log then holds these decisions beside the role grants.
import type { Queryable } from '../db';
import { addComment, commentEditWindowMs } from '../comments/service';
import { deleteComment, editComment } from '../comments/authoring';
import { dismissReports, hideComment, reportComment } from '../moderation/service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function addDemoModeration(
	db: Queryable,
	input: { consultationId: number; revisionId: number; users: Map<string, number>; from: number }
): void {
	const user = (name: string) => {
		const id = input.users.get(name);
		if (id === undefined) throw new Error(`demo moderation: no user ${name}`);
		return id;
	};
	const moderatorId = user('moderator');
	const { consultationId, revisionId } = input;
	let t = input.from;
	const comment = (author: string, language: string, body: string, parentId: number | null = null) =>
		addComment(db, { revisionId, authorId: user(author), language, body, parentId, now: (t += 20 * MINUTE) });
	const report = (commentId: number, reporter: string, reason: 'harassment' | 'spam' | 'off-topic', details = '') =>
		reportComment(db, { commentId, consultationId, reporterId: user(reporter), reason, details, now: (t += 10 * MINUTE) });

	// Edited by its author a few minutes after posting: readers see "edited" and the earlier wording.
	const edited = comment('wei_lin', 'en', 'I support this, but "sustained" needs a definition.');
	editComment(db, {
		commentId: edited.id,
		authorId: user('wei_lin'),
		language: 'en',
		body: 'I support this clause. One request: define what counts as **sustained** disruption, with an example, so that a single heated thread is not treated like a campaign.',
		now: edited.createdAt + Math.min(8 * MINUTE, commentEditWindowMs())
	});

	// Three different people report it: it is hidden pending review, then a moderator hides it with a reason.
	const attack = comment(
		'mateo_r',
		'es',
		'Quien apoye esta cláusula no ha leído nada. Dejad de hacernos perder el tiempo con estas tonterías de comité.'
	);
	report(attack.id, 'lucia', 'harassment', 'Insulta a quienes apoyan la cláusula.');
	report(attack.id, 'joana', 'harassment');
	report(attack.id, 'camille', 'harassment', 'Attaque personnelle.');
	hideComment(db, {
		commentId: attack.id,
		consultationId,
		moderatorId,
		reason: 'Personal attack on other participants (see 2.1, Mutual respect). The point about the committee can be made without it.',
		now: (t += HOUR)
	});

	// Two reports, below the threshold of three: it stays visible and waits in the moderators' queue.
	const offTopic = comment(
		'theo_b',
		'fr',
		'Hors sujet, mais quelqu’un sait-il quand aura lieu la prochaine rencontre des contributeurs à Lyon ? Écrivez-moi en privé.'
	);
	report(offTopic.id, 'camille', 'off-topic');
	report(offTopic.id, 'oliver', 'spam', 'Asks people to write privately; not about the clause.');

	// A report a moderator looked at and dismissed.
	const sharp = comment('dariush', 'fa', 'این بند بدون سازوکار اجرایی روشن، فقط یک آرزوی خوب است.');
	report(sharp.id, 'haoran', 'harassment');
	dismissReports(db, { commentId: sharp.id, consultationId, moderatorId, reason: 'Criticism of the clause, not of a person.', now: (t += HOUR) });

	// Deleted by its author: "deleted by its author", with the reply to it kept.
	const regret = comment('joana', 'pt', 'Acho que esta cláusula é desnecessária.');
	comment('camille', 'fr', 'Je ne suis pas d’accord : sans elle, rien ne protège les personnes qui débattent en minorité.', regret.id);
	deleteComment(db, { commentId: regret.id, authorId: user('joana'), now: (t += HOUR) });
}
