import { describe, expect, it } from 'vitest';
import { plainExcerpt, renderMarkdown, shorten } from './markdown';

describe('renderMarkdown', () => {
	it('renders the safe subset', () => {
		expect(renderMarkdown('**bold** and *em*\n\n- a\n- b')).toBe(
			'<p><strong>bold</strong> and <em>em</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'
		);
	});

	it('drops scripts, event handlers, styles, iframes and images', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://evil"></iframe><p style="color:red" onclick="x()">hi</p>'
		);
		expect(html).not.toMatch(/<script|onerror|onclick|<iframe|<img|style=/i);
		expect(html).toContain('hi');
	});

	it('keeps only http, https and mailto links, marked nofollow ugc noopener', () => {
		expect(renderMarkdown('[a](javascript:alert(1))')).not.toContain('javascript:');
		expect(renderMarkdown('[a](data:text/html;base64,PHNjcmlwdD4=)')).not.toContain('data:');
		expect(renderMarkdown('[a](https://example.org/x)')).toBe(
			'<p><a href="https://example.org/x" rel="nofollow ugc noopener">a</a></p>\n'
		);
	});

	it('demotes headings below the page headings', () => {
		expect(renderMarkdown('# Big')).toBe('<h3>Big</h3>\n');
	});

	it('gives every link rel="nofollow ugc noopener" whatever it came with, and drops target', () => {
		const html = renderMarkdown('<a href="https://example.org" target="_blank" rel="opener">x</a> and https://example.org/y');
		expect(html).toBe(
			'<p><a href="https://example.org" rel="nofollow ugc noopener">x</a> and <a href="https://example.org/y" rel="nofollow ugc noopener">https://example.org/y</a></p>\n'
		);
		expect(html).not.toContain('target');
	});

	it('shows images from anywhere as links, never as <img>', () => {
		expect(renderMarkdown('![a chart](https://tracker.example/pixel.png)')).toBe(
			'<p><a href="https://tracker.example/pixel.png" rel="nofollow ugc noopener">a chart</a></p>\n'
		);
		expect(renderMarkdown('![x](javascript:alert(1))')).not.toMatch(/javascript|<img/);
		expect(renderMarkdown('<img src="/favicon.png">')).not.toContain('<img');
	});

	it('refuses dangerous URLs in every Markdown link form', () => {
		const forms = [
			'[a](JaVaScRiPt:alert(1))',
			'[a](javascript&#58;alert(1))',
			'[a](&#106;avascript:alert(1))',
			'[a](<javascript:alert(1)>)',
			'[a](vbscript:msgbox(1))',
			'[a](//evil.example/)',
			'[ref][1]\n\n[1]: javascript:alert(1)',
			'<javascript:alert(1)>',
			'<a href="&#x6A;avascript:alert(1)">x</a>',
			'<svg><a xlink:href="javascript:alert(1)"><text>X</text></a></svg>',
			'[a](data:image/svg+xml,<svg onload=alert(1)>)'
		];
		for (const markdown of forms) {
			const html = renderMarkdown(markdown);
			expect(html, markdown).not.toMatch(/href="(?!https?:|mailto:|#|\/(?!\/))/i);
			expect(html, markdown).not.toMatch(/<[^>]*(javascript:|vbscript:|data:|onload|xlink)[^>]*>|<svg/i);
		}
	});

	it('keeps attribute-breaking text inside its attribute, escaped', () => {
		const html = renderMarkdown('[x](https://x.org "t\\" onmouseover=\\"alert(1)")');
		expect(html).toContain('title="t&quot; onmouseover=&quot;alert(1)"');
		expect(html).not.toMatch(/"\s+onmouseover=/);
	});
});


describe('renderMarkdown and direction controls', () => {
	const RLO = '\u202E', PDF = '\u202C', RLI = '\u2067', PDI = '\u2069';
	/** Every text run between tags opens and closes its own controls. */
	const balancedRuns = (html: string) =>
		html.split(/<[^>]*>/).every((run) => {
			let depth = 0;
			for (const c of run) {
				if (/[\u202A\u202B\u202D\u202E\u2066-\u2068]/.test(c)) depth++;
				if (/[\u202C\u2069]/.test(c)) depth--;
				if (depth < 0) return false;
			}
			return depth === 0;
		});

	it('keeps the controls a writer used, closed within their own text', () => {
		expect(renderMarkdown(`abc ${RLO}def`)).toBe(`<p>abc ${RLO}def${PDF}</p>\n`);
		expect(renderMarkdown(`a ${RLO}b${PDF} c`)).toBe(`<p>a ${RLO}b${PDF} c</p>\n`);
	});

	it('never lets one run past the element it was written in', () => {
		for (const source of [
			`**bold ${RLO}text** after`,
			`- item ${RLI}one\n- item two`,
			`| a | b |\n|---|---|\n| ${RLO}x | y |`,
			`[link ${RLO}text](https://example.org) after`,
			`\`code ${RLO}\` after`,
			`entity &#x202E; escaped`,
			`${PDF}${PDI} closers alone`
		]) {
			const html = renderMarkdown(source);
			expect(balancedRuns(html), `${JSON.stringify(source)} → ${JSON.stringify(html)}`).toBe(true);
		}
		expect(renderMarkdown(`**bold ${RLO}text** after`)).toBe(`<p><strong>bold ${RLO}text${PDF}</strong> after</p>\n`);
	});
});

describe('plainExcerpt', () => {
	it('keeps the words and drops the syntax, cut at a word with an ellipsis', () => {
		expect(plainExcerpt('Please make sure a report can go to someone **outside the chat**, and [read this](https://example.org).', 60)).toBe(
			'Please make sure a report can go to someone outside the…'
		);
		expect(plainExcerpt('- one\n- two & three\n\n## Heading', 100)).toBe('one two & three Heading');
		expect(shorten('short', 10)).toBe('short');
	});
});
