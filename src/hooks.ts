// Universal hooks (server and browser). `reroute` sends `/consultations/{slug}/export?format=…` to
// the export download endpoint (`…/export/download`) while the URL stays the one people share and
// type: without `format` the same address is the export page. A page and an endpoint on one route
// would be told apart by the Accept header instead, and a browser submitting the page's GET form
// asks for HTML, so it would get the page back rather than the file.
import type { Reroute } from '@sveltejs/kit';
import { pathPattern, ROUTES } from '$lib/paths';

const EXPORT_PAGE = pathPattern(ROUTES.export);
/** A community digest's downloads, the same way (`?format=markdown|wikitext`). */
const DIGEST_PAGE = pathPattern(ROUTES.digest);

export const reroute: Reroute = ({ url }) => {
	if (!url.searchParams.has('format')) return;
	const page = EXPORT_PAGE.exec(url.pathname);
	if (page) return `${page[1]}/download`;
	const digest = DIGEST_PAGE.exec(url.pathname);
	if (digest) return `${digest[1]}/download`;
};
