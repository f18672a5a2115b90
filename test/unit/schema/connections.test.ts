import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

describe('lists as connections and live changes', () => {
  let hub: TestHub;
  let member: Record<string, string>;
  beforeAll(async () => {
    hub = await demoHub();
    member = bearer(await hub.token('COORDINATOR'));
  });

  it('pages through a filtered list by name with cursors', async () => {
    const query = `query ($after: String) { municipalities(districtAgs: "14627", first: 4, after: $after) {
      edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await gql(hub.yoga, query)).data!.municipalities;
    expect(first.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'Coswig',
      'Großenhain',
      'Meißen',
      'Moritzburg',
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await gql(hub.yoga, query, { after: first.pageInfo.endCursor })).data!.municipalities;
    expect(second.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Radebeul', 'Riesa']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const broken = await gql(hub.yoga, query, { after: 'not-a-cursor' });
    expect(broken.errors![0]!.extensions!.code).toBe('INVALID_INPUT');
  });

  it('filters people by role and district for members, and keeps the list from anonymous callers', async () => {
    const query = '{ people(role: KIK, districtAgs: "14627") { edges { node { id } } } }';
    const { data } = await gql(hub.yoga, query, {}, member);
    expect(data!.people.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([
      'person:demo-14627-kik-1',
      'person:demo-14627-kik-2',
    ]);
    expect((await gql(hub.yoga, query)).errors![0]!.extensions!.code).toBe('NOT_ALLOWED');
    const institutions = await gql(
      hub.yoga,
      '{ institutions(type: JOBCENTER, districtAgs: "14625") { edges { node { name } } } }',
    );
    expect(institutions.data!.institutions.edges).toEqual([{ node: { name: 'Jobcenter Bautzen' } }]);
  });

  it('streams a change to a subscriber over Server-Sent Events as soon as it is written', async () => {
    const response = await hub.yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...member },
      body: JSON.stringify({ query: 'subscription { networkChanged { action subjectIds } }' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    setTimeout(
      () =>
        void gql(
          hub.yoga,
          'mutation { addLink(input: { type: COOPERATES_WITH, fromId: "person:demo-14627-kik-1", toId: "institution:demo-14627-school" }) { __typename } }',
          {},
          admin,
        ),
      50,
    );
    let text = '';
    while (!text.includes('"action"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const event = JSON.parse(/data: (.*)/.exec(text)![1]!) as {
      data: { networkChanged: { action: string; subjectIds: string[] } };
    };
    expect(event.data.networkChanged.action).toBe('addLink');
    expect(event.data.networkChanged.subjectIds).toEqual(
      expect.arrayContaining(['person:demo-14627-kik-1', 'institution:demo-14627-school']),
    );
  });
});
