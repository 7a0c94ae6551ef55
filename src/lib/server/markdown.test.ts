import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

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
});
