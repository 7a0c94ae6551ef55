// One way in for taking part: no route writes a stance, comment, report or translation through the
// storage functions that check none of the participation rules (open, current revision, language,
// suspension, rate limit); routes call src/lib/server/participation/, which checks them all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Module (under $lib/server/) → the writes a route must reach through the participation service. */
const BYPASSES: Record<string, string[]> = {
	'stances/service': ['setStance', 'withdrawStance'],
	'comments/service': ['addComment'],
	'comments/authoring': ['editComment', 'deleteComment'],
	'comments/translations': ['translateComment'],
	'translations/feedback': ['translateFeedback', 'machineTranslateFeedback'],
	'moderation/service': ['reportComment'],
	'moderation/suspensions': ['assertNotSuspended']
};

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

/** `import { a, b as c } from '$lib/server/x/y'` → [['x/y', ['a', 'b']]]. */
function serverImports(source: string): [string, string[]][] {
	return [...source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]\$lib\/server\/([^'"]+)['"]/g)].map((m) => [
		m[2],
		m[1]
			.split(',')
			.map((name) => name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0])
			.filter(Boolean)
	]);
}

describe('participation has one way in', () => {
	it('reads the imports of a route', () => {
		expect(serverImports(`import { getStance, setStance as put } from '$lib/server/stances/service';`)).toEqual([['stances/service', ['getStance', 'setStance']]]);
	});

	it('no route imports a participation write that skips the rules', () => {
		const routes = files(join(root, 'src/routes'));
		expect(routes.length).toBeGreaterThan(50);
		const offending = routes.flatMap((file) =>
			serverImports(readFileSync(file, 'utf8')).flatMap(([module, names]) =>
				names.filter((name) => BYPASSES[module]?.includes(name)).map((name) => `${relative(root, file)} imports ${name} from ${module}`)
			)
		);
		expect(offending).toEqual([]);
	});
});
