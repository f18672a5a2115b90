import type { Inline, Reply } from './reply.js';

// Renderers for the reply document: plain text (console, Matrix body), HTML (Matrix
// formatted_body, everything escaped) and Markdown (Discord, special characters escaped).

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('code' in part) return part.code;
  // An address whose link only repeats it (mailto:x for x) is named once.
  const target = part.href.replace(/^(mailto|tel):/i, '');
  return target === part.link ? part.link : `${part.link} (${part.href})`;
}

/** Transports without buttons show follow-ups as commands to type. */
function actionLines(r: Reply): string[] {
  return (r.actions ?? []).map((a) => `→ ${a.label}: ${a.command}`);
}

export function toPlainText(r: Reply): string {
  const lines = r.lines.map((line) => line.map(inlineText).join(''));
  return [...(r.title ? [r.title] : []), ...lines, ...actionLines(r)].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('bold' in part) return `<strong>${escapeHtml(part.bold)}</strong>`;
  if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
  const safe = /^(https?:|mailto:|tel:)/i.test(part.href) ? part.href : '#';
  return `<a href="${escapeHtml(safe)}">${escapeHtml(part.link)}</a>`;
}

export function toHtml(r: Reply): string {
  const title = r.title ? `<strong>${escapeHtml(r.title)}</strong><br>` : '';
  const actions = actionLines(r)
    .map((a) => `<br>${escapeHtml(a)}`)
    .join('');
  return title + r.lines.map((line) => line.map(inlineHtml).join('')).join('<br>') + actions;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~|>#[\]()-])/g, '\\$1').replace(/@/g, '@\u200b');
}

function inlineMarkdown(part: Inline): string {
  if (typeof part === 'string') return escapeMarkdown(part);
  if ('bold' in part) return `**${escapeMarkdown(part.bold)}**`;
  if ('code' in part) return `\`${part.code.replace(/`/g, "'")}\``;
  return `[${escapeMarkdown(part.link)}](<${part.href.replace(/[<>]/g, '')}>)`;
}

export function toMarkdown(r: Reply): string {
  const title = r.title ? `**${escapeMarkdown(r.title)}**\n` : '';
  return title + r.lines.map((line) => line.map(inlineMarkdown).join('')).join('\n');
}
