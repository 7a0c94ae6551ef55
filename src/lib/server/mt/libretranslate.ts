// Optional machine translation through a LibreTranslate-compatible HTTP API (`POST /translate`).
// Off unless MT_URL is set; MT_API_KEY is sent when the server asks for one. Results are only ever
// stored as labelled machine translations beside the original, never in its place.

export const DEFAULT_MT_TIMEOUT_MS = 10_000;

export class MachineTranslationError extends Error {
	/** Catalog key of the message shown to the person who asked. */
	readonly code = 'errors.machineTranslationFailed';
	constructor(reason: string, options?: { cause?: unknown }) {
		super(`machine translation failed: ${reason}`, options);
	}
}

/** True when the site has a machine translation service configured. */
export function machineTranslationEnabled(): boolean {
	return Boolean(process.env.MT_URL?.trim());
}

/** How long to wait for the service: MT_TIMEOUT_MS when set to a positive number, else 10 s. */
function timeoutMs(): number {
	const configured = Number(process.env.MT_TIMEOUT_MS);
	return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MT_TIMEOUT_MS;
}

/**
 * LibreTranslate names languages by bare ISO 639-1 codes, with its own codes for the two Chinese
 * scripts: `zh-Hans` → `zh` and `zh-Hant` → `zt`. Any other tag is reduced to its primary language
 * subtag (`pt-BR` → `pt`, `es-419` → `es`): the service has no regional variants to choose from.
 */
export function libreTranslateCode(tag: string): string {
	const lower = tag.toLowerCase();
	if (lower === 'zh-hant' || lower.startsWith('zh-hant-') || lower === 'zh-tw' || lower === 'zh-hk') return 'zt';
	return lower.split('-')[0];
}

/** The text in the target language, or a MachineTranslationError (network, timeout, non-2xx, bad answer). */
export async function machineTranslate(text: string, source: string, target: string): Promise<string> {
	const base = process.env.MT_URL?.trim();
	if (!base) throw new MachineTranslationError('MT_URL is not set');
	const body: Record<string, string> = {
		q: text,
		source: libreTranslateCode(source),
		target: libreTranslateCode(target),
		format: 'text'
	};
	const apiKey = process.env.MT_API_KEY?.trim();
	if (apiKey) body.api_key = apiKey;

	let response: Response;
	try {
		response = await fetch(`${base.replace(/\/+$/, '')}/translate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs())
		});
	} catch (e) {
		throw new MachineTranslationError(e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'network error', { cause: e });
	}
	if (!response.ok) {
		// Drain the body so the connection is released; its content is the service's own business.
		await response.text().catch(() => '');
		throw new MachineTranslationError(`HTTP ${response.status}`);
	}
	let answer: unknown;
	try {
		answer = await response.json();
	} catch (e) {
		throw new MachineTranslationError(e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'invalid JSON', { cause: e });
	}
	const translated = (answer as { translatedText?: unknown } | null)?.translatedText;
	if (typeof translated !== 'string' || translated.trim() === '') throw new MachineTranslationError('no translatedText in the answer');
	return translated;
}
