// "Add as quote" / "add as key point" on the liaison summary form: a reason or comment from the
// community's digest copied into the clause's entry, as typed text the liaison can still edit. Only
// words are pulled — never the on-platform counts, which stay separate from what liaisons report.
import type { SummaryFormState } from '../summaries/form';
import { MAX_KEY_POINTS_CHARS, MAX_QUOTE_CHARS, MAX_QUOTES_PER_ENTRY } from '../summaries/schemas';

export interface PulledText {
	text: string;
	language: string;
	/** A person's translation into the consultation's source language, or ''. */
	translation: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Into the first empty quote row of the clause's entry, or a new one while there is room; unchanged when full. */
export function pullQuote(state: SummaryFormState, key: string, pulled: PulledText): SummaryFormState {
	const entry = state.entries[key];
	if (!entry) return state;
	const quote = { original: clip(pulled.text.trim(), MAX_QUOTE_CHARS), language: pulled.language, translation: clip(pulled.translation.trim(), MAX_QUOTE_CHARS) };
	const quotes = [...entry.quotes];
	const empty = quotes.findIndex((q) => !q.original.trim() && !q.translation.trim());
	if (empty >= 0) quotes[empty] = quote;
	else if (quotes.length < MAX_QUOTES_PER_ENTRY) quotes.push(quote);
	else return state;
	return { ...state, entries: { ...state.entries, [key]: { ...entry, quotes } } };
}

/** A new "- …" line at the end of the clause's key points (one line; cut to what still fits). */
export function pullKeyPoint(state: SummaryFormState, key: string, pulled: PulledText): SummaryFormState {
	const entry = state.entries[key];
	if (!entry) return state;
	const before = entry.keyPoints.replace(/\s+$/, '');
	const prefix = before ? `${before}\n- ` : '- ';
	const room = MAX_KEY_POINTS_CHARS - prefix.length;
	if (room < 20) return state;
	const line = clip(pulled.text.replace(/\s+/g, ' ').trim(), room);
	return { ...state, entries: { ...state.entries, [key]: { ...entry, keyPoints: prefix + line } } };
}
