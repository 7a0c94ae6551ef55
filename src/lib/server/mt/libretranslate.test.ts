import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandInLibreTranslate, type StandInLibreTranslate } from '../../../../tests/support/libretranslate';
import { libreTranslateCode, MachineTranslationError, machineTranslate, machineTranslationEnabled } from './libretranslate';

let standIn: StandInLibreTranslate;
const saved = { MT_URL: process.env.MT_URL, MT_API_KEY: process.env.MT_API_KEY, MT_TIMEOUT_MS: process.env.MT_TIMEOUT_MS };

beforeAll(async () => {
	standIn = await startStandInLibreTranslate();
});
afterAll(async () => {
	await standIn.stop();
});
beforeEach(() => {
	standIn.mode = 'ok';
	standIn.apiKey = null;
	standIn.requests.length = 0;
	process.env.MT_URL = standIn.url;
	delete process.env.MT_API_KEY;
	delete process.env.MT_TIMEOUT_MS;
});
afterEach(() => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

describe('machine translation through LibreTranslate', () => {
	it('is enabled only when MT_URL is set', () => {
		expect(machineTranslationEnabled()).toBe(true);
		delete process.env.MT_URL;
		expect(machineTranslationEnabled()).toBe(false);
		process.env.MT_URL = '  ';
		expect(machineTranslationEnabled()).toBe(false);
	});

	it('maps BCP 47 tags to LibreTranslate codes', () => {
		expect(libreTranslateCode('ar')).toBe('ar');
		expect(libreTranslateCode('zh-Hans')).toBe('zh');
		expect(libreTranslateCode('zh-Hant')).toBe('zt');
		expect(libreTranslateCode('pt-BR')).toBe('pt');
		expect(libreTranslateCode('es-419')).toBe('es');
	});

	it('posts the text as JSON to /translate and returns translatedText', async () => {
		const text = 'هذا **البند** مهم\n\n- أولًا';
		await expect(machineTranslate(text, 'ar', 'zh-Hans')).resolves.toBe(`[zh] ${text}`);
		expect(standIn.requests).toEqual([{ q: text, source: 'ar', target: 'zh', format: 'text' }]);
	});

	it('sends MT_API_KEY when set, and tolerates a trailing slash in MT_URL', async () => {
		standIn.apiKey = 'secret-key';
		process.env.MT_URL = `${standIn.url}/`;
		await expect(machineTranslate('Hola', 'es', 'en')).rejects.toBeInstanceOf(MachineTranslationError);
		process.env.MT_API_KEY = 'secret-key';
		await expect(machineTranslate('Hola', 'es', 'en')).resolves.toBe('[en] Hola');
		expect(standIn.requests.at(-1)).toMatchObject({ api_key: 'secret-key' });
	});

	it('fails with errors.machineTranslationFailed on a server error, bad JSON or no server', async () => {
		standIn.mode = 'fail';
		const failed = await machineTranslate('Hola', 'es', 'en').catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(MachineTranslationError);
		expect((failed as MachineTranslationError).code).toBe('errors.machineTranslationFailed');
		expect((failed as Error).message).toContain('HTTP 500');

		standIn.mode = 'bad-json';
		await expect(machineTranslate('Hola', 'es', 'en')).rejects.toThrow(/invalid JSON/);

		process.env.MT_URL = 'http://127.0.0.1:9';
		await expect(machineTranslate('Hola', 'es', 'en')).rejects.toThrow(/network error/);

		delete process.env.MT_URL;
		await expect(machineTranslate('Hola', 'es', 'en')).rejects.toBeInstanceOf(MachineTranslationError);
	});

	it('gives up after MT_TIMEOUT_MS when the service does not answer', async () => {
		standIn.mode = 'hang';
		process.env.MT_TIMEOUT_MS = '200';
		const started = Date.now();
		await expect(machineTranslate('Hola', 'es', 'en')).rejects.toThrow(/timed out/);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(standIn.requests).toHaveLength(1);
	});
});
