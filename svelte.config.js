import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// POLYPHONY_BUILD=name builds into build-name/ (and .svelte-kit-name/) so that several people can
// build and test side by side on one machine; tests/support/server.ts serves the same directory.
const variant = process.env.POLYPHONY_BUILD;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: variant ? `build-${variant}` : 'build', precompress: false }),
		...(variant ? { outDir: `.svelte-kit-${variant}` } : {}),
		// The CSRF origin check stays on (SvelteKit's default); forms need ORIGIN behind the built server.
		csp: {
			// Hashes rather than nonces: a page served again from the page cache stays valid.
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
