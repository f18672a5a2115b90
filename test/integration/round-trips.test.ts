import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { emptyBundle } from '../../src/domain/model.js';
import { countingStore } from '../support/counting-store.js';
import { demoHub, gql } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// "13 districts, their municipalities, the people serving them": the number of store round
// trips follows the depth of the query, not the number of items in the answer.

const QUERY = `{ districts { name municipalities { name servedBy { name roles { role } } alliances { name } } coordination { role person { name } } } }`;

describe.each(storeFactories)('round trips on the $name store', (factory) => {
  it('stay the same when the network grows', async () => {
    const { store, dispose } = await factory.open();
    try {
      const counted = countingStore(store);
      const hub = await demoHub(counted.store);
      counted.reset();
      const small = await gql(hub.yoga, QUERY);
      expect(small.errors).toBeUndefined();
      const smallCalls = counted.calls();

      const grow = emptyBundle();
      for (let i = 0; i < 40; i++) {
        const id = `municipality:14627-ort-${i}`;
        grow.municipalities.push({ kind: 'Municipality', id, ags: null, name: `Ort ${i}`, districtAgs: '14627' });
        grow.links.push({
          id: `link:ort-${i}`,
          type: 'SERVES',
          fromId: 'person:demo-14627-kik-1',
          toId: id,
          since: null,
          note: null,
        });
      }
      await hub.services.writer.apply(grow, { actor: SYSTEM, action: 'test' });
      counted.reset();
      const large = await gql(hub.yoga, QUERY);
      const names = large.data!.districts.flatMap((d: { municipalities: { name: string }[] }) =>
        d.municipalities.map((m) => m.name),
      );
      expect(names).toHaveLength(61 + 40);
      // Never more than for the small network (a warm name index may even save one).
      expect(counted.calls()).toBeLessThanOrEqual(smallCalls);
      expect(smallCalls).toBeLessThanOrEqual(8);
    } finally {
      await dispose();
    }
  });
});

describe.each(storeFactories)('a new record on the $name store', (factory) => {
  it('costs its write alone: the answer and the read model take it as written, not read back', async () => {
    const { store, dispose } = await factory.open();
    try {
      const counted = countingStore(store);
      const hub = await demoHub(counted.store);
      const admin = { authorization: `Bearer ${await hub.token('ADMIN')}` };
      await hub.services.network.graph();
      await gql(hub.yoga, `{ people(first: 1) { edges { node { name } } } }`, {}, admin);
      counted.reset();
      const added = await gql(
        hub.yoga,
        `mutation { addPerson(input: { name: "Neue Kollegin" }) { ... on MutationAddPersonSuccess { data { id name roles { role } } } } }`,
        {},
        admin,
      );
      const id = added.data!.addPerson.data.id as string;
      expect(added.data!.addPerson.data.name).toBe('Neue Kollegin');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await hub.services.network.graph()).hasNode(id)).toBe(true);
      const found = await gql(hub.yoga, `{ people(text: "Neue Kollegin") { edges { node { id } } } }`, {}, admin);
      expect(found.data!.people.edges).toEqual([{ node: { id } }]);
      // The write (its facts and its records in one transaction); nothing read back.
      expect(counted.calls()).toBeLessThanOrEqual(2);
    } finally {
      await dispose();
    }
  });
});
