// use:enhance helpers. `keepValues` keeps what the person typed after a successful submission
// (SvelteKit resets the form by default) — for forms whose fields the page shows again, such as
// previews and profiles. `focusResult` moves keyboard focus to what the submission produced: the
// form's error summary, or its confirmation (SvelteKit would otherwise reset focus to the page top).
import { tick } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

export const keepValues: SubmitFunction = () => {
	return async ({ update }) => {
		await update({ reset: false });
	};
};

/** The element a result lands on: the one a post without JavaScript is redirected to (http/flash.ts). */
export function resultElement(formId: string, result: { type: string; data?: Record<string, unknown> }): HTMLElement | null {
	if (result.type === 'failure') return document.getElementById(`${formId}-errors`);
	if (result.type !== 'success') return null;
	const anchor = typeof result.data?.anchor === 'string' ? result.data.anchor : null;
	return (anchor && document.getElementById(anchor)) || document.getElementById(`${formId}-result`);
}

/** use:enhance that updates the page, then focuses the result of form `formId` (and scrolls to it). */
export function focusResult(formId: string, options: { reset?: boolean } = {}): SubmitFunction {
	return () =>
		async ({ result, update }) => {
			await update({ reset: options.reset ?? true });
			await tick();
			const target = resultElement(formId, result);
			if (!target) return;
			if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
			target.focus();
			target.scrollIntoView({ block: 'nearest' });
		};
}

/** What an action answered: `form` after a post through use:enhance, the flash after a redirect. */
export function actionResult<T>(form: T, data: { flash?: { data: unknown } | null }): T {
	return form ?? ((data.flash?.data ?? null) as T);
}
