// Every page's form actions go through postRedirectGet() (src/lib/server/http/flash.ts), so that a
// post without JavaScript is answered 303 back to its form and never leaves the reader on a `?/action`
// address that a reload would post again. A page that exports its actions bare is a page the wrapper
// was forgotten on (the liaison summary editor was one).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const routes = join(root, 'src/routes');

function pageServers(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return pageServers(path);
		return e.name === '+page.server.ts' ? [path] : [];
	});
}

/** How a file exports its actions: wrapped, bare, or not at all. */
function actionsExport(source: string): 'wrapped' | 'bare' | 'none' {
	const m = /export\s+const\s+actions\b[^=]*=\s*([\s\S]{0,40})/.exec(source);
	if (!m) return 'none';
	return /^postRedirectGet\s*\(/.test(m[1]) ? 'wrapped' : 'bare';
}

describe('post / redirect / get on every page', () => {
	it('tells a wrapped export from a bare one', () => {
		expect(actionsExport('export const actions: Actions = postRedirectGet({ save });')).toBe('wrapped');
		expect(actionsExport('export const actions: Actions = {\n\tsave\n};')).toBe('bare');
		expect(actionsExport('export const load = () => ({});')).toBe('none');
	});

	it('wraps the actions of every page that has them', () => {
		const files = pageServers(routes).map((file) => ({ file: relative(root, file), kind: actionsExport(readFileSync(file, 'utf8')) }));
		expect(files.filter((f) => f.kind === 'wrapped').length).toBeGreaterThan(10);
		expect(files.filter((f) => f.kind === 'bare').map((f) => f.file)).toEqual([]);
	});
});
