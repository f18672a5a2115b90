import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { loadConfig } from '../../src/config.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { openStore } from '../open-store.js';
import { germanyNetwork } from './germany.js';
import { saxonyDemo } from './saxony-demo.js';
import { seedDemoKnowledge } from './knowledge-demo.js';
import { seedDemoFunding } from './funding-demo.js';
import { seedDemoAdvice } from './advice-demo.js';
import { AdviceOffers } from '../../src/features/advice/advice-offers.js';
import { RequestRouter } from '../../src/features/requests/request-router.js';
import { FundingCalls } from '../../src/features/funding/funding-calls.js';
import { KnowledgeBase } from '../../src/features/knowledge/knowledge-base.js';
import { NameIndex } from '../../src/services/reads/name-index.js';
import { runCli } from './cli-support.js';
import { commandLine } from '../../src/launch/command-line.js';

const USAGE = 'Usage: npm run seed [-- --scale saxony|germany] [--seed TEXT]';

// `npm run seed [-- --scale germany] [--seed TEXT]`: replaces the store's content with the Saxon
// demo network or the synthetic Germany-scale network.

await runCli(async () => {
  const { values } = commandLine(USAGE, {
    options: { scale: { type: 'string', default: 'saxony' }, seed: { type: 'string' } },
  });
  if (values.scale !== 'saxony' && values.scale !== 'germany')
    throw new Error('--scale must be "saxony" or "germany".');
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const bundle = values.scale === 'germany' ? germanyNetwork(values.seed) : saxonyDemo();
    const started = Date.now();
    await store.deleteEverything();
    await new NetworkWriter(store, config.rules).apply(bundle, { actor: SYSTEM, action: 'seed' });
    const names = new NameIndex(store);
    const articles = values.scale === 'saxony' ? await seedDemoKnowledge(new KnowledgeBase(store, names)) : 0;
    const calls = values.scale === 'saxony' ? await seedDemoFunding(new FundingCalls(store, names)) : 0;
    const offers =
      values.scale === 'saxony'
        ? await seedDemoAdvice(
            new AdviceOffers(store, names, new RequestRouter(store, names, { escalateAfterHours: 72 })),
          )
        : 0;
    const counts = await store.counts();
    const entities = Object.entries(counts.entities)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    console.log(
      `Seeded the ${values.scale} network into the ${store.name} store in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
    );
    console.log(
      `  ${entities}; ${counts.roles} roles, ${counts.links} links; ${articles} articles, ${calls} funding calls, ${offers} advice offers.`,
    );
  } finally {
    await store.close();
  }
});
