import { describe, expect, it } from 'vitest';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { bearer, demoHub, gql } from '../../support/hub.js';

describe('erasure (GDPR Art. 17)', () => {
  it('turns the person into an anonymous placeholder and keeps the network consistent', async () => {
    const hub = await demoHub();
    const personId = 'person:demo-14627-kik-2';
    const identities = new ChatIdentities(hub.store);
    await identities.requestLink({ transport: 'matrix', userId: '@kik:hub.test' }, personId);
    const ownToken = await hub.token('COORDINATOR', personId);
    const linksBefore = (await hub.store.linksOf([personId]))[0]!.length;

    const notAdmin = await gql(hub.yoga, `mutation { erasePerson(personId: "${personId}") { ... on HubError { code } } }`, {}, bearer(await hub.token('COORDINATOR')));
    expect(notAdmin.data!.erasePerson).toEqual({ code: 'NOT_ALLOWED' });
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const erased = await gql(hub.yoga, `mutation { erasePerson(personId: "${personId}") { __typename } }`, {}, admin);
    expect(erased.data!.erasePerson.__typename).toBe('MutationErasePersonSuccess');

    expect((await hub.store.entitiesByIds([personId]))[0]).toEqual({ kind: 'Person', id: personId, name: 'Gelöschte Person', languages: [], channels: [], demo: true });
    expect((await hub.store.linksOf([personId]))[0]).toHaveLength(linksBefore);
    expect(await identities.link({ transport: 'matrix', userId: '@kik:hub.test' })).toBeNull();
    expect((await gql(hub.yoga, '{ districts { ags } }', {}, bearer(ownToken))).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const [entry] = await hub.store.auditOf(personId, 1);
    expect(entry).toMatchObject({ action: 'erasePerson', details: {} });
    expect(JSON.stringify(await hub.store.auditOf(personId, 100))).not.toMatch(/@demo\.invalid|\+49/);
  });
});
