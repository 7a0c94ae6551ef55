// The part of autocannon's programmatic API that scripts/bench/measure.ts uses (the package ships no types).
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	export interface Request {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	}

	export interface RequestSpec extends Request {
		/** Called before each request is sent; returns the request to send. */
		setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
		onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
	}

	export interface Options extends Request {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		requests?: RequestSpec[];
	}

	export interface Histogram {
		average: number;
		p50: number;
		p90: number;
		p99: number;
		max: number;
	}

	export interface Result {
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		latency: Histogram;
		requests: Histogram & { total: number };
		statusCodeStats: Record<string, { count: number }>;
	}

	export interface Instance extends EventEmitter, PromiseLike<Result> {
		stop(): void;
		on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
		on(event: 'reqError', listener: (error: Error) => void): this;
		on(event: string, listener: (...args: unknown[]) => void): this;
	}

	function autocannon(options: Options): Instance;
	export default autocannon;
}
