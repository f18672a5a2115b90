import { loadConfig } from '../../src/config.js';
import { openStore } from '../open-store.js';
import { runCli } from './cli-support.js';

// `npm run refresh`: tells running hubs to reload what they keep in memory, after the network
// was changed by hand (Cypher in the Neo4j Browser). It moves the store's change counter; each
// hub notices within HUB_STORE_CHECK_SECONDS.

await runCli(async () => {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await store.writes.bumpChangeSequence();
    console.log(`Running hubs on the ${store.name} store reload within ${config.storeCheckSeconds} s.`);
  } finally {
    await store.close();
  }
});
