// Reading and validating form submissions; errors come back translated, per field.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrorKeys, type FieldErrors } from '../validation';

export async function readForm(event: RequestEvent): Promise<FormData> {
	try {
		return await event.request.formData();
	} catch {
		error(400, event.locals.t('errors.badForm'));
	}
}

/** The string values of a form; `lists` names fields that may repeat or hold comma-separated lists. */
export function formValues(form: FormData, lists: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		if (lists.includes(name)) {
			const items = value.split(/[\s,;]+/).filter(Boolean);
			out[name] = [...((out[name] as string[] | undefined) ?? []), ...items];
		} else {
			out[name] = value;
		}
	}
	for (const name of lists) out[name] ??= [];
	return out;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validate<S extends z.ZodType>(event: RequestEvent, schema: S, input: unknown): Validated<z.output<S>> {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const keys = fieldErrorKeys(result.error);
	const errors: FieldErrors = {};
	for (const [field, key] of Object.entries(keys)) errors[field] = event.locals.t(key);
	return { ok: false, errors };
}
