// The UI message catalogs, loaded once per process. Static imports keep them in the server bundle.
import ar from '../../../../messages/ar.json';
import en from '../../../../messages/en.json';
import es from '../../../../messages/es.json';
import fa from '../../../../messages/fa.json';
import fr from '../../../../messages/fr.json';
import hi from '../../../../messages/hi.json';
import pt from '../../../../messages/pt.json';
import zhHans from '../../../../messages/zh-Hans.json';
import type { Messages } from '../../i18n/translator';

export const CATALOGS: Record<string, Messages> = {
	en,
	es,
	fr,
	pt,
	ar,
	fa,
	hi,
	'zh-Hans': zhHans
};
