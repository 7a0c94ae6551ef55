// The digest as a file: `…/communities/{lang}?format=markdown|wikitext` (rerouted here by
// src/hooks.ts) or this address itself. Written with the export's syntaxes, so it is as safe to
// paste on a wiki or a forge as the consolidated report.
import { error } from '@sveltejs/kit';
import { markdownSyntax, wikitextSyntax } from '$lib/server/export/report';
import { digestReport } from '$lib/server/digests/report';
import { paths } from '$lib/paths';
import { loadDigest } from '../digest.server';
import type { RequestHandler } from './$types';

const FORMATS = {
	markdown: { syntax: markdownSyntax, type: 'text/markdown; charset=utf-8', extension: 'md' },
	wikitext: { syntax: wikitextSyntax, type: 'text/x-wiki; charset=utf-8', extension: 'wiki' }
} as const;

export const GET: RequestHandler = (event) => {
	const format = event.url.searchParams.get('format');
	if (format !== 'markdown' && format !== 'wikitext') error(400, event.locals.t('errors.digestFormat'));
	const { consultation, version, digest } = loadDigest(event);
	const { syntax, type, extension } = FORMATS[format];
	const origin = event.url.origin;
	const body = digestReport(digest, syntax, {
		t: event.locals.t,
		locale: event.locals.locale,
		consultation: { title: consultation.title, sourceLanguage: consultation.sourceLanguage },
		pageUrl: origin + paths.digest(consultation.slug, version.number, digest.community),
		clauseUrl: (key) => origin + paths.clause(consultation.slug, key, { version: version.number }),
		summaryUrl: (id) => origin + paths.summary(consultation.slug, id),
		now: Date.now()
	});
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${consultation.slug}-v${version.number}-${digest.community}.${extension}"`,
			'x-robots-tag': 'noindex'
		}
	});
};
