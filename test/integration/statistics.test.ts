import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { createHubYoga } from '../../src/server/yoga.js';
import { bearer, gql } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Figures over time (issue 15): what the coordination of a district did in a period, per topic,
// the same for a pseudonymised analyst as for one with the grant.

const person = (personId: string, roles: Viewer['roles'] = []): Viewer => ({
  personId,
  access: roles.length ? 'COORDINATOR' : 'VOLUNTEER',
  districtAgs: null,
  personalData: false,
  roles,
});
const volunteer = person('person:demo-14627-alliance-1-volunteer-1');
const kik = person('person:demo-14627-kik-2', ['KIK']);
const kk = person('person:demo-14627-koordinationskraft', ['KOORDINATIONSKRAFT']);

describe.each(storeFactories)('statistics on the $name store', (factory) => {
  let services: HubServices;
  let dispose: () => Promise<void>;
  let now = new Date('2026-03-02T08:00:00.000Z');
  const hours = (h: number) => (now = new Date(now.getTime() + h * 3_600_000));

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    services = createServices(opened.store, {
      rules: { kikLimitPerLandkreis: 10 },
      now: () => now,
      escalateAfterHours: 72,
    });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
  });
  afterAll(async () => dispose());

  it('counts requests filed, accepted, resolved and escalated, the median hours, meetings held and towns reached', async () => {
    const first = await services.requests.file(
      { place: 'Radebeul', topic: 'Sprache', text: 'Dolmetscherin gesucht' },
      volunteer,
    );
    hours(2);
    await services.requests.accept(first.id, kik);
    hours(10);
    await services.requests.resolve(first.id, kik, 'Gefunden');
    await services.requests.file({ place: 'Coswig', topic: 'Wohnen', text: 'Wohnung gesucht' }, volunteer);
    await services.meetings.schedule(
      { title: 'Austausch', when: 'am 4.3.2026 um 10 Uhr', invite: ['Radebeul', 'Coswig'], confirmed: true },
      kk,
    );
    hours(73);
    expect(await services.requests.escalateDue()).toBe(1);

    const figures = await services.statistics.figures('14627', '2026-03-01', '2026-03-31');
    const all = figures.find((f) => f.topicId === null)!;
    expect(all).toEqual({
      districtAgs: '14627',
      topicId: null,
      requestsFiled: 2,
      requestsAccepted: 1,
      requestsResolved: 1,
      requestsEscalated: 1,
      medianHoursToAccept: 2,
      medianHoursToResolve: 12,
      meetingsHeld: 1,
      municipalitiesReached: 2,
    });
    expect(figures.find((f) => f.topicId === 'topic:language')).toMatchObject({
      requestsFiled: 1,
      requestsResolved: 1,
      meetingsHeld: 0,
    });
    // An empty period of a district is a row of zeros, not nothing (issue 34).
    expect(await services.statistics.figures('14627', '2026-04-01', '2026-04-30')).toEqual([
      {
        districtAgs: '14627',
        topicId: null,
        requestsFiled: 0,
        requestsAccepted: 0,
        requestsResolved: 0,
        requestsEscalated: 0,
        medianHoursToAccept: null,
        medianHoursToResolve: null,
        meetingsHeld: 0,
        municipalitiesReached: 0,
      },
    ]);

    const yoga = createHubYoga(services, { graphiql: false });
    const ask = async (personalData: boolean) => {
      const { secret } = await services.access.create(
        { personId: 'person:demo-analyst', access: 'ANALYST', personalData, label: `stats ${personalData}` },
        SYSTEM,
      );
      return (
        await gql(
          yoga,
          '{ statistics(districtAgs: "14627", from: "2026-03-01", to: "2026-03-31") { topicId requestsFiled medianHoursToResolve meetingsHeld } }',
          {},
          bearer(secret),
        )
      ).data!.statistics;
    };
    expect(await ask(false)).toEqual(await ask(true));
    const wrong = await gql(
      yoga,
      '{ statistics(from: "2026-03-31", to: "2026-13-01") { requestsFiled } }',
      {},
      bearer(
        (await services.access.create({ personId: 'person:demo-analyst', access: 'ANALYST', label: 'x' }, SYSTEM))
          .secret,
      ),
    );
    expect(wrong.errors![0]!.message).toBe('to: muss ein Datum der Form JJJJ-MM-TT sein');
  });

  it('counts towns that merged since as one town reached (issue 34)', async () => {
    const towns = (await services.store.municipalitiesOfDistricts(['14627']))[0]!;
    const [radebeul, coswig] = ['Radebeul', 'Coswig'].map((name) => towns.find((t) => t.name === name)!);
    const before = (await services.statistics.figures('14627', '2026-03-01', '2026-03-31')).find((f) => !f.topicId)!;
    expect(before.municipalitiesReached).toBe(2);
    await services.merger.mergeMunicipalities(
      [radebeul!.id, coswig!.id],
      { name: 'Elbaue' },
      SYSTEM,
      'person:demo-14627-kik-2',
    );
    const after = (await services.statistics.figures('14627', '2026-03-01', '2026-03-31')).find((f) => !f.topicId)!;
    expect(after).toEqual({ ...before, municipalitiesReached: 1 });
  });
});
