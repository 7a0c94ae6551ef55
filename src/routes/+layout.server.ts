import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		locale: locals.locale,
		dir: locals.dir,
		// The catalog itself is loaded by +layout.ts, on each side.
		user: user ? { username: user.username, displayName: user.displayName, languages: user.languages } : null
	};
};
