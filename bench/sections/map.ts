import type { AddressInfo } from 'node:net';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices } from '../../src/services/hub-services.js';
import { createHubServer } from '../../src/server/http.js';
import { createHubYoga } from '../../src/server/yoga.js';
import { launchChromium } from '../../test/support/browser.js';
import { round, summarize, type Timing } from '../measure.js';

// The map in Chromium: time from navigation to the first drawn network, and frames per second
// while zooming, for a district, a state and the aggregated whole.

export interface MapRow {
  view: string;
  nodes: number;
  edges: number;
  firstDraw: Timing;
  framesPerSecond: number;
}

export async function benchMap(
  store: GraphStore,
  views: { label: string; search: string }[],
  runs: number,
): Promise<MapRow[]> {
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  await services.network.graph();
  const server = createHubServer(createHubYoga(services, { graphiql: false, rateLimitPerMinute: 1_000_000 }), {
    maxBodyBytes: 100_000,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const rows: MapRow[] = [];
  try {
    for (const view of views) {
      const samples: number[] = [];
      let counts = { nodes: 0, edges: 0, fps: 0 };
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const started = performance.now();
        await page.goto(`${base}/${view.search}`);
        await page.waitForSelector('#map[data-state="ready"]', { state: 'attached', timeout: 120_000 });
        samples.push(performance.now() - started);
        if (i === runs - 1) {
          const box = (await page.locator('#map').boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          // A string, not a function: the bundler's helpers do not exist in the page.
          const frames = page.evaluate<number>(`new Promise((resolve) => {
            let n = 0;
            const end = performance.now() + 2000;
            function tick() { if (performance.now() < end) { n++; requestAnimationFrame(tick); } else resolve(n / 2); }
            requestAnimationFrame(tick);
          })`);
          for (let k = 0; k < 20; k++) {
            await page.mouse.wheel(0, k % 2 ? 120 : -120);
            await page.waitForTimeout(90);
          }
          counts = {
            nodes: Number(await page.getAttribute('#map', 'data-nodes')),
            edges: Number(await page.getAttribute('#map', 'data-edges')),
            fps: round(await frames, 1),
          };
        }
        await page.close();
      }
      rows.push({
        view: view.label,
        nodes: counts.nodes,
        edges: counts.edges,
        firstDraw: summarize(samples),
        framesPerSecond: counts.fps,
      });
      console.log(
        `  map ${view.label}: ${counts.nodes} nodes, first draw ${summarize(samples).medianMs} ms, ${counts.fps} fps`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}
