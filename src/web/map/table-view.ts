import { kindName, texts, type Language } from './i18n.js';
import { kindIcon } from './palette.js';
import type { Visible } from './visible.js';

// The same actors as the map, as a sortable table: the way in for keyboards and screen readers.

type Column = 'name' | 'type' | 'district' | 'links' | 'betweenness';

export class TableView {
  private sortColumn: Column = 'name';
  private ascending = true;
  private last: { visible: Visible; language: Language; districtNames: Map<string, string> } | null = null;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly onSelect: (id: string) => void,
  ) {}

  render(visible: Visible, language: Language, districtNames: Map<string, string>): void {
    this.last = { visible, language, districtNames };
    const t = texts(language);
    const columns: [Column, string][] = [
      ['name', t.name],
      ['type', t.type],
      ['district', t.districtColumn],
      ['links', t.links],
      ['betweenness', t.betweenness],
    ];
    const rows = visible.nodes.map((n) => ({
      node: n,
      name: n.label,
      type: kindName(language, n.type),
      district: n.districtAgs ? (districtNames.get(n.districtAgs) ?? n.districtAgs) : '',
      links: visible.degree.get(n.id) ?? 0,
      betweenness: Math.round((visible.betweenness.get(n.id) ?? 0) * 1000) / 1000,
    }));
    const column = this.sortColumn;
    rows.sort((a, b) => {
      const order =
        typeof a[column] === 'number'
          ? (a[column] as number) - (b[column] as number)
          : String(a[column]).localeCompare(String(b[column]), language);
      return this.ascending ? order : -order;
    });
    const head = columns
      .map(([key, label]) => {
        const sort = key === column ? (this.ascending ? 'ascending' : 'descending') : 'none';
        return `<th scope="col" aria-sort="${sort}"><button type="button" data-sort="${key}" aria-label="${escapeHtml(t.sortBy(label))}">${escapeHtml(label)}</button></th>`;
      })
      .join('');
    const marks = (id: string) =>
      [
        visible.gaps.has(id) ? t.gapMark : '',
        visible.isolated.has(id) ? t.isolatedMark : '',
        visible.brokers.has(id) ? t.brokerMark : '',
      ]
        .filter(Boolean)
        .map((m) => ` <span class="mark">(${escapeHtml(m)})</span>`)
        .join('');
    const body = rows
      .map(
        (r) =>
          `<tr><th scope="row"><button type="button" class="actor" data-id="${escapeHtml(r.node.id)}">${escapeHtml(r.name)}</button>${marks(r.node.id)}</th>` +
          `<td>${kindIcon(r.node.type)} ${escapeHtml(r.type)}</td><td>${escapeHtml(r.district)}</td><td>${r.links}</td><td>${r.betweenness}</td></tr>`,
      )
      .join('');
    this.table.innerHTML = `<caption>${escapeHtml(t.tableCaption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
    this.table.querySelectorAll<HTMLButtonElement>('button[data-sort]').forEach((button) =>
      button.addEventListener('click', () => {
        const key = button.dataset.sort as Column;
        this.ascending = key === this.sortColumn ? !this.ascending : true;
        this.sortColumn = key;
        if (this.last) this.render(this.last.visible, this.last.language, this.last.districtNames);
        this.table.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)?.focus();
      }),
    );
    this.table
      .querySelectorAll<HTMLButtonElement>('button.actor')
      .forEach((button) => button.addEventListener('click', () => this.onSelect(button.dataset.id!)));
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
