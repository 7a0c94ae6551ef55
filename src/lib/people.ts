// A person named inside a translated sentence ("Summary by {{author}}"), where no element can wrap
// the name: the name goes between FSI and PDI (a plain-text isolate, so it cannot reorder the
// sentence) and is followed by the unique @username. Elsewhere pages use PersonName.svelte.
import type { PersonView } from '$lib/server/people/badges';

export function personText(person: PersonView | null, former: string): string {
	return person ? `\u2068${person.displayName}\u2069 \u2066@${person.username}\u2069` : former;
}
