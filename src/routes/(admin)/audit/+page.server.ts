// The whole site's audit log, for site administrators.
import { getDb } from '$lib/server/db';
import { requireSiteAdmin } from '$lib/server/auth/guards';
import { listAudit } from '$lib/server/audit/service';
import { AUDIT_ACTIONS } from '$lib/server/audit/types';
import { auditQuery } from '$lib/server/audit/schemas';
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
