// The whole site's audit log, for site administrators.
import { getDb } from '$lib/server/db';
import { requireSiteAdmin } from '$lib/server/auth/guards';
import { AUDIT_ACTIONS, listAudit } from '$lib/server/moderation/audit';
import { auditQuery } from '$lib/server/moderation/schemas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireSiteAdmin(event);
	const { fromMs, toMs, ...query } = auditQuery(event.url.searchParams);
	return {
		query,
		actions: [...AUDIT_ACTIONS],
		log: listAudit(getDb(), { consultationId: null, action: query.action, actor: query.actor, from: fromMs, to: toMs, page: query.page })
	};
};
