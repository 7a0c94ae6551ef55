// Refusals of the moderation and authoring services: a catalog key and the HTTP status that fits.
export class ModerationError extends Error {
	constructor(
		/** Catalog key (errors.*). */
		public readonly code: string,
		public readonly status: 400 | 403 | 404 | 409 = 400,
		/** The form field the message belongs next to. */
		public readonly field: string = 'form'
	) {
		super(code);
	}
}
