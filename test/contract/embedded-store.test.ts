import { storeFactories } from '../support/stores.js';
import { graphStoreContract } from './graph-store.contract.js';
import { knowledgeContract } from './knowledge.contract.js';

graphStoreContract(storeFactories.find((f) => f.name === 'embedded')!);
knowledgeContract(storeFactories.find((f) => f.name === 'embedded')!);
