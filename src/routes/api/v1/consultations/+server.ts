import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listConsultations } from '$lib/server/consultations/service';
import { consultationSummaryJson } from '$lib/server/consultations/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	return json({ consultations: listConsultations(getDb()).map(consultationSummaryJson) });
};
