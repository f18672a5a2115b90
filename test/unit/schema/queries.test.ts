import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../src/domain/ports/graph-store.port.js';
import { EmbeddedStore } from '../../../graph/embedded/embedded-store.js';
import { createServices } from '../../../src/services/hub-services.js';
import { createHubYoga } from '../../../src/server/yoga.js';
import { demoHub, gql } from '../../support/hub.js';

describe('GraphQL over the demo network', () => {
  let hub: Awaited<ReturnType<typeof demoHub>>;
  beforeAll(async () => {
    hub = await demoHub();
  });

  it('lists the 13 Saxon districts with kind, population and their towns', async () => {
    const { data } = await gql(hub.yoga, '{ districts { ags name kind population municipalities { name } } }');
    expect(data!.districts).toHaveLength(13);
    const meissen = data!.districts.find((d: { ags: string }) => d.ags === '14627');
    expect(meissen).toMatchObject({ name: 'Meißen', kind: 'LANDKREIS', population: 242165 });
    expect(meissen.municipalities.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Radebeul', 'Coswig', 'Meißen']),
    );
    const dresden = data!.districts.find((d: { ags: string }) => d.ags === '14612');
    expect(dresden).toMatchObject({ kind: 'KREISFREIE_STADT', municipalities: [] });
  });

  it('resolves global ids through node and finds things by name', async () => {
    const { data } = await gql(
      hub.yoga,
      `{
      node(id: "municipality:14627-radebeul") { id ... on Municipality { name district { ags } } }
      missing: node(id: "municipality:nowhere") { id }
      district(ags: "14625") { name }
      search(text: "radebeul", kinds: [Municipality]) { ... on Municipality { name } }
    }`,
    );
    expect(data).toEqual({
      node: { id: 'municipality:14627-radebeul', name: 'Radebeul', district: { ags: '14627' } },
      missing: null,
      district: { name: 'Bautzen' },
      search: [{ name: 'Radebeul' }],
    });
  });

  it('shows an anonymous caller only the contact channels their owners made public', async () => {
    const { data } = await gql(hub.yoga, '{ search(text: "", kinds: [Person], limit: 100) { __typename } }');
    expect(data!.search).toEqual([]);
    const people = await gql(
      hub.yoga,
      `{ node(id: "person:demo-14627-beauftragte") { ... on Person { name channels { channel visibility } } }
      kik: node(id: "person:demo-14627-kik-1") { ... on Person { channels { channel } } } }`,
    );
    expect(people.data!.node.channels).toEqual([{ channel: 'EMAIL', visibility: 'PUBLIC' }]);
    expect(people.data!.kik.channels).toEqual([]);
  });

  it('answers bad input with a coded error in German, or English on request', async () => {
    const long = 'x'.repeat(101);
    const de = await gql(hub.yoga, '{ search(text: $t) { __typename } }'.replace('$t', JSON.stringify(long)));
    expect(de.errors![0]).toMatchObject({
      message: 'Suche: höchstens 100 Zeichen',
      extensions: { code: 'INVALID_INPUT' },
    });
    // The list filters take the same rule, from the same place (issue 17: it was checked twice).
    const listed = await gql(
      hub.yoga,
      '{ municipalities(first: 1, text: $t) { edges { cursor } } }'.replace('$t', JSON.stringify(long)),
    );
    expect(listed.errors![0]).toMatchObject({
      message: 'Suche: höchstens 100 Zeichen',
      extensions: { code: 'INVALID_INPUT' },
    });
    const longEn = await gql(
      hub.yoga,
      '{ search(text: $t) { __typename } }'.replace('$t', JSON.stringify(long)),
      {},
      { 'accept-language': 'en-GB' },
    );
    expect(longEn.errors![0]).toMatchObject({
      message: 'text: must be at most 100 characters',
      extensions: { code: 'INVALID_INPUT' },
    });
    const en = await gql(
      hub.yoga,
      '{ search(text: "a", limit: 1000) { __typename } }',
      {},
      { 'accept-language': 'en-GB' },
    );
    expect(en.errors![0]!.extensions!.code).toBe('INVALID_INPUT');
  });

  it('masks unexpected failures: no stack, no database detail', async () => {
    const broken = Object.create(EmbeddedStore.inMemory()) as GraphStore;
    broken.listDistricts = async () => {
      throw new Error('Neo.ClientError.Statement.SyntaxError: MATCH (d:District) RETURN d');
    };
    const yoga = createHubYoga(createServices(broken, { rules: { kikLimitPerLandkreis: 10 } }), { graphiql: false });
    const answer = await gql(yoga, '{ districts { name } }');
    expect(answer.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.' })]);
    expect(JSON.stringify(answer)).not.toMatch(/MATCH|Neo\.|at .*\.ts/);
  });
});
