import { CATALOGS } from '$lib/server/i18n/catalogs';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		locale: locals.locale,
		dir: locals.dir,
		// Only the current locale's catalog goes to the browser.
		messages: CATALOGS[locals.locale],
		user: user ? { username: user.username, displayName: user.displayName, languages: user.languages } : null
	};
};
