// A new version in Chromium: the committee edits and publishes the next version and answers the
// feedback on the previous one; a Spanish reader is told a translation is out of date; a translator
// brings it up to date; "what we heard, what changed" shows the committee's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { CONSULTATION_PATH, logIn } from './helpers';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function pageIn(locale: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': locale } });
	return context.newPage();
}

async function currentVersion(): Promise<number> {
	const response = await fetch(`${server.url}/api/v1/consultations/code-of-conduct`);
	return ((await response.json()) as { currentVersion: number }).currentVersion;
}

describe('a new version, from the committee to the readers', () => {
	it('publishes, marks translations out of date, lets a translator update them, and shows what was heard', async () => {
		const previous = await currentVersion();
		const next = previous + 1;
		const scope = `${CONSULTATION_PATH}/clauses/scope`;

		// Before: the Spanish translation of "scope" is current.
		const reader = await pageIn('es');
		await reader.goto(`${server.url}${scope}?lang=es`);
		expect(await reader.locator('.translation-notice').count()).toBe(1);
		expect(await reader.locator('.outdated-notice').count()).toBe(0);

		// The committee starts the next version from the current one, edits "scope" and publishes.
		const committee = await pageIn('en');
		await logIn(committee, server.url, 'committee', `${CONSULTATION_PATH}/draft`);
		await committee.locator('form[action="?/start"] button').click();
		await committee.locator('#clause-scope').waitFor();
		await committee.locator('#clause-scope summary').click();
		const body = committee.locator('#body-scope');
		await body.fill(`${await body.inputValue()}\n\nIt also covers volunteers who moderate community chat groups.`);
		await committee.locator('#clause-scope form[action="?/save"] button[type="submit"]').click();
		await committee.waitForLoadState('networkidle');
		await committee.locator('#draft-note').fill('Scope now names chat-group moderators.');
		await committee.locator('form[action="?/publish"] button.primary').click();
		await committee.waitForURL((url) => url.pathname === CONSULTATION_PATH);
		expect(await currentVersion()).toBe(next);

		// It answers the feedback that "scope" received on the previous version.
		await committee.goto(`${server.url}${scope}?version=${previous}`);
		const form = committee.locator('form[action="?/respond"]').first();
		await form.locator('input[name="status"][value="accepted"]').check();
		await form.locator('textarea[name="explanation"]').fill('Moderators of community chat groups are now named in the scope.');
		await form.locator('select[name="actedInVersion"]').selectOption(String(next));
		await form.locator('button[type="submit"]').click();
		await committee.locator('.committee-response .response-badge.accepted').first().waitFor();

		// The Spanish reader is now told the translation describes an earlier wording.
		await reader.goto(`${server.url}${scope}?lang=es`);
		expect(await reader.locator('.outdated-notice').count()).toBe(1);
		expect(await reader.locator('html').getAttribute('lang')).toBe('es');

		// The Spanish translator finds it at the top of the worklist, sees what changed, and updates it.
		const translator = await pageIn('es');
		await logIn(translator, server.url, 'translator_es', `${CONSULTATION_PATH}/translate/es`);
		const first = translator.locator('.worklist-item').first();
		expect(await first.getAttribute('class')).toContain('outdated');
		await translator.locator('.worklist-item a[href$="/scope"]').click();
		await translator.locator('#t-body').waitFor();
		expect(await translator.locator('ins').count()).toBeGreaterThan(0);
		const translation = translator.locator('#t-body');
		await translation.fill(`${await translation.inputValue()}\n\nTambién incluye a quienes moderan los grupos de chat de la comunidad.`);
		await translator.locator('main form button.primary').click();
		await translator.locator('.notice.success').waitFor();

		await reader.goto(`${server.url}${scope}?lang=es`);
		expect(await reader.locator('.outdated-notice').count()).toBe(0);
		expect(await reader.locator('.clause-body').innerText()).toContain('moderan los grupos de chat');

		// "What we heard, what changed" for the new version shows the answer beside the change.
		await reader.goto(`${server.url}${CONSULTATION_PATH}/versions/${next}/heard`);
		const heard = reader.locator('#heard-scope').locator('xpath=..');
		expect(await heard.locator('.response-badge.accepted').count()).toBe(1);
		expect(await heard.innerText()).toContain('Moderators of community chat groups are now named in the scope.');
		expect(await heard.locator('ins').count()).toBeGreaterThan(0);

		// And the plain "what changed" page lists scope as modified: both versions are now translated
		// into Spanish, so the Spanish reader sees the Spanish diff, formatted, the addition underlined.
		await reader.goto(`${server.url}${CONSULTATION_PATH}/changes?from=${previous}&to=${next}`);
		const diff = reader.locator('#change-scope .rendered-diff');
		expect(await diff.getAttribute('lang')).toBe('es');
		expect(await diff.locator('ins').innerText()).toContain('moderan los grupos de chat');
		expect(await diff.innerText()).not.toMatch(/\*|^- /m);
	});
});
