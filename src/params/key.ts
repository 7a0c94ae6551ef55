import type { ParamMatcher } from '@sveltejs/kit';

/** A clause's stable key, as written `{#key}` in an imported document. */
export const match: ParamMatcher = (param) => /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(param);
