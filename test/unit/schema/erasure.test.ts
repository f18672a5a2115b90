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

    const notAdmin = await gql(
      hub.yoga,
      `mutation { erasePerson(personId: "${personId}") { ... on HubError { code } } }`,
      {},
      bearer(await hub.token('COORDINATOR')),
    );
    expect(notAdmin.data!.erasePerson).toEqual({ code: 'NOT_ALLOWED' });
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const erased = await gql(hub.yoga, `mutation { erasePerson(personId: "${personId}") { __typename } }`, {}, admin);
    expect(erased.data!.erasePerson.__typename).toBe('MutationErasePersonSuccess');

    expect((await hub.store.entitiesByIds([personId]))[0]).toEqual({
      kind: 'Person',
      id: personId,
      name: 'Gelöschte Person',
      languages: [],
      channels: [],
      demo: true,
    });
    expect((await hub.store.linksOf([personId]))[0]).toHaveLength(linksBefore);
    expect(await identities.link({ transport: 'matrix', userId: '@kik:hub.test' })).toBeNull();
    expect((await gql(hub.yoga, '{ districts { ags } }', {}, bearer(ownToken))).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    const [entry] = await hub.store.writes.auditOf(personId, 1);
    expect(entry).toMatchObject({ action: 'erasePerson', details: {} });
    expect(JSON.stringify(await hub.store.writes.auditOf(personId, 100))).not.toMatch(/@demo\.invalid|\+49/);
  });
});

describe('choosing who sees my contact details', () => {
  it('lets a person change the visibility of their channels, and nobody else but admins', async () => {
    const hub = await demoHub();
    const personId = 'person:demo-14627-kik-1';
    const mutation = `mutation ($channels: [ContactChannelInput!]!, $personId: ID) { updateMyContactChannels(channels: $channels, personId: $personId) {
      ... on MutationUpdateMyContactChannelsSuccess { data { channels { channel visibility } } } ... on HubError { code } } }`;
    const channels = [{ channel: 'EMAIL', value: 'kik@example.org', visibility: 'PUBLIC' }];
    const own = await gql(hub.yoga, mutation, { channels }, bearer(await hub.token('COORDINATOR', personId)));
    expect(own.data!.updateMyContactChannels.data.channels).toEqual([{ channel: 'EMAIL', visibility: 'PUBLIC' }]);
    const anonymousView = await gql(hub.yoga, `{ node(id: "${personId}") { ... on Person { channels { value } } } }`);
    expect(anonymousView.data!.node.channels).toEqual([{ value: 'kik@example.org' }]);
    const other = await gql(
      hub.yoga,
      mutation,
      { channels, personId: 'person:demo-14627-kik-2' },
      bearer(await hub.token('COORDINATOR', personId)),
    );
    expect(other.data!.updateMyContactChannels).toEqual({ code: 'NOT_ALLOWED' });
    const bad = await gql(
      hub.yoga,
      mutation,
      { channels: [{ channel: 'EMAIL', value: '', visibility: 'PUBLIC' }] },
      bearer(await hub.token('COORDINATOR', personId)),
    );
    expect(bad.data!.updateMyContactChannels).toEqual({ code: 'INVALID_INPUT' });
    const audit = await hub.store.writes.auditOf(personId, 20);
    expect(audit.find((a) => a.action === 'updateChannels')).toMatchObject({
      actorId: personId,
      details: { channels: [{ channel: 'EMAIL', visibility: 'PUBLIC' }] },
    });
  });
});
