// A consultation's audit log: its moderation decisions and role changes, for its administrators
// (and site administrators), filtered by action, actor and dates.
import { getDb } from '$lib/server/db';
import { loadConsultation, requireConsultationAdmin } from '$lib/server/auth/guards';
import { publicConsultation } from '$lib/server/auth/reading';
import { listAudit } from '$lib/server/audit/service';
import { AUDIT_ACTIONS } from '$lib/server/audit/types';
import { auditQuery } from '$lib/server/audit/schemas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const consultation = loadConsultation(event, event.params.slug);
	requireConsultationAdmin(event, consultation);
	const { fromMs, toMs, ...query } = auditQuery(event.url.searchParams);
	return {
		consultation: publicConsultation(consultation, event),
		siteAdmin: event.locals.user?.isSiteAdmin ?? false,
		query,
		actions: [...AUDIT_ACTIONS],
		log: listAudit(getDb(), { consultationId: consultation.id, action: query.action, actor: query.actor, from: fromMs, to: toMs, page: query.page })
	};
};
