// Text for MediaWiki: people's words kept literal (<nowiki>), and the Markdown that clauses and
// comments are written in turned into the wikitext for the same structure — paragraphs, lists,
// emphasis, links — so that a pasted report reads like the page it came from.
import { lexer, type Token, type Tokens } from 'marked';

/**
 * Characters that mean nothing to MediaWiki, kept as they are; anything else goes inside <nowiki>.
 * `:` and `;` mean nothing inside a line, but start an indent or a definition list at its start.
 */
const PLAIN = /^(?![:;])[\p{L}\p{M}\p{N}\s.,:;()%\u2013\u2014\u00b7/?!"«»“”„‘’]*$/u;

/** A web address MediaWiki may make an external link of; anything else stays text. */
const WEB_LINK = /^https?:\/\/[^\s]+$/i;

/**
 * A link target that wikitext cannot read anything into: every character outside a small safe set
 * is percent-encoded — { } [ ] | ' ~ < > _ " \ ^ ` and whitespace, anything not ASCII, and the &
 * of what looks like an entity (&amp; &#123;), which the wiki would decode. What stays (letters,
 * digits, - . : / ? # = & % , ; @ ! $ ( ) * +) forms no template, link, table, quote, signature,
 * magic word or tag. Encoding changes no address a server reads: `_` and `~` are unreserved and
 * mean the same encoded, the others are not valid raw in a URL anyway.
 */
export function wikiUrl(url: string): string {
	return url.replace(/[^A-Za-z0-9\-.:/?#=&%,;@!$()*+]|&(?=#?[A-Za-z0-9]+;)|%(?![0-9A-Fa-f]{2})/gu, (c) => {
		// encodeURIComponent leaves these three as they are.
		if (c === "'" || c === '~' || c === '_') return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
		try {
			return encodeURIComponent(c);
		} catch {
			return '%EF%BF%BD'; // a lone surrogate: the replacement character
		}
	});
}

/** An external link `[target label]`; the label is already wikitext (its text inside <nowiki>). */
export function wikiLink(url: string, label: string): string {
	return `[${wikiUrl(url)} ${label}]`;
}

function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A piece of text shown literally on a wiki page (single line: newlines become spaces). */
export function wikiText(s: string): string {
	const line = s.replace(/\s*\n\s*/g, ' ');
	if (line === '') return '';
	return PLAIN.test(line) ? line : `<nowiki>${escapeHtml(line)}</nowiki>`;
}

function inline(tokens: Token[] | undefined): string {
	let out = '';
	for (const token of tokens ?? []) {
		switch (token.type) {
			case 'strong':
				out += `'''${inline((token as Tokens.Strong).tokens)}'''`;
				break;
			case 'em':
				out += `''${inline((token as Tokens.Em).tokens)}''`;
				break;
			case 'del':
				out += `<s>${inline((token as Tokens.Del).tokens)}</s>`;
				break;
			case 'codespan':
				out += `<code>${wikiText((token as Tokens.Codespan).text) || ' '}</code>`;
				break;
			case 'br':
				out += '<br />';
				break;
			case 'link': {
				const link = token as Tokens.Link;
				const label = inline(link.tokens) || wikiText(link.href);
				// Only web links become links, their address percent-encoded; anything else stays text.
				out += WEB_LINK.test(link.href) ? wikiLink(link.href, label) : label;
				break;
			}
			case 'image':
				out += wikiText((token as Tokens.Image).text);
				break;
			case 'text': {
				const text = token as Tokens.Text;
				out += text.tokens ? inline(text.tokens) : wikiText(unescapeEntities(text.text));
				break;
			}
			case 'escape':
				out += wikiText((token as Tokens.Escape).text);
				break;
			default:
				// HTML written in a comment is shown as the text it is.
				out += wikiText((token as { raw: string }).raw);
		}
	}
	return out;
}

/** marked gives text with &amp; &lt; &gt; &quot; &#39; escaped; wikiText escapes again what needs it. */
function unescapeEntities(s: string): string {
	return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}

function block(tokens: Token[], listPrefix = ''): string[] {
	const lines: string[] = [];
	for (const token of tokens) {
		switch (token.type) {
			case 'paragraph':
			case 'heading':
				lines.push(token.type === 'heading' ? `'''${inline((token as Tokens.Heading).tokens)}'''` : inline((token as Tokens.Paragraph).tokens));
				lines.push('');
				break;
			case 'text': {
				const text = token as Tokens.Text;
				lines.push(text.tokens ? inline(text.tokens) : wikiText(text.text));
				break;
			}
			case 'list': {
				const list = token as Tokens.List;
				const marker = listPrefix + (list.ordered ? '#' : '*');
				for (const item of list.items) {
					const [first, ...rest] = block(item.tokens, marker).filter((l) => l !== '');
					lines.push(`${marker} ${first ?? ''}`);
					// Nested lists come back already prefixed; other lines continue the item.
					for (const line of rest) lines.push(line.startsWith(marker) ? line : `${marker}: ${line}`);
				}
				if (!listPrefix) lines.push('');
				break;
			}
			case 'blockquote':
				lines.push(`<blockquote>${block((token as Tokens.Blockquote).tokens).filter((l) => l !== '').join('<br />')}</blockquote>`);
				lines.push('');
				break;
			case 'code':
				lines.push(`<pre>${escapeHtml((token as Tokens.Code).text)}</pre>`);
				lines.push('');
				break;
			case 'hr':
				lines.push('----');
				break;
			case 'space':
				break;
			default:
				lines.push(wikiText((token as { raw: string }).raw));
		}
	}
	return lines;
}

/** Markdown as wikitext blocks (paragraphs separated by blank lines, lists with * and #). */
export function markdownToWikitext(markdown: string): string {
	return block(lexer(markdown))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Markdown as one line of wikitext, for a list item or a table cell: paragraphs and list items separated by line breaks. */
export function markdownToWikitextLine(markdown: string): string {
	return block(lexer(markdown))
		.filter((l) => l !== '')
		.map((l) => l.replace(/^[*#]+:? /, '\u2022 '))
		.join('<br />');
}
