import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { getDb } from '$lib/server/db';
import { SUMMARY_CHANNELS } from '$lib/server/db/schema';
import { loadConsultation, permissionsIn, requireLiaison, requireUser } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { listVersionClauses } from '$lib/server/clauses/service';
import { readForm } from '$lib/server/http/forms';
import { limitOr429 } from '$lib/server/ratelimit/http';
import { getSummary, readSummary, saveSummary, SummaryError } from '$lib/server/summaries/service';
import {
	addChannelRow,
	addQuoteRow,
	contentOf,
	fieldMessages,
	formStateOf,
	readSummaryForm,
	withBlankRows,
	type SummaryFormState
} from '$lib/server/summaries/form';
import {
	MAX_CHANNELS,
	MAX_KEY_POINTS_CHARS,
	MAX_NARRATIVE_CHARS,
	MAX_QUOTE_CHARS,
	MAX_QUOTES_PER_ENTRY
} from '$lib/server/summaries/schemas';
import { communityDigest, digestPicks, resolvePick } from '$lib/server/digests/service';
import { pullKeyPoint, pullQuote } from '$lib/server/digests/pull';
import type { Actions, PageServerLoad } from './$types';
import { postRedirectGet } from '$lib/server/http/flash';

/**
 * The summary being edited, after checking that this person writes its language's summaries. An
 * unpublished summary exists only for them (as on its public page): anyone else gets the very answer
 * a missing id gets, so that drafts cannot be found by trying ids. A published one is public, and
 * refused to others with 403.
 */
function target(event: RequestEvent) {
	const user = requireUser(event);
	const consultation = loadConsultation(event, event.params.slug!);
	const summary = getSummary(getDb(), consultation.id, Number(event.params.id));
	const permissions = permissionsIn(event, consultation);
	const writes = summary !== undefined && (permissions.committee || permissions.liaisonFor.includes(summary.language));
	if (!summary || (summary.status !== 'published' && !writes)) error(404, event.locals.t('errors.summaryNotFound'));
	requireLiaison(event, consultation, summary.language);
	const clauseKeys = listVersionClauses(getDb(), summary.versionId, consultation.sourceLanguage, consultation.sourceLanguage).map((c) => c.key);
	return { user, consultation, summary, clauseKeys };
}

export const load: PageServerLoad = (event) => {
	const { consultation, summary } = target(event);
	const db = getDb();
	const view = readSummary(db, summary.id)!;
	const clauses = listVersionClauses(db, summary.versionId, consultation.sourceLanguage, summary.language).map((c) => ({
		key: c.key,
		label: c.label,
		heading: c.heading,
		language: c.language
	}));
	return {
		consultation: publicConsultation(consultation, event),
		summary: { id: view.id, language: view.language, status: view.status, versionNumber: view.versionNumber, publishedAt: view.publishedAt },
		clauses,
		kinds: SUMMARY_CHANNELS,
		state: withBlankRows(formStateOf(view), clauses.map((c) => c.key), view.language),
		saved: event.url.searchParams.has('saved'),
		// Public words of the community's digest the liaison may pull in (never its counts).
		picks: digestPicks(communityDigest(db, consultation, { id: summary.versionId, number: view.versionNumber }, summary.language, event.locals.locale)),
		limits: {
			channels: MAX_CHANNELS,
			narrative: MAX_NARRATIVE_CHARS,
			keyPoints: MAX_KEY_POINTS_CHARS,
			quote: MAX_QUOTE_CHARS,
			quotes: MAX_QUOTES_PER_ENTRY
		}
	};
};

/** Saves (and with `publish`, publishes) the posted form; a refusal shows the form again with every message. */
async function save(event: RequestEvent, publish: boolean) {
	const { user, consultation, summary, clauseKeys } = target(event);
	const state = readSummaryForm(await readForm(event));
	const { content, fieldOf } = contentOf(state);
	const limited = limitOr429(event, 'post', user.id, { values: withBlankRows(state, clauseKeys, summary.language) });
	if (limited) return limited;
	try {
		saveSummary(getDb(), { summaryId: summary.id, content, editorId: user.id, publish });
	} catch (e) {
		if (!(e instanceof SummaryError)) throw e;
		const errors = fieldMessages(e.issues, fieldOf, (key, params) => event.locals.t(key, params));
		errors.form ??= event.locals.t('summaries.fixErrors');
		return fail(400, { values: withBlankRows(state, clauseKeys, summary.language), errors });
	}
	redirect(
		303,
		publish || summary.status === 'published'
			? paths.summary(consultation.slug, summary.id, { published: true })
			: paths.summaryEdit(consultation.slug, summary.id, { saved: true })
	);
}

/** Shows the form again with one more row, keeping everything typed (no JavaScript needed). */
async function addRow(event: RequestEvent, add: (state: SummaryFormState, form: FormData, language: string) => SummaryFormState) {
	const { summary, clauseKeys } = target(event);
	const form = await readForm(event);
	const posted = readSummaryForm(form);
	const state = withBlankRows(posted, clauseKeys, summary.language);
	const key = form.get('addQuote');
	const values = withBlankRows(add(state, form, summary.language), clauseKeys, summary.language);
	const open = typeof key === 'string' && clauseKeys.includes(key) ? key : null;
	// The first channel row the page did not show before (the posted rows come first).
	const newRow = Math.min(posted.channels.length, values.channels.length - 1);
	return {
		values,
		// The clause whose quote rows grew stays open.
		open,
		// Without JavaScript the page comes back at what grew: the clause, or the first new channel row.
		anchor: open ? `entry-${open}` : `channel-${newRow}-kind`
	};
}

/** Adds a reason or comment of the community's digest as a quote or a key point of its clause, keeping everything typed. */
async function pull(event: RequestEvent) {
	const { consultation, summary, clauseKeys } = target(event);
	const form = await readForm(event);
	const state = withBlankRows(readSummaryForm(form), clauseKeys, summary.language);
	const value = form.get('pull');
	const m = typeof value === 'string' ? /^(quote|point):(.{1,40})$/.exec(value) : null;
	// Only what the public digest shows: committee-only, hidden or another community's words are refused alike.
	const pulled = m ? resolvePick(getDb(), summary.versionId, summary.language, m[2], consultation.sourceLanguage) : null;
	const errors: Record<string, string> = { form: event.locals.t('digest.pick.gone') };
	if (!m || !pulled) return fail(400, { values: state, errors, open: null });
	const next = m[1] === 'quote' ? pullQuote(state, pulled.clauseKey, pulled) : pullKeyPoint(state, pulled.clauseKey, pulled);
	// Without JavaScript the page comes back at the clause the words went into.
	return { values: withBlankRows(next, clauseKeys, summary.language), open: pulled.clauseKey, anchor: `entry-${pulled.clauseKey}` };
}

export const actions: Actions = postRedirectGet({
	save: (event) => save(event, false),
	publish: (event) => save(event, true),
	addChannel: (event) => addRow(event, (state) => addChannelRow(state)),
	addQuote: (event) =>
		addRow(event, (state, form, language) => {
			const key = form.get('addQuote');
			return typeof key === 'string' ? addQuoteRow(state, key, language) : state;
		}),
	pull
});
