// `npm run export -- --consultation ucoc --version 3 --format xlsx --out feedback.xlsx`: the same
// export as the export page, from the database at DATABASE_PATH, for scheduled archiving. The
// committee's export by default (the operator has the database anyway); --public for the open data.
//
//   --consultation SLUG   required
//   --format FORMAT       csv, json, xlsx, markdown or wikitext (required)
//   --version N|all       a version number, or every version (default: the current version)
//   --lang TAG            one language community only
//   --clauses a,b,c       these clauses only (keys)
//   --from YYYY-MM-DD     feedback given on or after this day (UTC)
//   --to YYYY-MM-DD       feedback given on or before this day (UTC)
//   --public              the public open-data export instead of the committee's
//   --spreadsheet         CSV for spreadsheet programs (a byte-order mark)
//   --raw                 CSV cells exactly as written: text that would run as a formula in a
//                         spreadsheet is not neutralised (committee export only)
//   --out PATH            where to write (default: polyphony-{slug}-v{n}-{date}.{ext} here; "-" for stdout)
//   --base-url URL        prefix of the links in the export (default: $ORIGIN, else relative links)
//   --locale CODE         language of the Markdown and MediaWiki reports (default: en)
//   --stats               print one line of JSON to stderr at the end: seconds, bytes, peak memory
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getDb } from '../src/lib/server/db';
import { getConsultation } from '../src/lib/server/consultations/service';
import { fieldErrorKeys } from '../src/lib/server/validation';
import { createTranslator } from '../src/lib/i18n/translator';
import { CATALOGS } from '../src/lib/server/i18n/catalogs';
import { exportFilename } from '../src/lib/server/export/model';
import { ExportError, exportFilters, exportFormat, resolveSelection } from '../src/lib/server/export/query';
import { exportBytes } from '../src/lib/server/export/service';

function usage(message: string): never {
	console.error(`${message}\n\nUsage: npm run export -- --consultation SLUG --format csv|json|xlsx|markdown|wikitext [--version N|all] [--lang TAG]
       [--clauses a,b] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--public] [--spreadsheet] [--raw] [--out PATH|-] [--base-url URL] [--locale CODE] [--stats]`);
	process.exit(2);
}

async function main(): Promise<void> {
	let args;
	try {
		args = parseArgs({
			options: {
				consultation: { type: 'string' },
				format: { type: 'string' },
				version: { type: 'string' },
				lang: { type: 'string' },
				clauses: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				public: { type: 'boolean', default: false },
				spreadsheet: { type: 'boolean', default: false },
				raw: { type: 'boolean', default: false },
				out: { type: 'string' },
				'base-url': { type: 'string' },
				locale: { type: 'string', default: 'en' },
				stats: { type: 'boolean', default: false },
				help: { type: 'boolean', default: false }
			}
		}).values;
	} catch (e) {
		usage((e as Error).message);
	}
	if (args.help) usage('Exports a consultation’s feedback.');
	const locale = args.locale in CATALOGS ? args.locale : usage(`Unknown --locale ${args.locale}: one of ${Object.keys(CATALOGS).join(', ')}.`);
	const t = createTranslator(locale, CATALOGS[locale]);
	if (!args.consultation) usage('--consultation is required.');

	const format = exportFormat.safeParse(args.format);
	if (!format.success) usage(t('errors.exportFormat'));
	const filters = exportFilters.safeParse({
		version: args.version,
		lang: args.lang,
		clauses: (args.clauses ?? '')
			.split(',')
			.map((k) => k.trim())
			.filter(Boolean),
		from: args.from,
		to: args.to,
		bom: args.spreadsheet ? '1' : undefined,
		raw: args.raw ? '1' : undefined
	});
	if (!filters.success) usage(t(Object.values(fieldErrorKeys(filters.error))[0] ?? 'errors.invalid'));
	// The open data never carries cells that run as formulas, whoever makes it.
	if (filters.data.raw && args.public) usage(t('errors.exportRaw'));

	const db = getDb();
	const consultation = getConsultation(db, args.consultation);
	if (!consultation) usage(t('errors.consultationNotFound'));
	let selection;
	try {
		selection = resolveSelection(db, consultation, filters.data, {
			audience: args.public ? 'public' : 'committee',
			baseUrl: args['base-url'] ?? process.env.ORIGIN ?? ''
		});
	} catch (e) {
		if (e instanceof ExportError) usage(t(e.code, e.params));
		throw e;
	}

	const started = performance.now();
	// `npm run` works in the project's directory: a relative --out is taken from where the command was typed.
	const path = args.out === '-' ? '-' : resolve(process.env.INIT_CWD ?? process.cwd(), args.out ?? exportFilename(selection, format.data));
	const toStdout = path === '-';
	// Written next to its destination, then renamed: an archive never holds half a file.
	const partial = toStdout ? null : `${path}.partial`;
	const out = toStdout ? process.stdout : createWriteStream(partial!);
	// A reader that stops early (`| head`) is not an error.
	if (toStdout) process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
	let bytes = 0;
	try {
		for await (const chunk of exportBytes(db, selection, format.data, { spreadsheet: filters.data.bom, raw: filters.data.raw, t, locale })) {
			bytes += chunk.byteLength;
			if (!out.write(chunk)) await once(out, 'drain');
		}
		if (!toStdout) {
			out.end();
			await once(out, 'finish');
			renameSync(partial!, path);
		}
	} catch (e) {
		if (partial) rmSync(partial, { force: true });
		throw e;
	}
	const seconds = (performance.now() - started) / 1000;
	if (!toStdout) {
		console.error(
			`Wrote ${path}: ${selection.audience} export of ${consultation.slug} (${bytes.toLocaleString('en-US')} bytes, ${seconds.toFixed(1)} s).`
		);
	}
	if (args.stats) {
		// maxRSS is in kilobytes (Linux): the process's peak resident memory.
		console.error(JSON.stringify({ stats: { format: format.data, seconds, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 } }));
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
