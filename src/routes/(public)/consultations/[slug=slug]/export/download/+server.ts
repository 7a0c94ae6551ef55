// The export file, streamed: `/consultations/{slug}/export?format=…` (rerouted here by src/hooks.ts)
// or this address itself. The committee gets everything, everyone else the public open-data export.
import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn } from '$lib/server/auth/guards';
import { fieldErrorKeys } from '$lib/server/validation';
import { exportFilename, FORMAT_FILES } from '$lib/server/export/model';
import { ExportError, exportFilters, exportFormat, exportQueryValues, resolveSelection } from '$lib/server/export/query';
import { exportStream, takeExportSlot } from '$lib/server/export/service';
import type { RequestHandler } from './$types';

/** The export asked for, checked and authorised; 400 with the reason (in the reader's language) when it cannot be made. */
function prepare(event: RequestEvent<{ slug: string }>) {
	const db = getDb();
	const t = event.locals.t;
	const consultation = loadConsultation(event, event.params.slug);
	const audience = permissionsIn(event, consultation).committee ? 'committee' : 'public';
	const values = exportQueryValues(event.url.searchParams);
	const format = exportFormat.safeParse(values.format);
	if (!format.success) error(400, t('errors.exportFormat'));
	const filters = exportFilters.safeParse(values);
	if (!filters.success) error(400, t(Object.values(fieldErrorKeys(filters.error))[0] ?? 'errors.invalid'));
	// Cells that would run as formulas are for the committee's own tools; a public link with raw=1
	// must not hand visitors a file that runs code when opened (refused rather than quietly ignored,
	// so that nobody believes they have the raw text).
	if (filters.data.raw && audience !== 'committee') error(400, t('errors.exportRaw'));
	try {
		const selection = resolveSelection(db, consultation, filters.data, { audience, baseUrl: event.url.origin });
		const headers = {
			'content-type': FORMAT_FILES[format.data].contentType,
			'content-disposition': `attachment; filename="${exportFilename(selection, format.data)}"`,
			// Committee exports hold what only the committee may read: nothing keeps a copy.
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		};
		return { db, selection, format: format.data, spreadsheet: filters.data.bom && format.data === 'csv', raw: filters.data.raw, headers };
	} catch (e) {
		if (e instanceof ExportError) error(400, t(e.code, e.params));
		throw e;
	}
}

export const GET: RequestHandler = (event) => {
	const { db, selection, format, spreadsheet, raw, headers } = prepare(event);
	const release = takeExportSlot();
	if (!release) {
		return new Response(event.locals.t('errors.exportBusy'), {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30', 'cache-control': 'no-store' }
		});
	}
	const body = exportStream(db, selection, format, { spreadsheet, raw, t: event.locals.t, locale: event.locals.locale, onEnd: release });
	return new Response(body, { headers });
};

/** The headers a download would have (name, type), without reading anything. */
export const HEAD: RequestHandler = (event) => new Response(null, { headers: prepare(event).headers });
