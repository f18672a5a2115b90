import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { firstLine, npmRun, npmStart, ROOT } from '../support/npm-start.js';

// The network map in a real Chromium, against the hub started as `npm start` starts it.

const MEISSEN = '14627';

interface ApiNetwork {
  nodes: { id: string; label: string; type: string }[];
  edges: { source: string; target: string }[];
}

let hub: ChildProcess;
let base: string;
let browser: Browser;
let adminToken: string;

async function api<T>(query: string, token?: string): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function openMap(search: string, token?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  (page as Page & { problems: string[] }).problems = problems;
  if (token) await page.addInitScript((t) => sessionStorage.setItem('hub-token', t), token);
  await page.goto(`${base}/${search}`);
  await page.waitForSelector('#map[data-state="ready"]', { state: 'attached', timeout: 30_000 });
  return page;
}

const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;
const count = async (page: Page, what: 'nodes' | 'edges') => Number(await page.getAttribute('#map', `data-${what}`));

beforeAll(async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-map-'));
  hub = npmStart({ PORT: String(port), HUB_DATA_DIR: dataDir });
  await firstLine(hub.stdout!, /Integration hub on the embedded store/);
  base = `http://127.0.0.1:${port}`;
  const created = await npmRun(
    'token',
    ['create', '--person', 'person:demo-admin', '--access', 'ADMIN', '--label', 'map test'],
    { HUB_DATA_DIR: dataDir },
  );
  adminToken = created.trim().split('\n').at(-1)!;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  hub?.kill('SIGTERM');
});

describe('the network map', () => {
  it('draws the district the API returns, node for node, and keeps a screenshot', async () => {
    const { network } = await api<{ network: ApiNetwork }>(
      `{ network(districtAgs: "${MEISSEN}") { nodes { id label type } edges { source target } } }`,
    );
    const page = await openMap(`?district=${MEISSEN}`);
    expect(await count(page, 'nodes')).toBe(network.nodes.length);
    expect(await count(page, 'edges')).toBe(network.edges.length);
    expect(network.nodes.length).toBeGreaterThan(10);
    expect(await page.textContent('#status')).toBe(
      `${network.nodes.length} Akteure und ${network.edges.length} Verbindungen angezeigt.`,
    );
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-artifacts', 'map-district-meissen.png') });
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('filters by actor type on the map and in the table alike', async () => {
    const page = await openMap(`?district=${MEISSEN}`);
    const before = await count(page, 'nodes');
    await page.getByRole('checkbox', { name: 'Person' }).uncheck();
    const { network } = await api<{ network: ApiNetwork }>(
      `{ network(districtAgs: "${MEISSEN}", types: [District, Municipality, Alliance, Institution, Project]) { nodes { id label type } edges { source target } } }`,
    );
    await expect.poll(() => count(page, 'nodes')).toBe(network.nodes.length);
    expect(network.nodes.length).toBeLessThan(before);
    expect(await count(page, 'edges')).toBe(network.edges.length);
    expect(page.url()).toContain('types=District%2CMunicipality%2CAlliance%2CInstitution%2CProject');

    await page.getByRole('button', { name: 'Tabelle' }).click();
    const names = await page.locator('#table tbody th button.actor').allTextContents();
    expect(names.sort()).toEqual(network.nodes.map((n) => n.label).sort());
    await page.close();
  });

  it('shows details on a click, and hides from an anonymous viewer what only members may see', async () => {
    const kik = 'person:demo-14627-kik-1';
    const { node } = await api<{ node: { name: string; channels: { value: string; visibility: string }[] } }>(
      `{ node(id: "${kik}") { ... on Person { name channels { value visibility } } } }`,
      adminToken,
    );
    const memberOnly = node.channels.filter((c) => c.visibility !== 'PUBLIC').map((c) => c.value);
    expect(memberOnly.length).toBeGreaterThan(0);

    const anonymous = await openMap(`?district=${MEISSEN}`);
    const at = await anonymous.evaluate(
      (id) =>
        (
          window as unknown as { hubMap: { positionOf(id: string): { x: number; y: number } | null } }
        ).hubMap.positionOf(id),
      kik,
    );
    const box = (await anonymous.locator('#map').boundingBox())!;
    await anonymous.mouse.click(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => anonymous.textContent('#details-title')).toBe(node.name);
    const panel = (await anonymous.textContent('#details-body'))!;
    for (const value of memberOnly) expect(panel).not.toContain(value);
    // Roles read as words from the one table of role labels, not as code names (issue 35).
    expect(panel).toContain('Kommunale Integrationskoordination');
    expect(panel).not.toMatch(/\bKIK\b(?!\))|VOLUNTEER|KOORDINATIONSKRAFT/);
    await anonymous.close();

    const member = await openMap(`?district=${MEISSEN}&focus=${encodeURIComponent(kik)}`, adminToken);
    await expect.poll(() => member.textContent('#details-title')).toBe(node.name);
    const full = (await member.textContent('#details-body'))!;
    for (const value of memberOnly) expect(full).toContain(value);
    await member.close();
  });

  it('draws the projects of the district in a colour and shape of their own, with status and aims on a click (issue 18)', async () => {
    const { network } = await api<{ network: ApiNetwork }>(
      `{ network(districtAgs: "${MEISSEN}") { nodes { id label type } edges { source target } } }`,
    );
    const projects = network.nodes.filter((n) => n.type === 'Project');
    expect(projects.map((p) => p.id).sort()).toEqual(['project:demo-14627-1', 'project:demo-14627-2']);
    const page = await openMap(`?district=${MEISSEN}`);
    type MapHandle = { hubMap: { drawnAs(id: string): { shape: string; colour: string } | null } };
    const looks = await page.evaluate(
      (ids) => ids.map((id) => (window as unknown as MapHandle).hubMap.drawnAs(id)),
      network.nodes.map((n) => n.id),
    );
    const projectLook = looks[network.nodes.findIndex((n) => n.type === 'Project')]!;
    expect(projectLook).toEqual({ shape: 'pentagon', colour: 'rgb(136,34,85)' });
    network.nodes.forEach((n, i) => {
      if (n.type !== 'Project') expect(looks[i], n.id).not.toEqual(projectLook);
    });
    expect(await page.locator('#legend li', { hasText: 'Projekt' }).count()).toBe(1);

    const at = await page.evaluate(
      (id) =>
        (
          window as unknown as { hubMap: { positionOf(id: string): { x: number; y: number } | null } }
        ).hubMap.positionOf(id),
      'project:demo-14627-1',
    );
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => page.textContent('#details-title')).toBe('Wohnungsbörse mit Begleitung Meißen (Demo)');
    const panel = (await page.textContent('#details-body'))!;
    expect(panel).toContain('Projekt');
    expect(panel).toContain('läuft');
    expect(panel).toContain('Vermieter und Wohnungssuchende zusammenbringen');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('restores a shared view from its URL, in English on request', async () => {
    const page = await openMap(`?district=${MEISSEN}&types=District,Municipality&lang=en&view=table`);
    const { network } = await api<{ network: ApiNetwork }>(
      `{ network(districtAgs: "${MEISSEN}", types: [District, Municipality]) { nodes { id label type } edges { source target } } }`,
    );
    expect(await count(page, 'nodes')).toBe(network.nodes.length);
    expect(await page.textContent('h1')).toBe('Integration network map');
    expect(await page.locator('#table-region').isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Person' }).isChecked()).toBe(false);
    await page.close();
  });

  it('filters by topic and by the period of collaboration, on the map and in the table', async () => {
    type Dated = {
      nodes: ApiNetwork['nodes'];
      edges: { source: string; target: string; type: string; since: string | null; lastActive: string | null }[];
    };
    const { network } = await api<{ network: Dated }>(
      `{ network(districtAgs: "${MEISSEN}", withTopics: true) { nodes { id label type } edges { source target type since lastActive } } }`,
    );
    const shownKinds = ['District', 'Municipality', 'Person', 'Alliance', 'Institution'];
    const neighbours = (id: string) =>
      new Set(network.edges.flatMap((e) => (e.source === id ? [e.target] : e.target === id ? [e.source] : [])));
    const topics = network.nodes
      .filter((n) => n.type === 'Topic')
      .sort((a, b) => neighbours(b.id).size - neighbours(a.id).size);
    const topic = topics[0]!;
    const onTopic = network.nodes.filter((n) => shownKinds.includes(n.type) && neighbours(topic.id).has(n.id));
    const onTopicIds = new Set(onTopic.map((n) => n.id));
    expect(onTopic.length).toBeGreaterThan(1);
    expect(onTopic.some((n) => n.type === 'Alliance')).toBe(true);

    const page = await openMap(`?district=${MEISSEN}`);
    await page.selectOption('#topic', topic.id);
    await expect.poll(() => count(page, 'nodes')).toBe(onTopic.length);
    expect(await count(page, 'edges')).toBe(
      network.edges.filter((e) => onTopicIds.has(e.source) && onTopicIds.has(e.target)).length,
    );
    expect(page.url()).toContain(`topic=${encodeURIComponent(topic.id)}`);
    await page.getByRole('button', { name: 'Tabelle' }).click();
    expect((await page.locator('#table tbody th button.actor').allTextContents()).sort()).toEqual(
      onTopic.map((n) => n.label).sort(),
    );
    await page.close();

    // 2018: links begun by then and still running (undated roles and memberships are no dated collaboration).
    const inWindow = network.edges.filter((e) => {
      const ends = [e.since ?? e.lastActive, e.lastActive ?? e.since];
      const kinds = new Map(network.nodes.map((n) => [n.id, n.type]));
      return (
        ends[0] &&
        ends[0] <= '2018-12-31' &&
        ends[1]! >= '2018-01-01' &&
        shownKinds.includes(kinds.get(e.source)!) &&
        shownKinds.includes(kinds.get(e.target)!)
      );
    });
    expect(inWindow.length).toBeGreaterThan(0);
    const windowed = await openMap(`?district=${MEISSEN}&from=2018-01-01&to=2018-12-31`);
    expect(await count(windowed, 'edges')).toBe(inWindow.length);
    expect(await count(windowed, 'nodes')).toBe(new Set(inWindow.flatMap((e) => [e.source, e.target])).size);
    expect(await windowed.inputValue('#from')).toBe('2018-01-01');
    await windowed.fill('#to', '2015-12-31');
    await windowed.locator('#to').dispatchEvent('change');
    await expect.poll(() => count(windowed, 'edges')).toBe(0);
    expect(problemsOf(windowed)).toEqual([]);
    await windowed.close();
  });

  it('shows a new link without a reload', async () => {
    const page = await openMap(`?district=${MEISSEN}`, adminToken);
    const before = await count(page, 'edges');
    await api(
      'mutation { addLink(input: { type: COOPERATES_WITH, fromId: "alliance:demo-14627-2", toId: "institution:demo-14627-hospital" }) { __typename } }',
      adminToken,
    );
    await expect.poll(() => count(page, 'edges'), { timeout: 15_000 }).toBe(before + 1);
    await page.close();
  });

  it('finds the shortest path between two actors and exports the view as CSV and GEXF', async () => {
    const page = await openMap(`?district=${MEISSEN}`, adminToken);
    const { path } = await api<{ path: { id: string }[] }>(
      '{ path(from: "institution:demo-14627-jobcenter", to: "municipality:14627-moritzburg") { id } }',
      adminToken,
    );
    await page.getByLabel('Weg von').fill('Jobcenter Meißen');
    await page.getByLabel('nach', { exact: true }).fill('Moritzburg');
    await page.getByRole('button', { name: 'Kürzesten Weg finden' }).click();
    await expect.poll(() => page.textContent('#status')).toBe(`Weg über ${path.length} Akteure hervorgehoben.`);

    expect(path.length).toBeGreaterThan(2);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als CSV' }).click(),
    ]);
    const rows = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('source_id,source,target_id,target,type,weight');
    expect(rows).toHaveLength((await count(page, 'edges')) + 1);
    const [gexf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als GEXF (Gephi)' }).click(),
    ]);
    const xml = readFileSync((await gexf.path())!, 'utf8');
    expect(xml.match(/<node /g)).toHaveLength(await count(page, 'nodes'));
    expect(xml).toContain('label="Jobcenter Meißen"');
    await page.close();
  });

  it('reaches every control by keyboard', async () => {
    const page = await openMap(`?district=${MEISSEN}`);
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, a[href]')]
        .filter((el) => !el.closest('[hidden]') && !(el as HTMLInputElement).hidden)
        .map((el) => el.id || el.textContent!.trim() || (el as HTMLInputElement).value),
    );
    const reached = new Set<string>();
    for (let i = 0; i < controls.length + 10; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return el.id || el.textContent!.trim() || (el as HTMLInputElement).value;
        }),
      );
    }
    expect(controls.filter((c) => !reached.has(c))).toEqual([]);
    await page.close();
  });

  it('passes an automated WCAG 2.1 AA scan on the map and on the table', async () => {
    const page = await openMap(`?district=${MEISSEN}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tabelle' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('no longer draws an ended collaboration in the present view, and draws it with its real dates in a period before its end (issue 15)', async () => {
    type Dated = {
      nodes: ApiNetwork['nodes'];
      edges: { source: string; target: string; since: string | null; lastActive: string | null }[];
    };
    const { node } = await api<{
      node: { links: { id: string; type: string; since: string | null; from: { id: string }; to: { id: string } }[] };
    }>(
      '{ node(id: "alliance:demo-14627-1") { ... on Alliance { links { id type since from { id } to { id } } } } }',
      adminToken,
    );
    const link = node.links.find((l) => l.type === 'COOPERATES_WITH' && l.since === '2019-05-01')!;
    const ends = [link.from.id, link.to.id].sort().join();
    const joins = (e: { source: string; target: string }) => [e.source, e.target].sort().join() === ends;
    const page = await openMap(`?district=${MEISSEN}`, adminToken);
    const before = await count(page, 'edges');
    await api(`mutation { endLink(input: { linkId: "${link.id}", until: "2021-01-01" }) { __typename } }`, adminToken);
    await expect.poll(() => count(page, 'edges'), { timeout: 15_000 }).toBe(before - 1);
    await page.close();

    const present = await api<{ network: Dated }>(
      `{ network(districtAgs: "${MEISSEN}") { nodes { id label type } edges { source target since lastActive } } }`,
    );
    expect(present.network.edges.some(joins)).toBe(false);
    const all = await api<{ network: Dated }>(
      `{ network(districtAgs: "${MEISSEN}", withEnded: true, withTopics: true) { nodes { id label type } edges { source target since lastActive } } }`,
    );
    expect(all.network.edges.find(joins)).toMatchObject({ since: '2019-05-01', lastActive: '2020-12-31' });
    const kinds = new Map(all.network.nodes.map((n) => [n.id, n.type]));
    const shown = ['District', 'Municipality', 'Person', 'Alliance', 'Institution'];
    const within = (from: string, to: string) =>
      all.network.edges.filter((e) => {
        const [first, last] = [e.since ?? e.lastActive, e.lastActive ?? e.since];
        return (
          first &&
          first <= to &&
          last! >= from &&
          shown.includes(kinds.get(e.source)!) &&
          shown.includes(kinds.get(e.target)!)
        );
      });
    const inWindow = within('2020-01-01', '2020-06-30');
    expect(inWindow.some(joins)).toBe(true);
    const windowed = await openMap(`?district=${MEISSEN}&from=2020-01-01&to=2020-06-30`);
    expect(await count(windowed, 'edges')).toBe(inWindow.length);
    await windowed.fill('#from', '2021-02-01');
    await windowed.locator('#from').dispatchEvent('change');
    await windowed.fill('#to', '2021-12-31');
    await windowed.locator('#to').dispatchEvent('change');
    const after = within('2021-02-01', '2021-12-31');
    expect(after.some(joins)).toBe(false);
    await expect.poll(() => count(windowed, 'edges')).toBe(after.length);
    expect(problemsOf(windowed)).toEqual([]);
    await windowed.close();

    // Issue 34: ended ones carry their end; in a period reaching past it they are drawn dashed, and
    // the details panel names them with their dates. No edge is active before it began.
    const dated = await api<{
      network: {
        edges: {
          source: string;
          target: string;
          since: string | null;
          lastActive: string | null;
          until: string | null;
        }[];
      };
    }>(
      `{ network(districtAgs: "${MEISSEN}", withEnded: true) { edges { source target since lastActive until } } }`,
      adminToken,
    );
    expect(dated.network.edges.find(joins)).toMatchObject({ since: '2019-05-01', until: '2021-01-01' });
    expect(dated.network.edges.filter((e) => e.since && e.lastActive && e.lastActive < e.since)).toEqual([]);
    const spanning = await openMap(
      `?district=${MEISSEN}&from=2020-06-01&to=2021-06-30&focus=alliance:demo-14627-1`,
      adminToken,
    );
    expect(Number(await spanning.getAttribute('#map', 'data-ended-edges'))).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => spanning.textContent('#details-body'), { timeout: 10_000 })
      .toMatch(/Beendete Verbindungen.*\(01\.05\.2019 – 01\.01\.2021\)/);
    expect(problemsOf(spanning)).toEqual([]);
    const before2021 = await openMap(`?district=${MEISSEN}&from=2020-01-01&to=2020-06-30`, adminToken);
    expect(Number(await before2021.getAttribute('#map', 'data-ended-edges'))).toBe(0);
    await before2021.close();
    await spanning.close();
  });

  it('draws suggested connections dashed when switched on, and none for whoever may not see them (issue 38)', async () => {
    await api(
      `mutation { addAlliance(input: { name: "Kartenbündnis ohne Kontakt", districtAgs: "${MEISSEN}" }) { __typename } }`,
      adminToken,
    );
    const page = await openMap(`?district=${MEISSEN}`, adminToken);
    expect(Number(await page.getAttribute('#map', 'data-suggested-edges'))).toBe(0);
    const edges = await count(page, 'edges');
    await page.check('#suggested');
    await expect
      .poll(async () => Number(await page.getAttribute('#map', 'data-suggested-edges')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // The collaboration links are still all there; the suggestions come on top, and the address keeps the switch.
    expect(await count(page, 'edges')).toBe(edges);
    expect(new URL(page.url()).searchParams.get('suggested')).toBe('1');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
    const anonymous = await openMap(`?district=${MEISSEN}&suggested=1`);
    expect(Number(await anonymous.getAttribute('#map', 'data-suggested-edges'))).toBe(0);
    await anonymous.close();
  });
});
