import { describe, expect, it } from 'vitest';
import { cookieName, isSecureContext } from './cookies';

describe('cookie names', () => {
	it('carry the __Host- prefix over https only', () => {
		expect(cookieName('polyphony_session', new URL('https://consult.example.org/login'))).toBe('__Host-polyphony_session');
		expect(cookieName('polyphony_session', new URL('http://localhost:3000/login'))).toBe('polyphony_session');
		expect(cookieName('polyphony_device', new URL('http://consult.example.org/'))).toBe('polyphony_device');
	});

	it('are Secure everywhere but on a local address', () => {
		expect(isSecureContext(new URL('http://127.0.0.1:3000/'))).toBe(false);
		expect(isSecureContext(new URL('https://consult.example.org/'))).toBe(true);
	});
});
