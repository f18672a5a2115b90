import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { describe, expect, it } from 'vitest';
import { germanyNetwork } from '../../../graph/data/germany.js';
import { EmbeddedStore } from '../../../graph/embedded/embedded-store.js';
import { NetworkWriter } from '../../../src/services/writes/network-writer.js';

describe('the Germany-scale network', () => {
  it('is deterministic, Germany-sized, and obeys every rule', async () => {
    const a = germanyNetwork('seed-x');
    const b = germanyNetwork('seed-x');
    expect(b.links.slice(0, 500)).toEqual(a.links.slice(0, 500));
    expect(b.persons.map((p) => p.name)).toEqual(a.persons.map((p) => p.name));
    expect(
      germanyNetwork('seed-y')
        .persons.slice(0, 50)
        .map((p) => p.name),
    ).not.toEqual(a.persons.slice(0, 50).map((p) => p.name));

    expect(a.districts).toHaveLength(401);
    expect(a.municipalities.length).toBeGreaterThan(10_500);
    expect(a.persons.length).toBeGreaterThan(20_000);
    expect(a.links.length).toBeGreaterThan(200_000);
    expect(a.municipalities.filter((m) => m.districtAgs === '14627').map((m) => m.name)).toEqual(
      expect.arrayContaining(['Radebeul', 'Coswig', 'Meißen']),
    );

    const store = EmbeddedStore.inMemory();
    await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).apply(a, { actor: SYSTEM, action: 'seed' });
    expect((await store.counts()).links).toBe(a.links.length);
  });
});
