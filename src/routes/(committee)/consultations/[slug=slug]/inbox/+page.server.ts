import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadConsultation, requireCommittee } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { committeeInbox, DIVERGENCE_ATTENTION } from '$lib/server/inbox/service';
import { languageTag } from '$lib/server/validation';
import { renderMarkdown } from '$lib/server/markdown';
import type { PageServerLoad } from './$types';

// Plain HTML, as the dashboard: the filter is a GET form, and nothing is sent twice for hydration.
export const csr = false;

const inboxQuery = z.object({
	lang: z.preprocess((v) => (v === '' || v === null ? null : v), languageTag.nullable()),
	page: z.coerce.number().int().positive().max(100_000).catch(1)
});

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	// The committee's own page: committee-only feedback is in it, so nobody else gets past here.
	requireCommittee(event, consultation);
	const parsed = inboxQuery.safeParse({ lang: event.url.searchParams.get('lang'), page: event.url.searchParams.get('page') ?? 1 });
	if (!parsed.success) error(400, event.locals.t('errors.languageInvalid'));
	const inbox = committeeInbox(getDb(), consultation, { community: parsed.data.lang, page: parsed.data.page });
	const communities = [...new Set([...consultation.languages, ...inbox.counts.map((c) => c.community), ...(parsed.data.lang ? [parsed.data.lang] : [])])];
	return {
		consultation: publicConsultation(consultation, event),
		// Comments are Markdown (sanitised here); reasons are plain text.
		inbox: { ...inbox, feedback: { ...inbox.feedback, items: inbox.feedback.items.map((i) => ({ ...i, html: i.kind === 'comment' ? renderMarkdown(i.excerpt) : null })) } },
		communities,
		divergencePoints: Math.round(DIVERGENCE_ATTENTION * 100)
	};
};
