// No user-visible text in a .svelte file bypasses the catalogs: template text and the attributes
// people read (placeholder, title, alt, aria-label…) must come from i18n, not be written inline.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'svelte/compiler';

const root = join(import.meta.dirname, '../..');
const VISIBLE_ATTRIBUTES = new Set(['placeholder', 'title', 'alt', 'aria-label', 'aria-description', 'aria-roledescription', 'label']);
/** Text made only of punctuation, symbols, digits and spaces carries no words to translate. */
const WORDLESS = /^[\s\p{P}\p{S}\p{N}]*$/u;
/** Elements whose text is code or styling, never shown as words. */
const NOT_SHOWN = new Set(['style', 'script']);

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return svelteFiles(path);
		return name.endsWith('.svelte') ? [path] : [];
	});
}

interface AstNode {
	type: string;
	name?: string;
	data?: string;
	value?: unknown;
	[key: string]: unknown;
}

function findUntranslatedText(source: string): string[] {
	const ast = parse(source, { modern: true });
	const found: string[] = [];
	const visit = (node: unknown, inAttribute: boolean): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) {
			for (const child of node) visit(child, inAttribute);
			return;
		}
		const n = node as AstNode;
		if (n.type === 'RegularElement' && NOT_SHOWN.has(String(n.name))) return;
		if (n.type === 'Text' && !inAttribute && !WORDLESS.test(n.data ?? '')) found.push((n.data ?? '').trim());
		if (n.type === 'Attribute') {
			if (VISIBLE_ATTRIBUTES.has(String(n.name)) && Array.isArray(n.value)) {
				for (const part of n.value as AstNode[]) {
					if (part.type === 'Text' && !WORDLESS.test(part.data ?? '')) found.push(`${n.name}="${part.data}"`);
				}
			}
			return;
		}
		for (const [key, value] of Object.entries(n)) {
			if (key === 'expression' || key === 'metadata') continue;
			if (value && typeof value === 'object') visit(value, inAttribute);
		}
	};
	visit(ast.fragment, false);
	return found;
}

describe('Svelte templates', () => {
	it('the check finds inline text and lets translated text through', () => {
		expect(findUntranslatedText('<p>Hello</p>')).toEqual(['Hello']);
		expect(findUntranslatedText('<input placeholder="Your name" />')).toEqual(['placeholder="Your name"']);
		expect(findUntranslatedText('<p>مرحبا</p>')).toEqual(['مرحبا']);
		expect(findUntranslatedText('{#if x}<b>Saved</b>{/if}')).toEqual(['Saved']);
		expect(findUntranslatedText('<p class="a-b">{t("x")} · 3</p><img alt={t("y")} src="/a.png" />')).toEqual([]);
	});

	it('no .svelte file holds user-visible text outside the catalogs', () => {
		const offenders: string[] = [];
		for (const file of svelteFiles(join(root, 'src'))) {
			for (const text of findUntranslatedText(readFileSync(file, 'utf8'))) {
				offenders.push(`${relative(root, file)}: ${text}`);
			}
		}
		expect(offenders).toEqual([]);
	});
});
