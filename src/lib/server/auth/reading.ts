// What every page of a consultation needs: the consultation, the version being read, the reading
// language and the reader's permissions — loaded and authorised in one place. Route glue (it reads
// the request and throws SvelteKit's errors), so it sits beside guards.ts, not with the services.
import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import type { Consultation, DraftVersion } from '../db/schema';
import { loadConsultation, permissionsIn } from './guards';
import type { Permissions } from '../roles/service';
import { readingLanguage } from '../clauses/service';
import { renderMarkdown } from '../markdown';
import { currentVersion, getVersion } from '../consultations/service';
import { textReader } from '../translations/texts';

export interface ConsultationContext {
	consultation: Consultation;
	permissions: Permissions;
	/** The version being read: `?version=N` when given, else the current one (none before the first is published). */
	version: DraftVersion | null;
	current: DraftVersion | null;
	language: string;
}

export function consultationContext(event: RequestEvent, slug: string): ConsultationContext {
	const db = getDb();
	const consultation = loadConsultation(event, slug);
	const permissions = permissionsIn(event, consultation);
	const current = currentVersion(db, consultation.id) ?? null;
	let version = current;
	const requested = event.url.searchParams.get('version');
	if (requested !== null) {
		const n = Number(requested);
		const found = Number.isInteger(n) && n > 0 ? getVersion(db, consultation.id, n) : undefined;
		// Unpublished versions exist only for the committee; to anyone else they are not there.
		if (!found || (found.status !== 'published' && !permissions.committee)) {
			error(404, event.locals.t('errors.versionNotFound'));
		}
		version = found;
	}
	const language = readingLanguage(consultation, {
		requested: event.url.searchParams.get('lang'),
		userLanguages: event.locals.user?.languages,
		uiLocale: event.locals.locale
	});
	return { consultation, permissions, version, current, language };
}

/**
 * The consultation fields every page shows. Given the request, the title is in the reader's reading
 * language where a translator translated it (translations/texts.ts), and `titleLanguage` says which.
 */
export function publicConsultation(c: Consultation, event?: RequestEvent) {
	const title = event ? titleFor(c, event) : { text: c.title, language: c.sourceLanguage };
	return {
		slug: c.slug,
		title: title.text,
		titleLanguage: title.language,
		descriptionHtml: renderMarkdown(c.description),
		sourceLanguage: c.sourceLanguage,
		languages: c.languages,
		status: c.status
	};
}

function titleFor(c: Consultation, event: RequestEvent): { text: string; language: string } {
	const language = readingLanguage(c, {
		requested: event.url.searchParams.get('lang'),
		userLanguages: event.locals.user?.languages,
		uiLocale: event.locals.locale
	});
	return textReader(getDb(), c.id, language)({ kind: 'consultation-title', subjectId: c.id, part: 0 }, { text: c.title, language: c.sourceLanguage });
}

export function publicVersion(v: DraftVersion) {
	return { number: v.number, status: v.status, publishedAt: v.publishedAt, note: v.note };
}
