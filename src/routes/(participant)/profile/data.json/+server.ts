// Everything the signed-in person wrote, as a JSON file to keep (see docs/privacy.md).
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { personalData } from '$lib/server/accounts/personal-data';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireUser(event);
	const now = Date.now();
	const data = personalData(getDb(), user.id, now);
	const day = new Date(now).toISOString().slice(0, 10);
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="polyphony-${user.username}-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
