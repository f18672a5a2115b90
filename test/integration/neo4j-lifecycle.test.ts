import { storeFactories } from '../support/stores.js';
import { networkLifecycleContract } from '../contract/network-lifecycle.contract.js';

// The lifecycle contract against the real Neo4j the test setup started.
networkLifecycleContract(storeFactories.find((f) => f.name === 'neo4j')!);
