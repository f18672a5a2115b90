import { SYSTEM } from '../src/services/access/domain/authorization.js';
import type { HubConfig } from '../src/config.js';
import type { GraphStore } from '../src/domain/ports/graph-store.port.js';
import type { NetworkWriter } from '../src/services/writes/network-writer.js';
import { saxonyDemo } from './data/saxony-demo.js';
import { seedDemoKnowledge } from './data/knowledge-demo.js';
import { seedDemoFunding } from './data/funding-demo.js';
import { seedDemoAdvice } from './data/advice-demo.js';
import type { AdviceOffers } from '../src/features/advice/advice-offers.js';
import type { FundingCalls } from '../src/features/funding/funding-calls.js';
import type { KnowledgeBase } from '../src/features/knowledge/knowledge-base.js';
import { EmbeddedStore } from './embedded/embedded-store.js';
import { Neo4jStore } from './neo4j/neo4j-store.js';

/** Neo4j when NEO4J_URI is set, otherwise the embedded store in the data directory. */
export async function openStore(config: Pick<HubConfig, 'neo4j' | 'dataDir'>): Promise<GraphStore> {
  return config.neo4j ? Neo4jStore.connect(config.neo4j) : EmbeddedStore.open(config.dataDir);
}

/** A store with no districts gets the Saxon demo network and its articles, so a first start has something to show. */
export async function seedDemoIfEmpty(
  store: GraphStore,
  services: { writer: NetworkWriter; knowledge: KnowledgeBase; funding: FundingCalls; advice: AdviceOffers },
): Promise<boolean> {
  if ((await store.listDistricts()).length > 0) return false;
  await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
  await seedDemoKnowledge(services.knowledge);
  await seedDemoFunding(services.funding);
  await seedDemoAdvice(services.advice);
  return true;
}
