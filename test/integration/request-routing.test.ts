import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { storeFactories } from '../support/stores.js';
import { words } from '../support/told.js';

// Requests through the district coordination, on each store, with a clock the test moves.

const person = (personId: string): Viewer => ({
  personId,
  access: 'VOLUNTEER',
  districtAgs: null,
  personalData: false,
  roles: [],
});
const VOLUNTEER = person('person:demo-14627-alliance-1-volunteer-1');
const KIK_RADEBEUL = person('person:demo-14627-kik-2');
const KK_MEISSEN = person('person:demo-14627-koordinationskraft');
const JOBCENTER = person('person:demo-14627-jobcenter-contact');

describe.each(storeFactories)('requests through the district coordination on the $name store', (factory) => {
  let store: GraphStore;
  let dispose: () => Promise<void>;
  let services: HubServices;
  let now = new Date('2026-03-02T09:00:00.000Z');
  const told: { personId: string; message: { de: string; en: string } }[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    services = createServices(store, { rules: { kikLimitPerLandkreis: 10 }, now: () => now, escalateAfterHours: 72 });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    services.requests.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, message: words(notice) }),
    });
  });
  afterAll(async () => dispose());

  it('routes a request to the KIK serving the town, then up to the Koordinationskraft and on to an institution', async () => {
    const filed = await services.requests.file(
      { place: 'Radbeul', topic: 'Arbeitsmarkt', text: 'Wir suchen Praktikumsplätze für zwei Geflüchtete.' },
      VOLUNTEER,
    );
    expect(filed).toMatchObject({
      state: 'ROUTED',
      level: 'KIK',
      handlerId: KIK_RADEBEUL.personId,
      topicId: 'topic:labour-market',
    });
    expect(told.at(-1)).toMatchObject({
      personId: KIK_RADEBEUL.personId,
      message: { de: expect.stringContaining('Neue Anfrage') },
    });

    await expect(services.requests.forward(filed.id, KIK_RADEBEUL, JOBCENTER.personId!, null)).rejects.toMatchObject({
      code: 'REQUEST_ROUTE_REFUSED',
    });
    await expect(services.requests.accept(filed.id, KK_MEISSEN)).rejects.toMatchObject({ code: 'REQUEST_NOT_YOURS' });
    const up = await services.requests.forward(
      filed.id,
      KIK_RADEBEUL,
      KK_MEISSEN.personId!,
      'Braucht Kontakte zum Jobcenter',
    );
    expect(up).toMatchObject({ level: 'KOORDINATIONSKRAFT', handlerId: KK_MEISSEN.personId, escalateAt: null });
    const on = await services.requests.forward(filed.id, KK_MEISSEN, JOBCENTER.personId!, null);
    expect(on).toMatchObject({ level: 'TARGET', handlerId: JOBCENTER.personId });
    const done = await services.requests.resolve(filed.id, JOBCENTER, 'Zwei Plätze vermittelt');
    expect(done.state).toBe('RESOLVED');
    expect(done.hops.map((h) => h.kind)).toEqual(['FILED', 'ROUTED', 'FORWARDED', 'FORWARDED', 'RESOLVED']);
    expect(
      told
        .filter((t) => t.personId === VOLUNTEER.personId)
        .map((t) => t.message.de)
        .at(-1),
    ).toMatch(/^Ihre Anfrage zu \S+ \(„.+“\) ist erledigt \(.+\) – „Zwei Plätze vermittelt“\. /);
    await expect(services.requests.accept(filed.id, JOBCENTER)).rejects.toMatchObject({ code: 'REQUEST_CLOSED' });
    expect((await store.requests.requestById(filed.id))!.version).toBe(4);
  });

  it('tells the handler who asks about what, the next one why it was forwarded, and the requester the note of the acceptance (issue 21, point 7)', async () => {
    const [volunteer] = await store.entitiesByIds([VOLUNTEER.personId!]);
    const filed = await services.requests.file(
      { place: 'Radebeul', topic: 'Dolmetscher', text: 'Begleitung zum Amt gesucht' },
      VOLUNTEER,
    );
    expect(filed.topicId).toBe('topic:language');
    expect(told.at(-1)!.message.de).toContain(
      `Neue Anfrage für Radebeul (Thema Sprache und Dolmetschen, von ${volunteer!.name}): „Begleitung zum Amt gesucht“`,
    );
    await services.requests.forward(
      filed.id,
      KIK_RADEBEUL,
      KK_MEISSEN.personId!,
      'Arabisch, bitte über den Dolmetscherpool',
    );
    const toKk = told.filter((t) => t.personId === KK_MEISSEN.personId).at(-1)!.message.de;
    expect(toKk).toContain('Grund der Weiterleitung: „Arabisch, bitte über den Dolmetscherpool“');
    await services.requests.accept(filed.id, KK_MEISSEN, 'Ich melde mich morgen');
    expect(told.filter((t) => t.personId === VOLUNTEER.personId).at(-1)!.message.de).toBe(
      `Ihre Anfrage zu Radebeul („Begleitung zum Amt gesucht“) wurde von ${(await services.store.entitiesByIds([KK_MEISSEN.personId!]))[0]!.name} angenommen – „Ich melde mich morgen“. Ihre Anfragen und wer sie bearbeitet: ⟦requests⟧`,
    );
  });

  it('sends requests for a kreisfreie Stadt to its Koordinationskraft, and names the closest places for a typo', async () => {
    const dresden = await services.requests.file(
      { place: 'Dresden', topic: 'Sprache', text: 'Sprachcafé sucht Räume' },
      VOLUNTEER,
    );
    expect(dresden).toMatchObject({
      level: 'KOORDINATIONSKRAFT',
      handlerId: 'person:demo-14612-koordinationskraft',
      municipalityId: null,
    });
    await expect(
      services.requests.file({ place: 'Radeb', topic: 'Sprache', text: 'x' }, VOLUNTEER),
    ).rejects.toMatchObject({
      code: 'MUNICIPALITY_NOT_FOUND',
      suggestions: expect.arrayContaining(['Radeberg', 'Radebeul']),
    });
    await expect(
      services.requests.file({ place: 'Radebeul', topic: 'Sprache', text: 'x'.repeat(2001) }, VOLUNTEER),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('deletes the text of requests closed longer ago than the retention time, and counts it', async () => {
    const filed = await services.requests.file(
      { place: 'Riesa', topic: 'Sprache', text: 'Name und Telefonnummer einer Familie' },
      VOLUNTEER,
    );
    await services.requests.resolve(filed.id, person(filed.handlerId), null);
    const closedAt = now;
    now = new Date(closedAt.getTime() + 364 * 86_400_000);
    expect(await services.requests.purgeClosedTexts(365)).toBe(0);
    now = new Date(closedAt.getTime() + 366 * 86_400_000);
    expect(await services.requests.purgeClosedTexts(365)).toBe(2);
    expect((await store.requests.requestById(filed.id))!.text).toBeNull();
    expect(await services.requests.purgeClosedTexts(365)).toBe(0);
    now = closedAt;
  });

  it('moves an unanswered request up once when its time is up, and tells the requester', async () => {
    const filed = await services.requests.file(
      { place: 'Coswig', topic: 'Sprache', text: 'Dolmetscher für Elternabend' },
      VOLUNTEER,
    );
    expect(await services.requests.escalateDue()).toBe(0);
    now = new Date(now.getTime() + 73 * 3_600_000);
    const moved = await Promise.all([services.requests.escalateDue(), services.requests.escalateDue()]);
    expect(moved[0]! + moved[1]!).toBe(1);
    const after = (await store.requests.requestById(filed.id))!;
    expect(after).toMatchObject({ level: 'KOORDINATIONSKRAFT', handlerId: KK_MEISSEN.personId, escalateAt: null });
    expect(after.hops.at(-1)).toMatchObject({ kind: 'ESCALATED', toId: KK_MEISSEN.personId });
    expect(told.filter((t) => t.personId === VOLUNTEER.personId).at(-1)!.message.de).toContain('blieb unbeantwortet');
    expect(await services.requests.escalateDue()).toBe(0);
  });
});
