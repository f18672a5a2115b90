import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

const ADD_MUNICIPALITY = `mutation ($name: String!, $ags: String!) {
  addMunicipality(input: { name: $name, districtAgs: $ags }) {
    __typename
    ... on MutationAddMunicipalitySuccess { data { id name district { name } } }
    ... on HubError { code message }
  }
}`;

describe('access and writes over GraphQL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await demoHub();
  });

  it('refuses an unknown token with 401 and lets anonymous callers read the public directory only', async () => {
    const response = await hub.yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer hub_nonsense' },
      body: JSON.stringify({ query: '{ districts { name } }' }),
    });
    expect(response.status).toBe(401);
    const anonymous = await gql(hub.yoga, ADD_MUNICIPALITY, { name: 'Weinböhla', ags: '14627' });
    expect(anonymous.data!.addMunicipality).toMatchObject({ __typename: 'HubError', code: 'NOT_ALLOWED' });
    const people = await gql(hub.yoga, '{ search(text: "a", kinds: [Person]) { __typename } }');
    expect(people.data!.search).toEqual([]);
  });

  it('lets a district coordinator add a town in their district, with an audit entry, but not elsewhere', async () => {
    const token = bearer(
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14627-koordinationskraft', { districtAgs: '14627' }),
    );
    const own = await gql(hub.yoga, ADD_MUNICIPALITY, { name: 'Weinböhla', ags: '14627' }, token);
    expect(own.data!.addMunicipality).toEqual({
      __typename: 'MutationAddMunicipalitySuccess',
      data: { id: 'municipality:14627-weinboehla', name: 'Weinböhla', district: { name: 'Meißen' } },
    });
    const [audit] = await hub.store.writes.auditOf('municipality:14627-weinboehla', 5);
    expect(audit).toMatchObject({ action: 'addMunicipality', actorId: 'person:demo-14627-koordinationskraft' });
    const elsewhere = await gql(hub.yoga, ADD_MUNICIPALITY, { name: 'Dohna', ags: '14628' }, token);
    expect(elsewhere.data!.addMunicipality).toMatchObject({
      __typename: 'HubError',
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('nur in Ihrem eigenen Kreis'),
    });
  });

  it('answers a rule breach as a typed error naming the rule', async () => {
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const result = await gql(
      hub.yoga,
      `mutation {
      assignRole(input: { personId: "person:demo-14627-alliance-1-volunteer-1", role: KOORDINATIONSKRAFT, scopeId: "district:14627" }) {
        ... on HubError { code message }
      }
    }`,
      {},
      { ...admin, 'accept-language': 'en' },
    );
    expect(result.data!.assignRole).toEqual({
      code: 'KOORDINATIONSKRAFT_TAKEN',
      message: 'Meißen already has a Koordinationskraft Integration; there is at most one per district.',
    });
  });

  it('pseudonymises people for analysts unless granted, and lets admins manage tokens', async () => {
    const query = '{ node(id: "person:demo-14627-kik-1") { ... on Person { name channels { channel } } } }';
    const pseudonymised = bearer(await hub.token('ANALYST', 'person:demo-analyst'));
    // A plain (guessable) id finds nobody for them; the opaque id they were given does.
    expect((await gql(hub.yoga, query, {}, pseudonymised)).data!.node).toBeNull();
    const [opaque] = (
      await gql(hub.yoga, '{ network(districtAgs: "14627") { nodes { id type } } }', {}, pseudonymised)
    ).data!.network.nodes.filter((n: { type: string }) => n.type === 'Person');
    const analyst = await gql(
      hub.yoga,
      `{ node(id: "${opaque.id}") { ... on Person { name channels { channel } } } }`,
      {},
      pseudonymised,
    );
    expect(analyst.data!.node).toEqual({ name: expect.stringMatching(/^Person [0-9a-f]{8}$/), channels: [] });
    const granted = await gql(
      hub.yoga,
      query,
      {},
      bearer(await hub.token('ANALYST', 'person:demo-analyst', { personalData: true })),
    );
    expect(granted.data!.node.name).not.toMatch(/^Person /);

    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const created = await gql(
      hub.yoga,
      `mutation { createAccessToken(input: { personId: "person:demo-14625-kik-1", access: COORDINATOR, label: "Laptop" }) {
      ... on MutationCreateAccessTokenSuccess { data { secret token { id } } } } }`,
      {},
      admin,
    );
    const { secret, token } = created.data!.createAccessToken.data;
    expect((await gql(hub.yoga, '{ districts { ags } }', {}, bearer(secret))).errors).toBeUndefined();
    await gql(hub.yoga, `mutation { revokeAccessToken(id: "${token.id}") { __typename } }`, {}, admin);
    expect((await gql(hub.yoga, '{ districts { ags } }', {}, bearer(secret))).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    const listed = await gql(hub.yoga, '{ accessTokens { id } }', {}, bearer(secret.replace(/.$/, 'x')));
    expect(listed.errors).toBeDefined();
  });
});
