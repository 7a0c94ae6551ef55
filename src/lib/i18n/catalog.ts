// The UI catalog of one locale, loaded on demand: on the server from the bundle, in the browser as
// a separate, content-hashed module that the browser caches — so pages never carry the catalog in
// their serialised data, and a reader downloads only their own locale's.
import type { Messages } from './translator';

const catalogs = import.meta.glob<Messages>('../../../messages/*.json', { import: 'default' });

export async function loadCatalog(locale: string): Promise<Messages> {
	const load = catalogs[`../../../messages/${locale}.json`];
	if (!load) throw new Error(`no UI catalog for ${locale}`);
	return load();
}
