// The export page: choose the version, language community, clauses and dates (a GET form that works
// without JavaScript), see how many items the export will contain, and download it in a format.
// The downloads themselves are `?format=…` on this same address (see src/hooks.ts).
import { getDb } from '$lib/server/db';
import { loadConsultation, permissionsIn } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { validate } from '$lib/server/http/forms';
import { EXPORT_FORMATS, exportFilename, type ExportFormat, type ItemCounts } from '$lib/server/export/model';
import {
	clauseKeysOf,
	defaultVersion,
	ExportError,
	exportableVersions,
	exportFilters,
	exportQueryValues,
	resolveSelection
} from '$lib/server/export/query';
import { countExport } from '$lib/server/export/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const t = event.locals.t;
	const consultation = loadConsultation(event, event.params.slug);
	const committee = permissionsIn(event, consultation).committee;
	const audience = committee ? 'committee' : 'public';
	const versions = exportableVersions(db, consultation.id, audience);
	const values = exportQueryValues(event.url.searchParams);
	const input = validate(event, exportFilters, values);

	let errors: Record<string, string> = input.ok ? {} : input.errors;
	let counts: ItemCounts | null = null;
	let filenames: Record<ExportFormat, string> | null = null;
	if (input.ok && versions.length > 0) {
		try {
			const selection = resolveSelection(db, consultation, input.data, { audience, baseUrl: event.url.origin });
			counts = countExport({ sqlite: db.$client, db }, selection);
			filenames = Object.fromEntries(EXPORT_FORMATS.map((f) => [f, exportFilename(selection, f)])) as Record<ExportFormat, string>;
		} catch (e) {
			if (!(e instanceof ExportError)) throw e;
			errors = { [e.field]: t(e.code, e.params) };
		}
	}

	// The clauses to choose from: those of the chosen version (of every version for "all").
	const version = typeof values.version === 'string' ? values.version : '';
	const chosen = version === 'all' ? versions : versions.filter((v) => String(v.number) === version);
	const listed = chosen.length > 0 ? chosen : [defaultVersion(versions)].filter((v) => v !== undefined);
	const clauses = clauseKeysOf(db, listed.map((v) => v.id));

	return {
		consultation: publicConsultation(consultation, event),
		committee,
		versions: versions.map((v) => ({ number: v.number, status: v.status })).reverse(),
		defaultVersion: defaultVersion(versions)?.number ?? null,
		languages: consultation.languages,
		clauses,
		query: {
			version,
			lang: typeof values.lang === 'string' ? values.lang : '',
			clauses: values.clauses as string[],
			from: typeof values.from === 'string' ? values.from : '',
			to: typeof values.to === 'string' ? values.to : '',
			bom: input.ok ? input.data.bom : false,
			// Only the committee is offered cells as written (the download refuses it to anyone else).
			raw: committee && input.ok ? input.data.raw : false
		},
		formats: EXPORT_FORMATS,
		errors,
		counts,
		filenames
	};
};
