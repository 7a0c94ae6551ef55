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
			 * Set by an action whose write only added feedback (http/page-cache-hook.ts feedbackWritten,
			 * from the participation service's answer): visitors' cached pages may then lag a few
			 * seconds; after any other write they are purged.
			 */
			addsFeedback?: boolean;
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
