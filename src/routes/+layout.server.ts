import { readFlash } from '$lib/server/http/flash';
import { takeWelcome } from '$lib/server/auth/welcome';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { locals } = event;
	const user = locals.user;
	return {
		locale: locals.locale,
		dir: locals.dir,
		// The catalog itself is loaded by +layout.ts, on each side.
		user: user ? { username: user.username, displayName: user.displayName, languages: user.languages } : null,
		// Just signed up: the page they land on says what they can do, once (auth/welcome.ts).
		welcome: user ? takeWelcome(event.cookies, event.url) : false,
		// What a form posted without JavaScript answered, once, on the page it was redirected to
		// (http/flash.ts). Reading the path and query makes SvelteKit run this load again on the next
		// navigation, so the answer does not follow the reader to other pages.
		flash: event.url.pathname && event.url.search !== undefined ? readFlash(event) : null
	};
};
