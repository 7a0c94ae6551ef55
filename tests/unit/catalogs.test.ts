// Every UI catalog has every key the others have, the plural forms its language needs, and the
// same {{placeholders}} as English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALE_CODES, UI_LOCALES } from '../../src/lib/i18n/locales';

const dir = join(import.meta.dirname, '../../messages');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
	}
	return out;
}

const catalogs = new Map<string, Map<string, string>>(
	readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => [f.replace(/\.json$/, ''), flatten(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree)])
);

const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
const placeholders = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));

describe('message catalogs', () => {
	it('exist for every UI locale, and only for them', () => {
		expect([...catalogs.keys()].sort()).toEqual([...LOCALE_CODES].sort());
		expect(UI_LOCALES.filter((l) => l.dir === 'rtl').length).toBeGreaterThanOrEqual(2);
	});

	it('have no key missing that another catalog has', () => {
		const all = new Set([...catalogs.values()].flatMap((c) => [...baseKeys(c.keys())]));
		for (const [locale, catalog] of catalogs) {
			const missing = [...all].filter((k) => !baseKeys(catalog.keys()).has(k));
			expect(missing, `${locale}.json misses keys`).toEqual([]);
		}
	});

	it('have every plural form their language needs, and no others', () => {
		for (const [locale, catalog] of catalogs) {
			const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
			const plurals = baseKeys([...catalog.keys()].filter((k) => PLURAL.test(k)));
			for (const base of plurals) {
				for (const form of needed) expect(catalog.has(`${base}_${form}`), `${locale}: ${base}_${form}`).toBe(true);
				const present = [...catalog.keys()].filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k));
				for (const key of present) expect(needed, `${locale}: unneeded ${key}`).toContain(key.match(PLURAL)![1]);
			}
		}
	});

	it('keep the placeholders of the English text and have no empty messages', () => {
		const en = catalogs.get('en')!;
		const enByBase = new Map<string, Set<string>>();
		for (const [key, value] of en) {
			const base = key.replace(PLURAL, '');
			enByBase.set(base, new Set([...(enByBase.get(base) ?? []), ...placeholders(value)]));
		}
		for (const [locale, catalog] of catalogs) {
			for (const [key, value] of catalog) {
				expect(value.trim(), `${locale}: ${key} is empty`).not.toBe('');
				const allowed = enByBase.get(key.replace(PLURAL, '')) ?? new Set<string>();
				for (const p of placeholders(value)) expect([...allowed], `${locale}: ${key} uses {{${p}}}`).toContain(p);
				// Outside plural forms (where a language may spell the number out), every placeholder is kept.
				if (!PLURAL.test(key)) {
					for (const p of allowed) expect([...placeholders(value)], `${locale}: ${key} lost {{${p}}}`).toContain(p);
				}
			}
		}
	});
});
