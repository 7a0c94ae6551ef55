// Builds an i18next instance for one locale: one per catalog, shared by every request in that
// locale on the server, and one in the browser from the single catalog the server sent it. An
// instance never changes language, so sharing it is safe.
import i18next, { type TFunction } from 'i18next';

export type Messages = Record<string, unknown>;
export type Translate = TFunction;

export function createTranslator(locale: string, messages: Messages): Translate {
	const instance = i18next.createInstance();
	void instance.init({
		lng: locale,
		fallbackLng: false,
		load: 'currentOnly',
		resources: { [locale]: { translation: messages } },
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false
	});
	return instance.t;
}

const translators = new WeakMap<Messages, Translate>();

/**
 * The translator for a catalog, made once. Calls without options (most of a page's strings) are
 * remembered: i18next takes several microseconds a call, and a page makes hundreds.
 */
export function translatorFor(locale: string, messages: Messages): Translate {
	let translate = translators.get(messages);
	if (!translate) {
		translate = remembering(createTranslator(locale, messages));
		translators.set(messages, translate);
	}
	return translate;
}

function remembering(t: Translate): Translate {
	const plain = new Map<string, string>();
	const call = t as unknown as (...args: unknown[]) => string;
	return ((...args: unknown[]) => {
		const key = args[0];
		if (args.length !== 1 || typeof key !== 'string') return call(...args);
		let text = plain.get(key);
		if (text === undefined) {
			text = call(key);
			plain.set(key, text);
		}
		return text;
	}) as unknown as Translate;
}
