import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { createServices } from '../src/services/hub-services.js';

// Child of the embedded benchmark: opens a store file as the hub does at start, builds the
// collaboration graph (what the hub warms at start) and reports times and memory as JSON.

const started = performance.now();
const store = EmbeddedStore.open(process.argv[2]!);
const openMs = performance.now() - started;
const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
const readStarted = performance.now();
await services.network.graph();
const firstReadMs = performance.now() - readStarted;
const rssMb = process.memoryUsage().rss / 1e6;
await store.close();
console.log(
  JSON.stringify({ openMs: Math.round(openMs), firstReadMs: Math.round(firstReadMs), rssMb: Math.round(rssMb) }),
);
