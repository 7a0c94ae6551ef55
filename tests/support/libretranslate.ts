// A small local stand-in for a LibreTranslate server (POST /translate), for tests: it checks the
// request the way the real API would and answers `[target] q`; it can be told to fail or to hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type StandInMode = 'ok' | 'fail' | 'hang' | 'bad-json';

export interface TranslateRequest {
	q: string;
	source: string;
	target: string;
	format: string;
	api_key?: string;
}

export interface StandInLibreTranslate {
	url: string;
	/** Every well-formed request received, in order. */
	requests: TranslateRequest[];
	mode: StandInMode;
	/** When set, requests without this api_key get 403, as LibreTranslate does. */
	apiKey: string | null;
	stop: () => Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((done, fail) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => done(body));
		request.on('error', fail);
	});
}

export async function startStandInLibreTranslate(): Promise<StandInLibreTranslate> {
	const hanging = new Set<() => void>();
	const state: StandInLibreTranslate = {
		url: '',
		requests: [],
		mode: 'ok',
		apiKey: null,
		stop: async () => {}
	};
	const answer = async (request: IncomingMessage, response: ServerResponse) => {
		const reply = (status: number, body: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		if (request.method !== 'POST' || request.url !== '/translate') return reply(404, { error: 'Not found' });
		if (!String(request.headers['content-type']).startsWith('application/json')) return reply(400, { error: 'Expected JSON' });
		let body: Partial<TranslateRequest>;
		try {
			body = JSON.parse(await readBody(request)) as Partial<TranslateRequest>;
		} catch {
			return reply(400, { error: 'Invalid JSON' });
		}
		for (const field of ['q', 'source', 'target', 'format'] as const) {
			if (typeof body[field] !== 'string' || body[field] === '') return reply(400, { error: `Invalid request: missing ${field} parameter` });
		}
		if (body.format !== 'text' && body.format !== 'html') return reply(400, { error: 'Invalid format' });
		state.requests.push(body as TranslateRequest);
		if (state.apiKey !== null && body.api_key !== state.apiKey) return reply(403, { error: 'Invalid API key' });
		if (state.mode === 'fail') return reply(500, { error: 'Translation engine crashed' });
		if (state.mode === 'bad-json') {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"translatedText": ');
			return;
		}
		if (state.mode === 'hang') {
			// Answer only when the test stops the server, long after the client gave up.
			hanging.add(() => reply(200, { translatedText: 'too late' }));
			return;
		}
		reply(200, { translatedText: `[${body.target}] ${body.q}` });
	};
	const server: Server = createServer((request, response) => {
		// node:http ignores what a handler returns; a failure of the stand-in itself surfaces as an
		// unhandled rejection, which fails the test run.
		void answer(request, response);
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const address = server.address();
	state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	state.stop = async () => {
		for (const finish of hanging) finish();
		hanging.clear();
		server.closeAllConnections();
		await new Promise<void>((done) => server.close(() => done()));
	};
	return state;
}
