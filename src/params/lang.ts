import type { ParamMatcher } from '@sveltejs/kit';

/** A language community's BCP 47 tag as the consultation stores it: `ar`, `pt-BR`, `zh-Hans`. */
export const match: ParamMatcher = (param) => param.length <= 35 && /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(param);
