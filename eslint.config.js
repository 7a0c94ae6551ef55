// ESLint (flat config): typescript-eslint's type-checked rules over every .ts and .svelte file, and
// eslint-plugin-svelte for the components. `npm run lint` runs it with --max-warnings 0, and
// `npm test` runs `npm run lint` after `npm run check` (whose `svelte-kit sync` writes the
// .svelte-kit/tsconfig.json that tsconfig.json extends and the route types the rules read).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	globalIgnores([
		'build/',
		'build-*/',
		'.svelte-kit/',
		'.svelte-kit-*/',
		'test-results/',
		'drizzle/meta/',
		'data/',
		'tmp/',
		// Code that breaks the rules on purpose, linted by tests/unit/lint.test.ts.
		'tests/fixtures/lint/'
	]),
	js.configs.recommended,
	ts.configs.recommendedTypeChecked,
	svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// One TypeScript program from tsconfig.json for every file it includes: src, tests,
				// scripts, vite.config.ts, drizzle.config.ts.
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// In components the type-checked set is a documented subset. The parser gives a
			// component no types for what it imports from another component's `<script module>`
			// (ResponseData, TranslationResult…): they arrive as error types, which these rules
			// report as `any` though svelte-check (`npm run check`) checks them for real.
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			'@typescript-eslint/no-redundant-type-constituents': 'off',
			// A form's echoed values (`form.values`, typed loosely as the action's answer) are
			// strings put back into the fields; the actions themselves are linted with it on.
			'@typescript-eslint/no-base-to-string': 'off',
			// Every `{@html}` shows HTML made on the server by markdown.ts (marked, then the
			// allow-list sanitiser) or by the diff renderer over it; tests/e2e/xss.test.ts proves
			// no payload runs. The rule cannot tell that HTML from a raw string.
			'svelte/no-at-html-tags': 'off',
			// The URLSearchParams flagged are local copies built to write one link (pageUrl), never
			// state that a template reads; reactivity would add nothing.
			'svelte/prefer-svelte-reactivity': 'off',
			// `{' '}` keeps a space between inline elements where a line break would lose it.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		rules: {
			// The three rules issue 14 names, on top of the recommended type-checked set: a promise
			// nobody awaits loses its error, a promise handed where a void callback is expected
			// (an event handler) is a floating one in disguise, and a switch over a union must
			// name every member so a new member is a compile-time list of places to visit.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/switch-exhaustiveness-check': 'error',
			// A leading underscore marks a parameter or binding kept for its position or to leave a
			// property out of a rest object (`const { id: _, ...rest }`).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
			// Addresses are built by src/lib/paths.ts, one helper per route checked against
			// SvelteKit's route ids, rather than by `resolve()` from `$app/paths`, which this rule
			// alone recognises: the export and the scripts build the same links outside Vite, where
			// `$app/*` cannot be loaded, and the app has no `paths.base` for resolve() to add.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.test.ts', 'tests/**/*.ts'],
		rules: {
			// vitest types its asymmetric matchers (`expect.any(Number)`,
			// `expect.objectContaining(…)`) as `any`, so every expected object using one would be an
			// "unsafe assignment"; the tests' own JSON reads are typed (`as { … }`) all the same.
			'@typescript-eslint/no-unsafe-assignment': 'off'
		}
	},
	{
		// The plain JavaScript outside tsconfig.json (svelte.config.js, eslint.config.js,
		// scripts/start.js) has no TypeScript program: the rules that need types are off there.
		files: ['*.js', 'scripts/**/*.js'],
		extends: [ts.configs.disableTypeChecked]
	}
);
