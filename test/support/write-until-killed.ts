import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';

// Child process for the kill -9 test: writes people one by one and prints each id once the
// store confirmed it, until it is killed.

const store = EmbeddedStore.open(process.argv[2]!);
const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
for (let i = 0; ; i++) {
  const person = await writer.addPerson({ name: `Person ${i}` }, SYSTEM);
  process.stdout.write(`${person.id}\n`);
}
