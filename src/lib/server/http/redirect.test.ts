import { describe, expect, it } from 'vitest';
import { HOSTILE_TARGETS } from '../../../../tests/support/redirect-targets';
import { safeRedirectTarget } from './redirect';

// What a browser does with the Location header: resolve it against the page it came from.
const ORIGIN = 'https://consult.example.org';
const landsOn = (location: string) => new URL(location, `${ORIGIN}/login`);

describe('safeRedirectTarget', () => {
	it.each(HOSTILE_TARGETS)('keeps %j on the site', (target) => {
		const location = safeRedirectTarget(target);
		expect(landsOn(location).origin).toBe(ORIGIN);
		expect(location).toMatch(/^\/(?![/\\])/);
		expect(location).toMatch(/^[\x21-\x7e]*$/);
	});

	it('sends everything that is not a plain path to the landing page', () => {
		for (const target of ['//evil.example/x', '/\t/evil.example/x', '/\\evil.example', '/.//evil.example', 'javascript:alert(1)', 'data:text/html,x', 'https://evil.example/x', '／／evil.example', null, undefined, '']) {
			expect(safeRedirectTarget(target)).toBe('/');
		}
	});

	it('keeps paths on the site, query and fragment included', () => {
		expect(safeRedirectTarget('/consultations/code-of-conduct/clauses/respect?lang=es#comments')).toBe(
			'/consultations/code-of-conduct/clauses/respect?lang=es#comments'
		);
		expect(safeRedirectTarget('/')).toBe('/');
		expect(safeRedirectTarget('/profile')).toBe('/profile');
	});

	it('keeps encoded slashes and backslashes encoded: paths on the site, not another host', () => {
		expect(safeRedirectTarget('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
		expect(safeRedirectTarget('/%5Cevil.example')).toBe('/%5Cevil.example');
		expect(safeRedirectTarget('/%09/evil.example')).toBe('/%09/evil.example');
	});

	it('percent-encodes what a header cannot carry, so that the Location header is always ASCII', () => {
		expect(safeRedirectTarget('/consultations/ünïcode')).toBe('/consultations/%C3%BCn%C3%AFcode');
		expect(safeRedirectTarget('/consultations/ünïcode?q=é#ß')).toBe('/consultations/%C3%BCn%C3%AFcode?q=%C3%A9#%C3%9F');
		expect(safeRedirectTarget('/a\fb')).toBe('/a%0Cb');
		expect(safeRedirectTarget('/a b"<>')).toBe('/a%20b%22%3C%3E');
		expect(safeRedirectTarget('/／evil.example')).toBe('/%EF%BC%8Fevil.example');
		expect(safeRedirectTarget('/x\u2028y')).toBe('/x%E2%80%A8y');
	});

	it('cleans a target up the way browsers do: tabs and newlines gone, ends trimmed', () => {
		expect(safeRedirectTarget('/pro\tfi\nle\r')).toBe('/profile');
		expect(safeRedirectTarget('  /profile \f')).toBe('/profile');
		expect(safeRedirectTarget('/a/../profile')).toBe('/profile');
	});
});
