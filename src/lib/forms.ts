// use:enhance that keeps what the person typed after a successful submission (SvelteKit resets
// the form by default) — for forms whose fields the page shows again, such as previews and profiles.
import type { SubmitFunction } from '@sveltejs/kit';

export const keepValues: SubmitFunction = () => {
	return async ({ update }) => {
		await update({ reset: false });
	};
};
