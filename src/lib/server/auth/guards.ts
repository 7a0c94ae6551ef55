// Guards called by every load and action that needs a signed-in user or a role.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Consultation } from '../db/schema';
import { getDb } from '../db';
import { getConsultation } from '../consultations/service';
import { permissionsFor, type Permissions } from '../roles/service';
import type { SessionUser } from './session';
import { paths } from '../../paths';

export function loginUrl(url: URL): string {
	return paths.login({ redirectTo: url.pathname + url.search });
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export function requireUser(event: RequestEvent): SessionUser {
	if (!event.locals.user) redirect(303, loginUrl(event.url));
	return event.locals.user;
}

export function loadConsultation(event: RequestEvent, slug: string): Consultation {
	const consultation = getConsultation(getDb(), slug);
	if (!consultation) error(404, event.locals.t('errors.consultationNotFound'));
	return consultation;
}

export function permissionsIn(event: RequestEvent, consultation: Consultation): Permissions {
	return permissionsFor(getDb(), event.locals.user, consultation.id);
}

/** The committee (or an administrator) of this consultation, or 403. */
export function requireCommittee(event: RequestEvent, consultation: Consultation): Permissions {
	requireUser(event);
	const permissions = permissionsIn(event, consultation);
	if (!permissions.committee) error(403, event.locals.t('errors.forbidden'));
	return permissions;
}

export function requireSiteAdmin(event: RequestEvent): SessionUser {
	const user = requireUser(event);
	if (!user.isSiteAdmin) error(403, event.locals.t('errors.forbidden'));
	return user;
}

/** An administrator of this consultation (or a site administrator), or 403. */
export function requireConsultationAdmin(event: RequestEvent, consultation: Consultation): Permissions {
	requireUser(event);
	const permissions = permissionsIn(event, consultation);
	if (!permissions.admin) error(403, event.locals.t('errors.forbidden'));
	return permissions;
}

/**
 * A translator for `language` in this consultation, or its committee; 404 for a language the
 * consultation does not run in or its source language, 403 for anyone else.
 */
export function requireTranslator(event: RequestEvent, consultation: Consultation, language: string): Permissions {
	requireUser(event);
	if (!consultation.languages.includes(language) || language === consultation.sourceLanguage) {
		error(404, event.locals.t('errors.languageNotInConsultation'));
	}
	const permissions = permissionsIn(event, consultation);
	if (!permissions.committee && !permissions.translatorFor.includes(language)) error(403, event.locals.t('errors.forbidden'));
	return permissions;
}

/**
 * A liaison for `language` in this consultation, or its committee: who writes that language
 * community's summaries. 404 for a language the consultation does not run in, 403 for anyone else.
 */
export function requireLiaison(event: RequestEvent, consultation: Consultation, language: string): Permissions {
	requireUser(event);
	if (!consultation.languages.includes(language)) error(404, event.locals.t('errors.languageNotInConsultation'));
	const permissions = permissionsIn(event, consultation);
	if (!permissions.committee && !permissions.liaisonFor.includes(language)) error(403, event.locals.t('errors.forbidden'));
	return permissions;
}

/**
 * Someone who moderates this consultation's comments — a moderator, the committee, an
 * administrator (see canModerate in moderation/service.ts) — or 403.
 */
export function requireModerator(event: RequestEvent, consultation: Consultation): Permissions {
	requireUser(event);
	const permissions = permissionsIn(event, consultation);
	if (!permissions.moderator && !permissions.committee && !permissions.admin) error(403, event.locals.t('errors.forbidden'));
	return permissions;
}
