import { describe, expect, it } from 'vitest';
import { directionOf, localeFromAcceptLanguage, matchUiLocale } from './locales';
import { detectLocale } from '../server/i18n/detect';

describe('UI locale matching', () => {
	it('matches exact codes, regional variants and scripts', () => {
		expect(matchUiLocale('ar')).toBe('ar');
		expect(matchUiLocale('ar-EG')).toBe('ar');
		expect(matchUiLocale('pt-BR')).toBe('pt');
		expect(matchUiLocale('zh-CN')).toBe('zh-Hans');
		expect(matchUiLocale('zh')).toBe('zh-Hans');
		expect(matchUiLocale('zh-TW')).toBeNull();
		expect(matchUiLocale('de')).toBeNull();
		expect(matchUiLocale('%%')).toBeNull();
	});

	it('honours Accept-Language q-values and order', () => {
		expect(localeFromAcceptLanguage('de-DE,de;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr');
		expect(localeFromAcceptLanguage('en;q=0.5, fa')).toBe('fa');
		expect(localeFromAcceptLanguage('*')).toBeNull();
		expect(localeFromAcceptLanguage(null)).toBeNull();
	});

	it('knows which languages are written right to left', () => {
		expect(directionOf('ar')).toBe('rtl');
		expect(directionOf('fa')).toBe('rtl');
		expect(directionOf('ur')).toBe('rtl');
		expect(directionOf('he')).toBe('rtl');
		expect(directionOf('zh-Hans')).toBe('ltr');
		expect(directionOf('hi')).toBe('ltr');
		expect(directionOf('az-Arab')).toBe('rtl');
	});

	it('detects: user preference, then cookie, then Accept-Language, then English', () => {
		expect(detectLocale({ userLocale: 'fa', cookie: 'es', acceptLanguage: 'fr' })).toBe('fa');
		expect(detectLocale({ userLocale: null, cookie: 'es', acceptLanguage: 'fr' })).toBe('es');
		expect(detectLocale({ cookie: 'xx', acceptLanguage: 'fr-CA' })).toBe('fr');
		expect(detectLocale({ acceptLanguage: 'de' })).toBe('en');
		expect(detectLocale({})).toBe('en');
	});
});
