// What a reader is offered beside one piece of feedback (a comment, a reply, a reason, a liaison's
// quote) written in a language they may not read. Shared by the server (which decides who the
// reader is) and the components (which apply it to each item), so the rule lives in one place.

/** Who is reading, as far as languages go (see translationOptions in comments/translations.ts). */
export interface TranslationReader {
	/** The languages the reader reads, home language first: their declared ones, or the interface language for visitors. */
	reads: string[];
	/** The language a translation is wanted in: their first language the consultation runs in, else the interface's when the consultation has it. */
	preferred: string | null;
	/** The languages they may translate between (signed in, two or more of theirs in the consultation, consultation open); else empty. */
	translates: string[];
	/** Machine translation is configured and the reader is signed in. */
	machine: boolean;
	/** Signed in: may open the "waiting for translation" page of their languages. */
	signedIn: boolean;
}

export interface ExistingTranslation {
	language: string;
	machine: boolean;
}

export interface TranslationOffer {
	/** The reader lists the item's language: the original is for them, translations stay collapsed. */
	readable: boolean;
	/** The translation to show in place of the original (the original one click away): a person's before the machine's, in the preferred language. */
	featured: ExistingTranslation | null;
	/** Languages this reader may translate the item into by hand (they read its language and these). */
	humanTargets: string[];
	/** The language a machine translation would be asked in, when that is on offer. */
	machineTarget: string | null;
	/** No person's translation into the preferred language yet and the reader cannot make one: where bilingual volunteers can ("waiting for translation"). */
	waitingLanguage: string | null;
}

/**
 * The rule. Before issue 13 a comment offered "translate" only when the reader's own languages
 * included the comment's (so a reader of Arabic and English saw it on their own comments and not on
 * the French and Persian ones they could not read). Now every item in a language the reader does not
 * list offers a way in: a translation into their language when one exists, machine translation when
 * the site has it, and otherwise the "waiting for translation" page where people who read both
 * languages translate. People who read the item's language may translate it into their others.
 */
export function translationOffer(reader: TranslationReader, itemLanguage: string, existing: readonly ExistingTranslation[]): TranslationOffer {
	const readable = reader.reads.includes(itemLanguage);
	const preferred = reader.preferred !== null && reader.preferred !== itemLanguage ? reader.preferred : null;
	const into = preferred ? existing.filter((tr) => tr.language === preferred) : [];
	const featured = readable ? null : (into.find((tr) => !tr.machine) ?? into[0] ?? null);
	const humanTargets = reader.translates.includes(itemLanguage) ? reader.translates.filter((l) => l !== itemLanguage) : [];
	const machineTarget =
		!readable && reader.machine && preferred && !into.some((tr) => tr.machine) ? preferred : null;
	const waitingLanguage = !readable && reader.signedIn && preferred && !into.some((tr) => !tr.machine) ? preferred : null;
	return { readable, featured, humanTargets, machineTarget, waitingLanguage };
}
