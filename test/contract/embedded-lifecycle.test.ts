import { storeFactories } from '../support/stores.js';
import { networkLifecycleContract } from './network-lifecycle.contract.js';

networkLifecycleContract(storeFactories.find((f) => f.name === 'embedded')!);
