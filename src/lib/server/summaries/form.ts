// The summary edit form, which works without JavaScript: its fields as posted (kept as typed, so a
// refused or "add a row" submission shows them again), their conversion into the service's input,
// and the service's issues turned back into per-field messages.
import { MAX_CHANNELS, MAX_QUOTES_PER_ENTRY, type SummaryIssue } from './schemas';
import { firstValues } from '../form-fields';
import type { SummaryView } from './service';

export interface ChannelFields {
	kind: string;
	description: string;
	participants: string;
	startedOn: string;
	endedOn: string;
}

export interface QuoteFields {
	original: string;
	language: string;
	translation: string;
}

export interface EntryFields {
	asked: boolean;
	support: string;
	oppose: string;
	neutral: string;
	keyPoints: string;
	quotes: QuoteFields[];
}

/** Everything the form holds, as strings; entries by clause key. */
export interface SummaryFormState {
	narrative: string;
	narrativeLanguage: string;
	narrativeTranslation: string;
	translationLanguage: string;
	channels: ChannelFields[];
	entries: Record<string, EntryFields>;
}

/** Rows the form always offers, so that most summaries need no "add a row" round trip. */
export const MIN_CHANNEL_ROWS = 3;
export const MIN_QUOTE_ROWS = 2;

const KEY = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const blankChannel = (): ChannelFields => ({ kind: '', description: '', participants: '', startedOn: '', endedOn: '' });
const blankQuote = (language: string): QuoteFields => ({ original: '', language, translation: '' });
const blankEntry = (): EntryFields => ({ asked: false, support: '', oppose: '', neutral: '', keyPoints: '', quotes: [] });

const isBlankChannel = (c: ChannelFields) => !c.kind && !c.description.trim() && !c.participants.trim() && !c.startedOn && !c.endedOn;
const isBlankQuote = (q: QuoteFields) => !q.original.trim() && !q.translation.trim();
const isBlankEntry = (e: EntryFields) =>
	!e.asked && !e.support.trim() && !e.oppose.trim() && !e.neutral.trim() && !e.keyPoints.trim() && e.quotes.every(isBlankQuote);

/**
 * The form's fields as posted. Rows come back in the order of their indexes, renumbered from 0.
 * Linear in the number of fields (one pass into a Map): the form can have over 17,000.
 */
export function readSummaryForm(form: FormData): SummaryFormState {
	const fields = firstValues(form);
	const text = (name: string) => fields.get(name) ?? '';
	const channelRows = new Set<number>();
	const entryKeys = new Set<string>();
	const quoteRows = new Map<string, Set<number>>();
	for (const name of fields.keys()) {
		let m = /^channel\.(\d{1,3})\./.exec(name);
		if (m) channelRows.add(Number(m[1]));
		m = /^entry\.([^.]+)\./.exec(name);
		if (m && KEY.test(m[1])) entryKeys.add(m[1]);
		m = /^entry\.([^.]+)\.quote\.(\d{1,3})\./.exec(name);
		if (m) quoteRows.set(m[1], (quoteRows.get(m[1]) ?? new Set()).add(Number(m[2])));
	}
	const sorted = (s: Set<number> | undefined) => [...(s ?? [])].sort((a, b) => a - b);
	const entries: Record<string, EntryFields> = {};
	for (const key of entryKeys) {
		const p = `entry.${key}.`;
		entries[key] = {
			asked: text(`${p}asked`) === 'on',
			support: text(`${p}support`),
			oppose: text(`${p}oppose`),
			neutral: text(`${p}neutral`),
			keyPoints: text(`${p}keyPoints`),
			quotes: sorted(quoteRows.get(key)).map((j) => ({
				original: text(`${p}quote.${j}.original`),
				language: text(`${p}quote.${j}.language`),
				translation: text(`${p}quote.${j}.translation`)
			}))
		};
	}
	return {
		narrative: text('narrative'),
		narrativeLanguage: text('narrativeLanguage'),
		narrativeTranslation: text('narrativeTranslation'),
		translationLanguage: text('translationLanguage'),
		channels: sorted(channelRows).map((i) => ({
			kind: text(`channel.${i}.kind`),
			description: text(`channel.${i}.description`),
			participants: text(`channel.${i}.participants`),
			startedOn: text(`channel.${i}.startedOn`),
			endedOn: text(`channel.${i}.endedOn`)
		})),
		entries
	};
}

/** The form's fields for a stored summary. */
export function formStateOf(summary: SummaryView): SummaryFormState {
	const str = (n: number | null) => (n === null ? '' : String(n));
	return {
		narrative: summary.narrative,
		narrativeLanguage: summary.narrativeLanguage,
		narrativeTranslation: summary.narrativeTranslation ?? '',
		translationLanguage: summary.translationLanguage ?? '',
		channels: summary.channels.map((c) => ({
			kind: c.kind,
			description: c.description,
			participants: String(c.participants),
			startedOn: c.startedOn ?? '',
			endedOn: c.endedOn ?? ''
		})),
		entries: Object.fromEntries(
			summary.entries.map((e) => [
				e.clause,
				{
					asked: e.asked,
					support: str(e.support),
					oppose: str(e.oppose),
					neutral: str(e.neutral),
					keyPoints: e.keyPoints,
					quotes: e.quotes.map((q) => ({ ...q }))
				}
			])
		)
	};
}

/**
 * The state with the rows the page shows: an entry for every clause of the version, at least
 * MIN_CHANNEL_ROWS channel rows and MIN_QUOTE_ROWS quote rows, and a blank row at the end of each
 * list that has room for one. Idempotent, so a refused submission does not grow.
 */
export function withBlankRows(state: SummaryFormState, clauseKeys: string[], quoteLanguage: string): SummaryFormState {
	const channels = [...state.channels];
	while (channels.length < MIN_CHANNEL_ROWS || (channels.length < MAX_CHANNELS && !isBlankChannel(channels.at(-1)!))) {
		channels.push(blankChannel());
	}
	const entries: Record<string, EntryFields> = {};
	for (const key of new Set([...clauseKeys, ...Object.keys(state.entries)])) {
		const entry = state.entries[key] ?? blankEntry();
		const quotes = [...entry.quotes];
		while (quotes.length < MIN_QUOTE_ROWS || (quotes.length < MAX_QUOTES_PER_ENTRY && !isBlankQuote(quotes.at(-1)!))) {
			quotes.push(blankQuote(quoteLanguage));
		}
		entries[key] = { ...entry, quotes };
	}
	return { ...state, channels, entries };
}

/** One more blank channel row (the "add a row" button without JavaScript). */
export function addChannelRow(state: SummaryFormState): SummaryFormState {
	if (state.channels.length >= MAX_CHANNELS) return state;
	return { ...state, channels: [...state.channels, blankChannel()] };
}

/** One more blank quote row for one clause's entry. */
export function addQuoteRow(state: SummaryFormState, key: string, language: string): SummaryFormState {
	const entry = state.entries[key];
	if (!entry || entry.quotes.length >= MAX_QUOTES_PER_ENTRY) return state;
	return { ...state, entries: { ...state.entries, [key]: { ...entry, quotes: [...entry.quotes, blankQuote(language)] } } };
}

/**
 * The service's input for the state (blank rows and untouched clauses left out), and a function
 * that names the form field an issue's path points at.
 */
export function contentOf(state: SummaryFormState): { content: unknown; fieldOf: (path: (string | number)[]) => string } {
	const channelRows: number[] = [];
	const channels = state.channels.flatMap((c, i) => {
		if (isBlankChannel(c)) return [];
		channelRows.push(i);
		return [c];
	});
	const entryKeys: string[] = [];
	const quoteRows: number[][] = [];
	const entries = Object.entries(state.entries).flatMap(([key, e]) => {
		if (isBlankEntry(e)) return [];
		entryKeys.push(key);
		const rows: number[] = [];
		const quotes = e.quotes.flatMap((q, j) => {
			if (isBlankQuote(q)) return [];
			rows.push(j);
			return [q];
		});
		quoteRows.push(rows);
		return [{ clause: key, asked: e.asked, support: e.support, oppose: e.oppose, neutral: e.neutral, keyPoints: e.keyPoints, quotes }];
	});
	const content = {
		narrative: state.narrative,
		narrativeLanguage: state.narrativeLanguage,
		narrativeTranslation: state.narrativeTranslation,
		translationLanguage: state.translationLanguage,
		channels,
		entries
	};
	const fieldOf = (path: (string | number)[]): string => {
		const [top, i, field, j, quoteField] = path;
		if (top === 'channels') {
			if (typeof i !== 'number') return 'channels';
			return `channel.${channelRows[i]}.${typeof field === 'string' ? field : 'kind'}`;
		}
		if (top === 'entries') {
			if (typeof i !== 'number') return 'form';
			// An unknown clause has no fieldset of its own: the message goes at the top of the form.
			if (field === 'clause' || typeof field !== 'string') return 'form';
			const key = entryKeys[i];
			if (field === 'quotes') {
				if (typeof j !== 'number') return `entry.${key}.quotes`;
				return `entry.${key}.quote.${quoteRows[i][j]}.${typeof quoteField === 'string' ? quoteField : 'original'}`;
			}
			return `entry.${key}.${field}`;
		}
		return typeof top === 'string' ? top : 'form';
	};
	return { content, fieldOf };
}

/** Issues as translated messages per form field (several on one field: the first wins). */
export function fieldMessages(
	issues: SummaryIssue[],
	fieldOf: (path: (string | number)[]) => string,
	t: (key: string, params?: Record<string, unknown>) => string
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) {
		const field = fieldOf(issue.path);
		out[field] ??= t(issue.code, issue.params);
	}
	return out;
}
