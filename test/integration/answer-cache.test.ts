import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { bearer, demoHub, gql } from '../support/hub.js';

// Repeated questions are answered from the bytes of the last answer (use-answer-cache.ts). What a
// caller must never notice: an answer older than a change, another caller's answer, an answer to
// a token revoked since.

const CONTACTS = `{ contacts(municipality: "Radebeul") { role person { id name channels { channel value } } } }`;
const PEOPLE = `query People($text: String) { people(text: $text, first: 5) { edges { node { name } } } }`;

describe('answers to repeated questions', () => {
  it('shows a change made through GraphQL, the services or another instance on the very next read', async () => {
    const hub = await demoHub();
    const admin = bearer(await hub.token('ADMIN'));
    const names = async (text: string) =>
      ((await gql(hub.yoga, PEOPLE, { text }, admin)).data!.people.edges as { node: { name: string } }[]).map(
        (e) => e.node.name,
      );
    expect(await names('Quelle')).toEqual([]);
    expect(await names('Quelle')).toEqual([]);

    const added = await gql(
      hub.yoga,
      `mutation { addPerson(input: { name: "Quelle Eins" }) { __typename } }`,
      {},
      admin,
    );
    expect(added.errors).toBeUndefined();
    expect(await names('Quelle')).toEqual(['Quelle Eins']);

    await hub.services.writer.addPerson({ name: 'Quelle Zwei' }, SYSTEM);
    expect((await names('Quelle')).sort()).toEqual(['Quelle Eins', 'Quelle Zwei']);

    // What another instance wrote reaches this one as an event it receives (Redis in production).
    const elsewhere = await demoHub(hub.store);
    await elsewhere.services.writer.addPerson({ name: 'Quelle Drei' }, SYSTEM);
    expect(await names('Quelle')).toHaveLength(2);
    hub.services.events.receive({ action: 'storeChanged', subjectIds: [], at: new Date().toISOString() });
    expect((await names('Quelle')).sort()).toEqual(['Quelle Drei', 'Quelle Eins', 'Quelle Zwei']);
  });

  it("never gives one caller another caller's answer", async () => {
    const store = EmbeddedStore.inMemory();
    const hub = await demoHub(store);
    const coordinator = bearer(await hub.token('COORDINATOR'));
    const asCoordinator = await gql(hub.yoga, CONTACTS, {}, coordinator);
    const volunteer = bearer(await hub.token('VOLUNTEER', 'person:demo-14627-kik-1'));
    const asVolunteer = await gql(hub.yoga, CONTACTS, {}, volunteer);
    const anonymous = await gql(hub.yoga, CONTACTS);

    // The same questions on a hub that has answered nothing yet.
    const fresh = await demoHub(store);
    expect(asVolunteer).toEqual(
      await gql(fresh.yoga, CONTACTS, {}, bearer(await fresh.token('VOLUNTEER', 'person:demo-14627-kik-1'))),
    );
    expect(anonymous).toEqual(await gql(fresh.yoga, CONTACTS));
    // The callers see different things, so a shared answer would have shown.
    expect(JSON.stringify(anonymous)).not.toEqual(JSON.stringify(asCoordinator));
  });

  it('refuses a revoked token although its answer was kept', async () => {
    const hub = await demoHub();
    const { secret, token } = await hub.services.access.create(
      { personId: 'person:demo-14627-koordinationskraft', access: 'COORDINATOR', label: 'soon revoked' },
      SYSTEM,
    );
    expect((await gql(hub.yoga, CONTACTS, {}, bearer(secret))).data?.contacts.length).toBeGreaterThan(0);
    await hub.services.access.revoke(token.id, SYSTEM);
    const refused = await gql(hub.yoga, CONTACTS, {}, bearer(secret));
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
