import type { ServerResponse } from 'node:http';
import type { Language } from '../domain/errors.js';

// Small server-rendered pages (mail links, printable minutes): no scripts, everything escaped,
// a strict CSP, readable on a phone and on paper.

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
button{font-size:1rem;padding:.5rem 1rem}h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #999}
@media print{body{margin:0;max-width:none;font-size:11pt}button,form,.no-print{display:none}a{color:inherit;text-decoration:none}}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Sends a whole page; `body` is HTML the caller escaped. */
export function sendPage(res: ServerResponse, status: number, language: Language, title: string, body: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
    })
    .end(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    );
}
