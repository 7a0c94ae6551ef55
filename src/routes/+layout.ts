import { loadCatalog } from '$lib/i18n/catalog';
import type { LayoutLoad } from './$types';

// Runs on the server and in the browser: the catalog comes from loadCatalog() on each side rather
// than in the page's serialised data.
export const load: LayoutLoad = async ({ data }) => ({ ...data, messages: await loadCatalog(data.locale) });
