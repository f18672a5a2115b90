import { loadDetails, type MapEdge, type MapNode } from './api.js';
import { kindName, projectStatusName, texts, type Language } from './i18n.js';
import type { Kind } from './palette.js';
import { escapeHtml } from './table-view.js';

// The details of one actor: only what the API lets this viewer see, so nothing private leaks here.

/** A day as the reader writes it: 31.01.2027 in German, 2027-01-31 in English. */
const dayOf = (day: string, language: Language) => (language === 'de' ? day.split('-').reverse().join('.') : day);

/**
 * What the map knows of the actor beside its record: when it began and ended, and its ended
 * links with their dates (in a chosen period, where ended ones are drawn dashed).
 */
export interface MapFacts {
  node: MapNode | null;
  edges: MapEdge[];
  labelOf: (id: string) => string;
}

export async function showDetails(panel: HTMLElement, id: string, language: Language, facts?: MapFacts): Promise<void> {
  const t = texts(language);
  const details = await loadDetails(id, language).catch(() => null);
  const node = facts?.node ?? null;
  if (!details && !node) {
    panel.innerHTML = `<p>${escapeHtml(t.detailsHint)}</p>`;
    return;
  }
  const rows: [string, string][] = [[t.type, kindName(language, (details?.__typename ?? node!.type) as Kind)]];
  if (node?.since) rows.push([t.since, dayOf(node.since, language)]);
  if (node?.until) rows.push([t.ended, dayOf(node.until, language)]);
  const ended = (facts?.edges ?? []).filter((e) => e.until && (e.source === id || e.target === id));
  if (ended.length)
    rows.push([
      t.endedLinks,
      ended
        .map((e) => {
          const other = facts!.labelOf(e.source === id ? e.target : e.source);
          const from = e.since ? `${dayOf(e.since, language)} – ` : '';
          return `${other} (${from}${dayOf(e.until!, language)})`;
        })
        .join('; '),
    ]);
  if (!details) {
    panel.innerHTML =
      `<h2 id="details-title">${escapeHtml(node!.label)}</h2><dl>` +
      rows
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd data-field="${escapeHtml(k)}">${escapeHtml(v)}</dd>`)
        .join('') +
      '</dl>';
    panel.dataset.actor = id;
    return;
  }
  if ('district' in details && details.district) rows.push([t.districtColumn, details.district.name]);
  if ('roles' in details && details.roles.length) rows.push([t.roles, details.roles.map((r) => r.label).join(', ')]);
  if ('status' in details) rows.push([t.projectStatus, projectStatusName(language, details.status)]);
  if ('aims' in details && details.aims) rows.push([t.projectAims, details.aims]);
  if (details.__typename === 'Person') {
    const channels = details.channels;
    rows.push([
      t.contact,
      channels.length ? channels.map((c) => `${c.channel.toLowerCase()}: ${c.value}`).join('; ') : t.noContact,
    ]);
  }
  panel.innerHTML =
    `<h2 id="details-title">${escapeHtml(details.name)}</h2><dl>` +
    rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd data-field="${escapeHtml(k)}">${escapeHtml(v)}</dd>`).join('') +
    '</dl>';
  panel.dataset.actor = id;
}
