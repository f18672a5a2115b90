import { storeFactories } from '../support/stores.js';
import { graphStoreContract } from '../contract/graph-store.contract.js';
import { knowledgeContract } from '../contract/knowledge.contract.js';

// The same contract against the real Neo4j the test setup started.
graphStoreContract(storeFactories.find((f) => f.name === 'neo4j')!);
knowledgeContract(storeFactories.find((f) => f.name === 'neo4j')!);
