import { loadDetails } from './api.js';
import { kindName, projectStatusName, texts, type Language } from './i18n.js';
import type { Kind } from './palette.js';
import { escapeHtml } from './table-view.js';

// The details of one actor: only what the API lets this viewer see, so nothing private leaks here.

export async function showDetails(panel: HTMLElement, id: string, language: Language): Promise<void> {
  const t = texts(language);
  const details = await loadDetails(id).catch(() => null);
  if (!details) {
    panel.innerHTML = `<p>${escapeHtml(t.detailsHint)}</p>`;
    return;
  }
  const rows: [string, string][] = [[t.type, kindName(language, details.__typename as Kind)]];
  if (details.district) rows.push([t.districtColumn, details.district.name]);
  if (details.roles?.length) rows.push([t.roles, details.roles.map((r) => r.role).join(', ')]);
  if (details.status) rows.push([t.projectStatus, projectStatusName(language, details.status)]);
  if (details.aims) rows.push([t.projectAims, details.aims]);
  if (details.__typename === 'Person') {
    const channels = details.channels ?? [];
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
