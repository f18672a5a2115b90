import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Articles are Markdown written by people: rendered without raw HTML (markdown-it shows it as
// text), then cleaned once more (sanitize-html: known tags only, links only to http, https and
// mailto, opening elsewhere without access to the page).

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'p',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'a',
    'code',
    'pre',
    'blockquote',
    'hr',
    'br',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    's',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
    // The page has its own h1 (the title): the article's headings start one level below.
    h1: 'h2',
  },
};

/** The article's Markdown as HTML safe to put into a page. */
export function articleHtml(text: string): string {
  return sanitizeHtml(markdown.render(text), ALLOWED);
}

/** The article as plain text (for a chat message or an e-mail), at most `max` characters. */
export function articlePlainText(text: string, max = Infinity): string {
  const plain = sanitizeHtml(markdown.render(text), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}
