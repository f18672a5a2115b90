import { storeFactories } from '../support/stores.js';
import { graphStoreContract } from './graph-store.contract.js';

graphStoreContract(storeFactories.find((f) => f.name === 'embedded')!);
