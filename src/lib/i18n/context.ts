// The page's translate function and locale, shared with every component through Svelte context.
import { getContext, setContext } from 'svelte';
import type { Translate } from './translator';

export interface I18n {
	readonly t: Translate;
	readonly locale: string;
	readonly dir: 'ltr' | 'rtl';
}

const KEY = Symbol('i18n');

/** Called once by the root layout with a getter, so that a locale change reaches every component. */
export function provideI18n(current: () => I18n): void {
	setContext(KEY, current);
}

export function useI18n(): I18n {
	const current = getContext<() => I18n>(KEY);
	return {
		get t() {
			return current().t;
		},
		get locale() {
			return current().locale;
		},
		get dir() {
			return current().dir;
		}
	};
}
