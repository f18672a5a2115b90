import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

describe('requests over GraphQL', () => {
  let hub: TestHub;
  let volunteer: Record<string, string>;
  let kik: Record<string, string>;
  beforeAll(async () => {
    hub = await demoHub();
    volunteer = bearer(await hub.token('VOLUNTEER', 'person:demo-14627-alliance-1-volunteer-1'));
    kik = bearer(await hub.token('COORDINATOR', 'person:demo-14627-kik-2'));
  });

  it('files a request that lands with the KIK, who accepts it; outsiders cannot see it', async () => {
    const filed = await gql(
      hub.yoga,
      `mutation { fileRequest(input: { place: "Radebeul", topic: "Sprache", text: "Dolmetscherin gesucht" }) {
      ... on MutationFileRequestSuccess { data { id state level handler { id } hops { kind } } } ... on HubError { code } } }`,
      {},
      volunteer,
    );
    const request = filed.data!.fileRequest.data;
    expect(request).toMatchObject({
      state: 'ROUTED',
      level: 'KIK',
      handler: { id: 'person:demo-14627-kik-2' },
      hops: [{ kind: 'FILED' }, { kind: 'ROUTED' }],
    });

    const waiting = await gql(hub.yoga, '{ myRequests { id state } }', {}, kik);
    expect(waiting.data!.myRequests).toContainEqual({ id: request.id, state: 'ROUTED' });
    const wrong = await gql(
      hub.yoga,
      `mutation { acceptRequest(id: "${request.id}") { ... on HubError { code } } }`,
      {},
      volunteer,
    );
    expect(wrong.data!.acceptRequest).toEqual({ code: 'REQUEST_NOT_YOURS' });
    const accepted = await gql(
      hub.yoga,
      `mutation { acceptRequest(id: "${request.id}") { ... on MutationAcceptRequestSuccess { data { state } } } }`,
      {},
      kik,
    );
    expect(accepted.data!.acceptRequest.data.state).toBe('ACCEPTED');

    const outsider = bearer(await hub.token('COORDINATOR', 'person:demo-14625-kik-1'));
    expect((await gql(hub.yoga, `{ request(id: "${request.id}") { id } }`, {}, outsider)).data!.request).toBeNull();
    expect((await gql(hub.yoga, `{ request(id: "${request.id}") { text } }`, {}, volunteer)).data!.request).toEqual({
      text: 'Dolmetscherin gesucht',
    });
  });

  it('refuses requests from anonymous callers', async () => {
    const anonymous = await gql(
      hub.yoga,
      'mutation { fileRequest(input: { place: "Radebeul", text: "x" }) { ... on HubError { code } } }',
    );
    expect(anonymous.data!.fileRequest).toEqual({ code: 'NOT_ALLOWED' });
  });
});
