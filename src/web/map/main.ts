import {
  GraphqlError,
  loadAnalytics,
  loadSuggestedEdges,
  loadDistricts,
  loadNetwork,
  findPath,
  searchActors,
  session,
  whoAmI,
} from './api.js';
import { showDetails } from './details.js';
import { download, toCsv, toGexf } from './exports.js';
import { GraphView } from './graph-view.js';
import { edgeName, kindName, texts } from './i18n.js';
import { listenForChanges } from './live.js';
import { EDGE_TYPES, KINDS, kindIcon, type EdgeType, type Kind } from './palette.js';
import { TableView } from './table-view.js';
import { readState, writeState, type SizeMeasure, type ViewState } from './view-state.js';
import { visibleData, type MapData, type Visible } from './visible.js';
import { signInThroughMatrix, widgetIdOf } from './widget.js';

// The network map page: wires the controls, the map, the table and the details panel to one
// view state that lives in the URL.

/** Above this many districts the whole network is shown with districts as nodes. */
const AGGREGATE_ABOVE_DISTRICTS = 40;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state: ViewState = readState(location.search);
let data: MapData = { nodes: [], edges: [], analytics: null };
let visible: Visible | null = null;
let districtNames = new Map<string, string>();
let searchHits = new Map<string, string>();
const t = () => texts(state.language);

const graph = new GraphView($('map'), (id) => void select(id));
const table = new TableView($<HTMLTableElement>('table'), (id) => void select(id));

function applyTexts(): void {
  document.documentElement.lang = state.language;
  document.title = t().title;
  document.querySelectorAll<HTMLElement>('[data-text]').forEach((el) => {
    const text = (t() as Record<string, unknown>)[el.dataset.text!];
    if (typeof text === 'string') el.textContent = text;
  });
  const language = $('language');
  language.textContent = t().language;
  language.lang = state.language === 'de' ? 'en' : 'de';
  checkboxes('kinds', KINDS, state.kinds, (k) => `${kindIcon(k)} ${kindName(state.language, k)}`);
  checkboxes('edge-types', EDGE_TYPES, state.edgeTypes, (e) => edgeName(state.language, e));
  $('legend').querySelector('ul')!.innerHTML = KINDS.map(
    (k) => `<li>${kindIcon(k)} ${kindName(state.language, k)}</li>`,
  ).join('');
}

function checkboxes<T extends string>(
  fieldsetId: string,
  values: readonly T[],
  checked: T[],
  label: (v: T) => string,
): void {
  const fieldset = $(fieldsetId);
  fieldset.querySelectorAll('label').forEach((l) => l.remove());
  for (const value of values) {
    const item = document.createElement('label');
    item.innerHTML = `<input type="checkbox" value="${value}" ${checked.includes(value) ? 'checked' : ''}> ${label(value)}`;
    fieldset.append(item);
  }
}

function syncControls(): void {
  ($('district') as HTMLSelectElement).value = state.district ?? '';
  ($('size') as HTMLSelectElement).value = state.size;
  ($('hops') as HTMLSelectElement).value = String(state.hops);
  ($('gaps') as HTMLInputElement).checked = state.highlights.gaps;
  ($('isolated') as HTMLInputElement).checked = state.highlights.isolated;
  ($('brokers') as HTMLInputElement).checked = state.highlights.brokers;
  ($('suggested') as HTMLInputElement).checked = state.highlights.suggested;
  ($('by-district') as HTMLInputElement).checked = state.byDistrict;
  ($('topic') as HTMLSelectElement).value = state.topic ?? '';
  ($('from') as HTMLInputElement).value = state.from ?? '';
  ($('to') as HTMLInputElement).value = state.to ?? '';
  $('show-map').setAttribute('aria-pressed', String(state.view === 'map'));
  $('show-table').setAttribute('aria-pressed', String(state.view === 'table'));
  $('map').hidden = state.view !== 'map';
  $('table-region').hidden = state.view !== 'table';
}

/** A chosen period shows what has ended too (with real dates); the present view only what holds. */
const periodChosen = (s: ViewState) => Boolean(s.from || s.to);

function update(change: Partial<ViewState>, reload = false): void {
  if (periodChosen({ ...state, ...change }) !== periodChosen(state)) reload = true;
  state = { ...state, ...change };
  history.replaceState(null, '', writeState(state));
  syncControls();
  if (reload) void load();
  else draw();
}

function draw(): void {
  visible = visibleData(data, state);
  graph.render(visible, state);
  table.render(visible, state.language, districtNames);
  const counts = graph.counts();
  const map = $('map');
  map.dataset.nodes = String(counts.nodes);
  map.dataset.edges = String(counts.edges);
  map.dataset.endedEdges = String(counts.endedEdges);
  map.dataset.suggestedEdges = String(counts.suggestedEdges);
  map.dataset.state = 'ready';
  $('status').textContent = t().shown(counts.nodes, counts.edges);
}

async function load(): Promise<void> {
  const map = $('map');
  map.dataset.state = 'loading';
  $('status').textContent = t().loading;
  try {
    const aggregate = state.district === null && districtNames.size > AGGREGATE_ABOVE_DISTRICTS;
    const [network, analytics, suggested] = await Promise.all([
      loadNetwork(state.district, aggregate, periodChosen(state)),
      aggregate ? null : loadAnalytics(state.district).catch(() => null),
      // Only the district coordination sees suggestions; for anyone else the switch shows none.
      state.highlights.suggested && state.district ? loadSuggestedEdges(state.district).catch(() => []) : [],
    ]);
    aggregated = aggregate;
    data = { ...network, analytics, suggested };
    fillTopics();
    draw();
  } catch (error) {
    map.dataset.state = 'failed';
    $('status').textContent = error instanceof GraphqlError ? `${t().loadFailed} ${error.message}` : t().loadFailed;
  }
}

let aggregated = false;

async function select(id: string): Promise<void> {
  // In the aggregated view a district stands for its actors: open it.
  if (aggregated && id.startsWith('district:'))
    return update({ district: id.slice('district:'.length), focus: null }, true);
  graph.select(id);
  const labels = new Map(data.nodes.map((n) => [n.id, n.label]));
  await showDetails($('details-body'), id, state.language, {
    node: data.nodes.find((n) => n.id === id) ?? null,
    edges: data.edges,
    labelOf: (other) => labels.get(other) ?? other,
  });
}

async function refreshSignIn(): Promise<void> {
  const { signedIn } = await whoAmI();
  if (!signedIn && session.token()) session.signOut();
  $('who').textContent = signedIn ? t().signedIn : t().anonymous;
  $('sign-out').hidden = !signedIn;
  $('token').hidden = signedIn;
  $('sign-in-button').hidden = signedIn;
  document.querySelector<HTMLLabelElement>('label[for="token"]')!.hidden = signedIn;
}

/** The topics of the loaded network, for the topic filter (the chosen one kept even if absent). */
function fillTopics(): void {
  const topics = data.nodes.filter((n) => n.type === 'Topic').sort((a, b) => a.label.localeCompare(b.label, 'de'));
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  $('topic').innerHTML =
    `<option value="">${escape(t().allTopics)}</option>` +
    topics.map((n) => `<option value="${escape(n.id)}">${escape(n.label)}</option>`).join('');
  ($('topic') as HTMLSelectElement).value = state.topic ?? '';
}

async function fillDistricts(): Promise<void> {
  const districts = await loadDistricts();
  districtNames = new Map(districts.map((d) => [d.ags, d.name]));
  const whole = districts.length > AGGREGATE_ABOVE_DISTRICTS ? t().wholeNetworkAggregated : t().wholeNetwork;
  $('district').innerHTML =
    `<option value="">${whole}</option>` + districts.map((d) => `<option value="${d.ags}">${d.name}</option>`).join('');
}

function actorId(input: HTMLInputElement): string | null {
  const value = input.value.trim();
  return searchHits.get(value) ?? data.nodes.find((n) => n.label.toLowerCase() === value.toLowerCase())?.id ?? null;
}

async function suggest(text: string): Promise<void> {
  if (text.trim().length < 2) return;
  const local = data.nodes
    .filter((n) => n.label.toLowerCase().includes(text.toLowerCase()))
    .slice(0, 10)
    .map((n) => ({ id: n.id, name: n.label }));
  const remote = await searchActors(text).catch(() => []);
  searchHits = new Map([...local, ...remote].map((hit) => [hit.name, hit.id]));
  $('search-results').innerHTML = [...searchHits.keys()]
    .map((name) => `<option value="${name.replace(/"/g, '&quot;')}"></option>`)
    .join('');
}

function wireControls(): void {
  $('district').addEventListener('change', (e) =>
    update({ district: (e.target as HTMLSelectElement).value || null, focus: null }, true),
  );
  $('size').addEventListener('change', (e) => update({ size: (e.target as HTMLSelectElement).value as SizeMeasure }));
  $('hops').addEventListener('change', (e) => update({ hops: (e.target as HTMLSelectElement).value === '2' ? 2 : 1 }));
  $('kinds').addEventListener('change', () => update({ kinds: checked<Kind>('kinds') }));
  $('edge-types').addEventListener('change', () => update({ edgeTypes: checked<EdgeType>('edge-types') }));
  for (const key of ['gaps', 'isolated', 'brokers', 'suggested'] as const) {
    $(key).addEventListener('change', (e) =>
      update(
        { highlights: { ...state.highlights, [key]: (e.target as HTMLInputElement).checked } },
        key === 'suggested',
      ),
    );
  }
  $('by-district').addEventListener('change', (e) => update({ byDistrict: (e.target as HTMLInputElement).checked }));
  $('topic').addEventListener('change', (e) => update({ topic: (e.target as HTMLSelectElement).value || null }));
  for (const key of ['from', 'to'] as const)
    $(key).addEventListener('change', (e) => update({ [key]: (e.target as HTMLInputElement).value || null }));
  $('show-map').addEventListener('click', () => {
    update({ view: 'map' });
    graph.resize();
  });
  $('show-table').addEventListener('click', () => update({ view: 'table' }));
  $('clear-focus').addEventListener('click', () => update({ focus: null }));
  $('search').addEventListener('input', (e) => void suggest((e.target as HTMLInputElement).value));
  for (const id of ['path-from', 'path-to'])
    $(id).addEventListener('input', (e) => void suggest((e.target as HTMLInputElement).value));
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = actorId($('search') as HTMLInputElement);
    if (!id) return void ($('status').textContent = t().searchNone);
    update({ focus: id });
    void select(id);
  });
  $('path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const [from, to] = [actorId($('path-from') as HTMLInputElement), actorId($('path-to') as HTMLInputElement)];
    if (!from || !to) return void ($('status').textContent = t().searchNone);
    void findPath(from, to)
      .then((ids) => {
        graph.showPath(ids);
        $('status').textContent = ids.length ? t().pathFound(ids.length) : t().noPath;
      })
      .catch((error: Error) => ($('status').textContent = error.message));
  });
  $('export-png').addEventListener(
    'click',
    () =>
      void fetch(graph.png())
        .then((r) => r.blob())
        .then((blob) => download('netzwerk.png', blob)),
  );
  $('export-gexf').addEventListener(
    'click',
    () => visible && download('netzwerk.gexf', toGexf(visible), 'application/gexf+xml'),
  );
  $('export-csv').addEventListener('click', () => visible && download('netzwerk.csv', toCsv(visible), 'text/csv'));
  $('copy-link').addEventListener('click', () => {
    void navigator.clipboard?.writeText(location.href).catch(() => undefined);
    $('status').textContent = t().linkCopied;
  });
  $('language').addEventListener('click', () => {
    state = { ...state, language: state.language === 'de' ? 'en' : 'de' };
    history.replaceState(null, '', writeState(state));
    applyTexts();
    fillTopics();
    void Promise.all([fillDistricts(), refreshSignIn()]).then(() => {
      syncControls();
      draw();
    });
  });
  $('sign-in').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('token') as HTMLInputElement;
    session.signIn(input.value.trim());
    input.value = '';
    void refreshSignIn().then(() => {
      if (!session.token()) $('status').textContent = t().signInFailed;
      restartLive();
      return load();
    });
  });
  $('sign-out').addEventListener('click', () => {
    session.signOut();
    restartLive();
    void refreshSignIn().then(load);
  });
}

function checked<T extends string>(fieldsetId: string): T[] {
  return [...$(fieldsetId).querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value as T);
}

async function start(): Promise<void> {
  applyTexts();
  wireControls();
  const widgetId = widgetIdOf(location.search);
  if (widgetId) {
    const token = await signInThroughMatrix(widgetId);
    if (token) session.signIn(token);
  }
  await Promise.all([fillDistricts(), refreshSignIn()]);
  syncControls();
  await load();
  if (state.focus) void select(state.focus);
  restartLive();
}

let stopLive: (() => void) | null = null;
let pendingReload: ReturnType<typeof setTimeout> | undefined;

/** Changes stream to signed-in viewers only: a change names the people it touched. */
function restartLive(): void {
  stopLive?.();
  stopLive = session.token()
    ? listenForChanges(() => {
        clearTimeout(pendingReload);
        pendingReload = setTimeout(
          () => void load().then(() => ($('status').textContent = `${t().live} ${$('status').textContent}`)),
          300,
        );
      })
    : null;
}

// For automation (and the browser tests): where an actor is drawn, to click it like a person would.
(window as unknown as { hubMap: object }).hubMap = {
  positionOf: (id: string) => graph.renderedPosition(id),
  drawnAs: (id: string) => graph.drawnAs(id),
};

void start();
