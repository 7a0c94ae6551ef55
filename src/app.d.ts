import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { Translate } from '$lib/i18n/translator';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** This response sets or deletes the session cookie (so it is not served from the page cache). */
			sessionCookieChanged: boolean;
			/**
			 * Set by a clause page action that took public text away (a public stance reason changed,
			 * removed or made committee-only): visitors' cached pages are purged, not left to lag.
			 */
			cachePurge?: boolean;
			/** The UI locale for this request, and its writing direction. */
			locale: string;
			dir: 'ltr' | 'rtl';
			/** This request's own i18next translate function. */
			t: Translate;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
