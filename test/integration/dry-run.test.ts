import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Issue 34: what ends, merges or hands over can be previewed through GraphQL (`dryRun: true`):
// the same checks as the change, the same answer of what would move and who would be told, and
// nothing changed. Both stores.

const KK = 'person:demo-14627-koordinationskraft';
const KIK = 'person:demo-14627-kik-1';

describe.each(storeFactories)('previews through GraphQL on the $name store', (factory) => {
  let store: GraphStore;
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let kk: Record<string, string>;

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    hub = await demoHub(store);
    kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
  });
  afterAll(async () => dispose?.());

  it('previews the end of a role: who takes the work, who is told; nothing changes', async () => {
    const [roles] = await store.rolesOfPersons([KIK]);
    const role = roles!.find((r) => r.role === 'KIK')!;
    const sequence = await store.writes.changeSequence();
    const answer = await gql(
      hub.yoga,
      `mutation { endRole(input: { roleId: "${role.id}", dryRun: true }) {
        ... on MutationEndRoleSuccess { data { dryRun ended { until } receiver { id } told { id } handedOverRequests } }
        ... on HubError { code message } } }`,
      {},
      kk,
    );
    expect(answer.errors).toBeUndefined();
    const preview = answer.data!.endRole.data;
    expect(preview).toMatchObject({ dryRun: true, receiver: { id: KK } });
    expect(preview.told.map((p: { id: string }) => p.id).sort()).toEqual([KIK, KK].sort());
    expect(await store.writes.changeSequence()).toBe(sequence);
    const [after] = await store.rolesOfPersons([KIK]);
    expect(after!.find((r) => r.id === role.id)).toBeDefined();
  });

  it('refuses in a preview what the change would refuse', async () => {
    const elsewhere = bearer(
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14625-koordinationskraft', { districtAgs: '14625' }),
    );
    const [roles] = await store.rolesOfPersons([KIK]);
    const answer = await gql(
      hub.yoga,
      `mutation { endRole(input: { roleId: "${roles![0]!.id}", dryRun: true }) { ... on HubError { code } } }`,
      {},
      elsewhere,
    );
    expect(answer.data!.endRole.code).toBe('NOT_ALLOWED');
  });

  it('previews a merger of towns; nothing changes', async () => {
    const [towns] = await store.municipalitiesOfDistricts(['14627']);
    const [a, b] = towns!.filter((t) => t.name === 'Meißen' || t.name === 'Coswig');
    const answer = await gql(
      hub.yoga,
      `mutation { mergeMunicipalities(input: { municipalityIds: ["${a!.id}", "${b!.id}"], newName: "Elbtal", dryRun: true }) {
        ... on MutationMergeMunicipalitiesSuccess { data { dryRun movedLinks mergedIds } } ... on HubError { code message } } }`,
      {},
      kk,
    );
    expect(answer.data!.mergeMunicipalities.data).toMatchObject({ dryRun: true, mergedIds: [a!.id, b!.id] });
    expect(answer.data!.mergeMunicipalities.data.movedLinks).toBeGreaterThan(0);
    expect((await store.municipalityDirectory()).map((m) => m.name)).not.toContain('Elbtal');
    expect((await store.entitiesByIds([a!.id]))[0]!.until ?? null).toBeNull();
  });
});
