// The languages a person chose on the sign-up and profile forms, in order, from whichever fields the
// form had: without JavaScript a home-language select, other-language checkboxes and a codes field;
// with it, the ordered list (hidden `languages` inputs); scripts and older clients send `languages`
// alone ("ar, en"). Validation (canonical BCP 47, no duplicates, at most 10) is the schema's.

/** Home language first, then the boxes ticked (in the page's order), then the codes typed. */
export function chosenLanguages(form: FormData): string[] {
	const text = (name: string) =>
		form
			.getAll(name)
			.filter((v): v is string => typeof v === 'string')
			.map((v) => v.trim())
			.filter(Boolean);
	return [...text('homeLanguage'), ...text('otherLanguages'), ...text('languages').flatMap((v) => v.split(/[\s,;،、]+/u).filter(Boolean))];
}

/** The same choice written back into the form after a refusal: first the home language, as typed. */
export function echoLanguages(form: FormData): string {
	return [...new Set(chosenLanguages(form))].join(', ');
}
