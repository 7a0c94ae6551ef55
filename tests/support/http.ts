// A small HTTP client with a cookie jar, posting forms the way a browser without JavaScript does.
export class Client {
	readonly cookies = new Map<string, string>();

	constructor(
		readonly base: string,
		readonly defaultHeaders: Record<string, string> = {}
	) {}

	async request(path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}): Promise<Response> {
		// A browser's Accept header: SvelteKit answers form posts from scripts (use:enhance) with JSON.
		const headers = new Headers({ accept: 'text/html,application/xhtml+xml', ...this.defaultHeaders, ...(init.headers as Record<string, string>) });
		if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		let body = init.body;
		if (init.form) {
			const params = new URLSearchParams();
			for (const [k, v] of Object.entries(init.form)) for (const item of [v].flat()) params.append(k, item);
			body = params.toString();
			headers.set('content-type', 'application/x-www-form-urlencoded');
			if (!headers.has('origin')) headers.set('origin', this.base);
		}
		const response = await fetch(this.base + path, { ...init, body, headers, redirect: 'manual' });
		for (const cookie of response.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const [name, ...rest] = pair.split('=');
			const value = rest.join('=');
			if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name.trim());
			else this.cookies.set(name.trim(), value);
		}
		return response;
	}

	get(path: string, headers: Record<string, string> = {}) {
		return this.request(path, { headers });
	}

	post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
		return this.request(path, { method: 'POST', form, headers });
	}

	async logIn(username: string, password: string): Promise<void> {
		const response = await this.post('/login', { username, password, redirectTo: '/' });
		if (response.status !== 303) throw new Error(`log-in as ${username} failed with ${response.status}`);
	}
}
