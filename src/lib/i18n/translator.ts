// Builds an i18next instance for one locale. The server makes one per request; the browser makes
// one from the single catalog the server sent it. Never a shared instance with changeLanguage.
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
