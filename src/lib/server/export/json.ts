// JSON: consultation → versions (with their liaison summaries, each with the committee's response)
// → clauses → (text, translations, tallies, measures, stances, comments with their replies, liaison
// points with their quotes, committee responses), written as it is read. Described by
// docs/export.schema.json.
import { emptyCounts, isoTime, type ClauseHead, type FeedbackItem, type ItemKind, type SummaryOut } from './model';
import { filtersOf } from './query';
import type { ExportReader } from './source';

export const JSON_FORMAT = 'polyphony-export';
export const JSON_FORMAT_VERSION = 1;

/** Chunks of about this many characters go to the response. */
const CHUNK = 64 * 1024;

/** An item as a JSON object: the same fields for every kind (null where they do not apply). */
export function itemJson(item: FeedbackItem, committee: boolean): Record<string, unknown> {
	return JSON.parse(itemJsonText(item, committee)) as Record<string, unknown>;
}

const text = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));
/** Ids, kinds and statuses are ASCII words: they need no escaping. */
const word = (s: string | null) => (s === null ? 'null' : `"${s}"`);

/**
 * An item's JSON text, written field by field: a million items through an intermediate object and
 * JSON.stringify cost a second more. The same fields, in the same order, as itemJson() parses back.
 */
export function itemJsonText(item: FeedbackItem, committee: boolean): string {
	const translations = Object.keys(item.translations).length ? JSON.stringify(item.translations) : '{}';
	const records =
		item.translationRecords === null
			? 'null'
			: JSON.stringify(item.translationRecords.map((r) => ({ language: r.language, text: r.text, translator: r.translator, machine: r.machine, outdated: r.outdated, updatedAt: isoTime(r.updatedAt) })));
	const r = item.reported;
	const reported = r === null ? 'null' : `{"support":${r.support},"oppose":${r.oppose},"neutral":${r.neutral}}`;
	let out =
		`{"id":"${item.id}","kind":"${item.kind}","parentId":${word(item.parentId)},"community":${text(item.community)},` +
		`"language":${text(item.language)},"author":${text(item.author)},"authorStatus":"${item.authorStatus}","stance":${word(item.stance)},` +
		`"text":${text(item.text)},"translations":${translations},"translationRecords":${records},"reported":${reported},"createdAt":"${isoTime(item.createdAt)}",` +
		`"updatedAt":"${isoTime(item.updatedAt)}","responseStatus":${word(item.responseStatus)},"actedInVersion":${item.actedInVersion ?? 'null'},` +
		`"deleted":${item.deleted},"link":${text(item.link)}`;
	if (committee) {
		out += `,"affiliation":${word(item.affiliation)},"visibility":"${item.visibility}","moderation":${word(item.moderation)},"moderationReason":${text(item.moderationReason)}`;
	}
	return out + '}';
}

function summaryJson(s: SummaryOut): Record<string, unknown> {
	const r = s.response;
	return {
		...s,
		publishedAt: isoTime(s.publishedAt),
		updatedAt: isoTime(s.updatedAt),
		response: r === null ? null : { ...r, createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) }
	};
}

function clauseFields(head: ClauseHead, sourceLanguage: string): string {
	const fields = {
		key: head.key,
		label: head.label,
		position: head.position,
		heading: head.heading,
		body: head.body,
		language: sourceLanguage,
		link: head.link,
		translations: head.translations,
		tallies: head.tallies,
		totals: head.totals,
		reported: head.reported,
		measures: { ...head.measures, minCommunitySize: head.minCommunitySize }
	};
	const json = JSON.stringify(fields);
	return json.slice(0, -1);
}

export async function* jsonChunks(reader: ExportReader): AsyncGenerator<string> {
	const { selection } = reader;
	const committee = selection.audience === 'committee';
	const counts = emptyCounts();
	const c = selection.consultation;
	let out = '';
	// Yields the buffer once it is large enough; the caller writes `out += …` in between.
	const full = () => out.length >= CHUNK;
	const take = () => {
		const chunk = out;
		out = '';
		return chunk;
	};

	const head = {
		format: JSON_FORMAT,
		formatVersion: JSON_FORMAT_VERSION,
		generatedAt: isoTime(selection.generatedAt),
		audience: selection.audience,
		filters: filtersOf(selection),
		consultation: {
			slug: c.slug,
			title: c.title,
			description: c.description,
			sourceLanguage: c.sourceLanguage,
			languages: c.languages,
			status: c.status,
			link: reader.consultationLink(),
			textTranslations: reader.textTranslations()
		}
	};
	out += JSON.stringify(head).slice(0, -1) + ',"versions":[';

	const count = (item: FeedbackItem) => {
		counts[item.kind]++;
		counts.total++;
	};
	/** One array of items of some kinds; `nest` puts the items of `child` inside their parent's `childKey` array. */
	// eslint-disable-next-line @typescript-eslint/require-await -- delegated to with yield* from the async jsonChunks
	async function* array(name: string, items: Iterable<FeedbackItem>, nest?: { parent: ItemKind; child: ItemKind; key: string }): AsyncGenerator<string> {
		out += `,"${name}":[`;
		let first = true;
		let open: string | null = null;
		let openFirstChild = true;
		for (const item of items) {
			count(item);
			const json = itemJsonText(item, committee);
			if (nest && item.kind === nest.child && open !== null && item.parentId === open) {
				out += (openFirstChild ? '' : ',') + json;
				openFirstChild = false;
			} else {
				if (open !== null) out += ']}';
				open = null;
				out += (first ? '' : ',');
				first = false;
				if (nest && item.kind === nest.parent) {
					out += json.slice(0, -1) + `,"${nest.key}":[`;
					open = item.id;
					openFirstChild = true;
				} else {
					// A reply whose comment is not in the selection (another community, other dates) stands on its own.
					out += json;
				}
			}
			if (full()) yield take();
		}
		if (open !== null) out += ']}';
		out += ']';
	}

	for (const [vi, version] of selection.versions.entries()) {
		const summaries = reader.summaries(version).map(summaryJson);
		out +=
			(vi === 0 ? '' : ',') +
			JSON.stringify({
				number: version.number,
				status: version.status,
				publishedAt: isoTime(version.publishedAt),
				note: version.note,
				link: `${reader.consultationLink()}?version=${version.number}`,
				liaisonSummaries: summaries
			}).slice(0, -1) +
			',"clauses":[';
		for (const [ci, clause] of reader.clauses(version).entries()) {
			out += (ci === 0 ? '' : ',') + clauseFields(clause, c.sourceLanguage);
			yield* array('stances', reader.items(clause, new Set(['stance'])));
			yield* array('comments', reader.items(clause, new Set(['comment', 'reply'])), { parent: 'comment', child: 'reply', key: 'replies' });
			yield* array('liaison', reader.items(clause, new Set(['liaison-point', 'liaison-quote'])), {
				parent: 'liaison-point',
				child: 'liaison-quote',
				key: 'quotes'
			});
			yield* array('responses', reader.items(clause, new Set(['committee-response'])));
			out += '}';
			if (full()) yield take();
		}
		out += ']}';
	}
	out += '],"counts":' + JSON.stringify(counts) + '}\n';
	yield take();
}
