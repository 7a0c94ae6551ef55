import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './user-agent';

describe('describeUserAgent', () => {
	it('names the common browsers and systems', () => {
		expect(
			describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36')
		).toEqual({ browser: 'Chrome 126', system: 'Linux' });
		expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({
			browser: 'Firefox 128',
			system: 'Windows'
		});
		expect(
			describeUserAgent(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
			)
		).toEqual({ browser: 'Safari 17', system: 'iOS' });
		expect(
			describeUserAgent(
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87'
			)
		).toEqual({ browser: 'Edge 126', system: 'Windows' });
		expect(
			describeUserAgent('Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36')
		).toEqual({ browser: 'Samsung Internet 25', system: 'Android' });
	});

	it('knows headless Chrome too', () => {
		expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36')).toEqual({
			browser: 'Chrome 140',
			system: 'Linux'
		});
	});

	it('says nothing it does not know', () => {
		expect(describeUserAgent('')).toEqual({ browser: null, system: null });
		expect(describeUserAgent('node')).toEqual({ browser: null, system: null });
	});
});
