// Direction controls in comments, rendered by Chromium (docs/moderation.md, "Direction controls"):
// an override a writer leaves open (U+202E RIGHT-TO-LEFT OVERRIDE) reverses only the text it was
// written in. The words after it in the same paragraph, and the next comment's author, read in their
// own order. Order is measured from the characters' positions on the page, not from the markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from '../support/browser';
import { Client } from '../support/http';
import { DEMO_PASSWORD } from './helpers';

const CLAUSE = '/consultations/code-of-conduct/clauses/scope';
const RUN = Date.now().toString(36);
const RLO = '\u202E';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	server = await startServer({ demo: true });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function post(username: string, body: string): Promise<void> {
	const client = new Client(server.url, { 'accept-language': 'en' });
	await client.logIn(username, DEMO_PASSWORD);
	const page = await (await client.get(CLAUSE)).text();
	const revision = /name="revision" value="(\d+)"/.exec(page)![1];
	expect((await client.post(`${CLAUSE}?/comment`, { revision, body, language: 'en' })).status).toBe(200);
}

/**
 * Where the first and the last character of `text` are drawn, horizontally, inside the first element
 * matching `selector` whose text contains it. Left-to-right text has first < last.
 */
function edges(page: Page, selector: string, text: string): Promise<{ first: number; last: number }> {
	return page.evaluate(
		([selector, text]) => {
			for (const element of document.querySelectorAll(selector)) {
				const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					const at = node.textContent!.indexOf(text);
					if (at < 0) continue;
					const x = (i: number) => {
						const range = document.createRange();
						range.setStart(node, i);
						range.setEnd(node, i + 1);
						const rect = range.getBoundingClientRect();
						return rect.left + rect.width / 2;
					};
					return { first: x(at), last: x(at + text.length - 1) };
				}
			}
			throw new Error(`${text} not found in ${selector}`);
		},
		[selector, text] as const
	);
}

describe('an unclosed direction override in a comment', () => {
	it('reverses nothing after its own text run: not the rest of its paragraph, not the next comment’s author', async () => {
		const after = `after${RUN}`;
		await post('participant', `**Look ${RLO}here** ${after} and more`);
		await post('committee', `Next comment ${RUN}`);

		const page = await browser.newPage({ locale: 'en' });
		await page.goto(`${server.url}${CLAUSE}?order=oldest`);
		// The override still does what the writer asked inside its own run ("here" drawn reversed)…
		const inside = await edges(page, '.comment-body strong', 'here');
		expect(inside.first).toBeGreaterThan(inside.last);
		// …and the words after the bold text read left to right, as typed.
		const rest = await edges(page, '.comment-body p', after);
		expect(rest.first).toBeLessThan(rest.last);
		// The next comment's author reads as their name, then @username.
		const name = await edges(page, '.comment .person-name', 'Kenji Watanabe');
		expect(name.first).toBeLessThan(name.last);
		const username = await edges(page, '.comment .person-username', '@committee');
		expect(username.first).toBeLessThan(username.last);
		await page.close();
	});
});
