import { describe, expect, it } from 'vitest';
import { parseDraft, slugify, MAX_CLAUSES } from './parse';

describe('parseDraft', () => {
	it('starts a clause at each heading of the chosen level, with label, key and body', () => {
		const doc = [
			'# Title',
			'',
			'Intro text.',
			'',
			'## 1.1 Purpose {#purpose}',
			'',
			'Why we do this.',
			'',
			'### A sub-heading stays in the body',
			'',
			'- a list',
			'',
			'## 1.2 Scope',
			'Who it covers.'
		].join('\n');
		const result = parseDraft(doc, 2);
		expect(result.errors).toEqual([]);
		expect(result.clauses).toHaveLength(2);
		expect(result.clauses[0]).toMatchObject({ line: 5, label: '1.1', heading: 'Purpose', key: 'purpose', keyExplicit: true });
		expect(result.clauses[0].body).toContain('### A sub-heading stays in the body');
		expect(result.clauses[0].body).toContain('- a list');
		expect(result.clauses[1]).toMatchObject({ line: 13, label: '1.2', heading: 'Scope', key: 'scope', keyExplicit: false });
		expect(result.clauses[1].body).toBe('Who it covers.');
		expect(result.warnings).toEqual([{ line: 3, code: 'preambleSkipped' }]);
	});

	it('numbers clauses by position when headings carry no label', () => {
		const result = parseDraft('# Respect\n\nBe kind.\n\n# Safety\n\nBe safe.\n', 1);
		expect(result.clauses.map((c) => [c.label, c.heading, c.key])).toEqual([
			['1', 'Respect', 'respect'],
			['2', 'Safety', 'safety']
		]);
	});

	it('names the line of each problem', () => {
		const doc = [
			'## 1 First {#first}', // 1
			'Text.', // 2
			'', // 3
			'## 1 Second', // 4: duplicate label
			'Text.', // 5
			'', // 6
			'## 2 Third {#first}', // 7: duplicate key
			'Text.', // 8
			'', // 9
			'## 3 Empty', // 10: no body
			'', // 11
			'## 4 Bad key {#Not_OK}', // 12
			'Text.'
		].join('\n');
		const { errors } = parseDraft(doc, 2);
		expect(errors).toEqual([
			{ line: 4, code: 'duplicateLabel', params: { label: '1', first: 1 } },
			{ line: 7, code: 'duplicateKey', params: { key: 'first', first: 1 } },
			{ line: 10, code: 'emptyBody' },
			{ line: 12, code: 'badKey', params: { key: 'Not_OK' } }
		]);
	});

	it('reports a document without headings of the chosen level', () => {
		const { errors, clauses } = parseDraft('## Only level two\n\ntext', 3);
		expect(clauses).toEqual([]);
		expect(errors).toEqual([{ line: 1, code: 'noClauses', params: { level: 3 } }]);
	});

	it('ignores headings inside fenced code blocks', () => {
		const doc = '## 1 Code {#code}\n\n```\n## not a clause\n```\n\n## 2 Next {#next}\n\nText.';
		const { clauses, errors } = parseDraft(doc, 2);
		expect(errors).toEqual([]);
		expect(clauses.map((c) => c.key)).toEqual(['code', 'next']);
		expect(clauses[0].body).toContain('## not a clause');
		expect(clauses[1].line).toBe(7);
	});

	it('skips section headings above the clause level, with a warning naming the line', () => {
		const doc = '## 1 A {#a}\n\nText.\n\n# Part two\n\n## 2 B {#b}\n\nMore.';
		const { clauses, warnings } = parseDraft(doc, 2);
		expect(clauses.map((c) => c.body)).toEqual(['Text.', 'More.']);
		expect(warnings).toEqual([{ line: 5, code: 'sectionHeadingSkipped', params: { text: 'Part two' } }]);
	});

	it('makes unique keys from headings, never taking an explicit key', () => {
		const doc = '## 1 Respect\n\nA.\n\n## 2 Respect\n\nB.\n\n## 3 Other {#respect}\n\nC.\n\n## 4 مرحبا\n\nD.';
		const { clauses, errors } = parseDraft(doc, 2);
		expect(errors).toEqual([]);
		expect(clauses.map((c) => c.key)).toEqual(['respect-2', 'respect-3', 'respect', 'clause-4']);
	});

	it('handles Windows line endings and reports line numbers the same way', () => {
		const doc = '## 1 A {#a}\r\n\r\nText.\r\n\r\n## 1 B {#b}\r\n\r\nMore.';
		expect(parseDraft(doc, 2).errors).toEqual([{ line: 5, code: 'duplicateLabel', params: { label: '1', first: 1 } }]);
	});

	it('notes on a clause the line where HTML the site does not keep was removed, and keeps allowed tags without a note', () => {
		const doc = [
			'## 1 Purpose', // 1
			'',
			'Safe meetings for all.', // 3
			'',
			'Be <span style="color:red">kind</span> to everyone.', // 5
			'',
			'## 2 Kept', // 7
			'',
			'Some <strong>bold</strong> and <em>em</em> text, a [link](https://example.org) and a',
			'line <br> break.',
			'',
			'## 3 Comment', // 12
			'',
			'Text',
			'with a hidden <!-- note --> remark.', // 15
			'',
			'## 4 Block', // 17
			'',
			'Text first.',
			'',
			'<div class="box">', // 21
			'',
			'Inside a box.',
			'',
			'</div>' // 25
		].join('\n');
		const { clauses, errors, warnings } = parseDraft(doc, 2);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(clauses.map((c) => c.notices)).toEqual([
			[{ line: 5, code: 'htmlRemoved' }],
			[],
			[{ line: 15, code: 'htmlRemoved' }],
			[{ line: 21, code: 'htmlRemoved' }]
		]);
	});

	it('refuses, like an empty clause, one whose text is empty once its HTML is removed', () => {
		const doc = [
			'## 1 Fine',
			'',
			'Text.',
			'',
			'## 2 Only HTML', // 5
			'',
			'<div onclick="steal()"><script>alert(1)</script></div>', // 7
			'',
			'## 3 Only a comment', // 9
			'',
			'<!-- nothing to read -->',
			'',
			'## 4 Only an image tag', // 13
			'',
			'<img src="https://example.org/x.png">'
		].join('\n');
		const { clauses, errors } = parseDraft(doc, 2);
		expect(errors).toEqual([
			{ line: 5, code: 'emptyAfterSanitising' },
			{ line: 9, code: 'emptyAfterSanitising' },
			{ line: 13, code: 'emptyAfterSanitising' }
		]);
		expect(clauses[1].notices).toEqual([{ line: 7, code: 'htmlRemoved' }]);
		// A body that was empty to begin with keeps its own message.
		expect(parseDraft('## 1 A\n\n## 2 B\n\nText.', 2).errors).toEqual([{ line: 1, code: 'emptyBody' }]);
	});

	it(`refuses more than ${MAX_CLAUSES} clauses`, () => {
		const doc = Array.from({ length: MAX_CLAUSES + 1 }, (_, i) => `## ${i + 1} C${i}\n\nText.\n`).join('\n');
		const { errors } = parseDraft(doc, 2);
		expect(errors.some((e) => e.code === 'tooManyClauses')).toBe(true);
	});
});

describe('slugify', () => {
	it('keeps ASCII letters and digits, folds accents, joins with hyphens', () => {
		expect(slugify('Conduite hors des espaces du projet !')).toBe('conduite-hors-des-espaces-du-projet');
		expect(slugify('Égalité & inclusion')).toBe('egalite-inclusion');
		expect(slugify('التحرش')).toBe('');
	});
});

describe('parseDraft and direction controls', () => {
	it('keeps a heading’s direction controls, closing any left open (docs/moderation.md)', () => {
		const { clauses, errors } = parseDraft('## 1 Scope \u202Eof this {#scope}\n\nText.\n', 2);
		expect(errors).toEqual([]);
		expect(clauses[0].heading).toBe('Scope \u202Eof this\u202C');
	});
});
