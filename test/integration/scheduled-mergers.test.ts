import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';

// Issue 34, dated changes beyond role ends: a merger and the end of an alliance take an effective
// day. A later day schedules them (previewed, announced to those concerned, listed, cancellable,
// applied by the timer on the day once); a day gone by dates the change, not before what it
// changes began. Through the console chat and GraphQL, on both stores.

const KK = 'person:demo-14627-koordinationskraft';

describe.each(storeFactories)('mergers and record ends on a later day on the $name store', (factory) => {
  let store: GraphStore;
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let clock = new Date('2026-12-07T10:00:00+01:00');
  const told: { personId: string; text: string }[] = [];
  let chat: (who: 'kk', text: string) => Promise<string>;
  let kk: Record<string, string>;

  const town = async (name: string) =>
    (await store.municipalitiesOfDistricts(['14627']))[0]!.find((t) => t.name === name) ?? null;
  const everTown = async (id: string) => (await store.entitiesByIds([id]))[0]!;

  /** Merges from chat, naming the KIK where the hub asks who serves the merged town; answers the preview. */
  const mergePreview = async (words: string, day: string) => {
    const asked = await chat('kk', `!zusammenführen ${words} zum ${day}`);
    const choice = /betreut: (.+?) oder /.exec(asked)?.[1];
    return choice ? chat('kk', `!zusammenführen ${words} betreut von ${choice} zum ${day}`) : asked;
  };

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    hub = await demoHub(store, { now: () => clock });
    hub.services.meetings.addNotifier({
      notify: async (personId: string, notice: HubNotice) =>
        void told.push({ personId, text: expandCommandRefs(inGerman(notice), 'de', COMMANDS) }),
    });
    chat = consoleChat(hub, { kk: KK });
    kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
  });
  afterAll(async () => dispose?.());

  it('schedules a merger at the new year: previewed, announced to the KIK of the towns, listed; nothing changes yet', async () => {
    const radebeul = (await town('Radebeul'))!;
    const servedBefore = (await store.linksOf([radebeul.id]))[0]!.filter((l) => l.type === 'SERVES');
    const preview = await mergePreview('Radebeul + Coswig zu Elbaue', '01.01.2027');
    expect(preview).toMatch(/^Vorschau: Radebeul, Coswig werden zum 01\.01\.2027 zur neuen Gemeinde Elbaue;/);
    expect(preview).toContain(
      'Das wird geplant: Bis dahin ändert sich nichts; alle Betroffenen erfahren es, sobald Sie bestätigen.',
    );
    const done = await chat('kk', '!ja');
    expect(done).toMatch(
      /^Geplant: Radebeul, Coswig gehen zum 01\.01\.2027 in Elbaue auf\. Bis dahin ändert sich nichts;/,
    );

    expect(await town('Coswig')).not.toBeNull();
    expect(await town('Elbaue')).toBeNull();
    expect(await chat('kk', '!kontakt Coswig')).not.toMatch(/gehört seit/);

    const kikOfRadebeul = servedBefore[0]!.fromId;
    const toKik = told.find((t) => t.personId === kikOfRadebeul)!.text;
    expect(toKik).toMatch(
      /^Geplant: Radebeul und Coswig gehen zum 01\.01\.2027 in Elbaue auf; .+ betreut die Gemeinde\./,
    );
    expect(toKik).toContain('Bis dahin ändert sich nichts; geplante Änderungen zeigt !geplant.');

    expect(await chat('kk', '!geplant')).toMatch(
      /^Geplante Änderungen:\n1\. Radebeul und Coswig gehen zum 01\.01\.2027 in Elbaue auf; .+ betreut die Gemeinde\.\nZurücknehmen mit !geplant absagen <Nr\.>$/,
    );
    const listed = await gql(
      hub.yoga,
      '{ scheduledChanges { ... on QueryScheduledChangesSuccess { data { kind effectiveOn municipalities { name } intoName into { name } role } } } }',
      {},
      kk,
    );
    expect(listed.data!.scheduledChanges.data).toEqual([
      {
        kind: 'mergeMunicipalities',
        effectiveOn: '2027-01-01',
        municipalities: [{ name: 'Radebeul' }, { name: 'Coswig' }],
        intoName: 'Elbaue',
        into: null,
        role: null,
      },
    ]);
    // The same towns cannot be merged twice while one merger is still to come.
    expect(await mergePreview('Radebeul + Coswig zu Elbtal', '01.02.2027')).toContain(
      'hierfür ist schon eine Änderung zum 01.01.2027 geplant',
    );
  });

  it('applies the merger on its day, once: the old names answer for Elbaue and links keep their since', async () => {
    const coswig = (await town('Coswig'))!;
    const linksBefore = (await store.linksOf([coswig.id]))[0]!.filter((l) => l.type !== 'SERVES' && !l.until);
    clock = new Date('2026-12-31T23:50:00+01:00');
    expect(await hub.services.dueChanges.apply()).toBe(0);
    clock = new Date('2027-01-01T00:05:00+01:00');
    const [due] = await hub.services.scheduledChanges.due();
    expect(await hub.services.dueChanges.apply()).toBe(1);
    expect(await hub.services.dueChanges.apply()).toBe(0);
    // A crash after the merger's commit and before the change was marked applied: the next run
    // finds the towns merged on that day and settles it without merging again.
    await store.scheduledChanges.saveScheduledChange({ ...due!, state: 'SCHEDULED', settledAt: null });
    expect(await hub.services.dueChanges.apply()).toBe(1);
    expect((await store.scheduledChanges.scheduledChangeById(due!.id))!.state).toBe('APPLIED');
    expect((await store.municipalitiesOfDistricts(['14627']))[0]!.filter((t) => t.name === 'Elbaue')).toHaveLength(1);

    const elbaue = (await town('Elbaue'))!;
    expect((await everTown(elbaue.id)).since).toBe('2027-01-01');
    expect(await everTown(coswig.id)).toMatchObject({ until: '2027-01-01', mergedInto: elbaue.id });
    expect(await chat('kk', '!kontakt Coswig')).toContain('Coswig gehört seit dem 01.01.2027 zu Elbaue.');
    const linksAfter = (await store.linksOf([elbaue.id]))[0]!.filter((l) => !l.until);
    for (const before of linksBefore)
      expect(
        linksAfter.find((l) => l.type === before.type && (l.fromId === before.fromId || l.toId === before.toId)),
      ).toMatchObject({ since: before.since });
    expect(await chat('kk', '!geplant')).toBe('In Ihren Kreisen ist nichts geplant.');
  });

  it('dates a merger in the past, never before a town began', async () => {
    const moritzburg = (await town('Moritzburg'))!;
    const before = await mergePreview('Elbaue + Moritzburg zu Elbaue', '01.12.2026');
    expect(before).toContain('Datum: liegt vor dem Beginn von Elbaue (01.01.2027)');
    clock = new Date('2027-02-10T10:00:00+01:00');
    expect(await mergePreview('Elbaue + Moritzburg zu Elbaue', '01.02.2027')).toMatch(
      /^Vorschau: Moritzburg gehen zum 01\.02\.2027 auf in Elbaue;/,
    );
    expect(await chat('kk', '!ja')).toMatch(/^Zusammengeführt in Elbaue zum 01\.02\.2027: Moritzburg/);
    expect(await everTown(moritzburg.id)).toMatchObject({
      until: '2027-02-01',
      mergedInto: moritzburg && (await town('Elbaue'))!.id,
    });
  });

  it('schedules the end of an alliance over GraphQL: previewed, announced, cancellable, and applied on its day', async () => {
    clock = new Date('2027-02-10T10:00:00+01:00');
    const alliances = await store.listEntities({ kind: 'Alliance', limit: 100 });
    const alliance = alliances.find((a) => a.kind === 'Alliance' && a.districtAgs === '14627')!;
    const end = (until: string, dryRun: boolean) =>
      gql(
        hub.yoga,
        `mutation { endRecord(id: "${alliance.id}", until: "${until}", dryRun: ${dryRun}) {
          ... on MutationEndRecordSuccess { data { ... on Alliance { name until } } } ... on HubError { message } } }`,
        {},
        kk,
      );
    const scheduled = async () =>
      (
        await gql(
          hub.yoga,
          '{ scheduledChanges { ... on QueryScheduledChangesSuccess { data { kind effectiveOn record { ... on Alliance { name } } } } } }',
          {},
          kk,
        )
      ).data!.scheduledChanges.data;

    const preview = await end('2027-03-31', true);
    expect(preview.errors ?? preview.data!.endRecord.message).toBeUndefined();
    // The preview answers the record as the change would leave it; scheduling it leaves it as it is.
    expect(preview.data!.endRecord.data).toEqual({ name: alliance.name, until: '2027-03-31' });
    expect(await scheduled()).toEqual([]);
    told.length = 0;
    expect((await end('2027-03-31', false)).data!.endRecord.data).toEqual({ name: alliance.name, until: null });
    expect(await scheduled()).toEqual([
      { kind: 'endRecord', effectiveOn: '2027-03-31', record: { name: alliance.name } },
    ]);
    const [members] = await store.rolesInScopes([alliance.id]);
    const member = members!.find((r) => !r.until)!.personId;
    expect(told.find((t) => t.personId === member)!.text).toBe(
      `Geplant: ${alliance.name} endet zum 31.03.2027; Mitgliedschaften und Verbindungen enden mit. Bis dahin ändert sich nichts; geplante Änderungen zeigt !geplant.`,
    );

    told.length = 0;
    expect(await chat('kk', '!geplant absagen 1')).toMatch(
      new RegExp(
        `^Vorschau – zurücknehmen: ${alliance.name} endet nicht zum 31\\.03\\.2027\\. Alle, denen es angekündigt war, erfahren es\\.\nNoch ist nichts geschehen\\.`,
      ),
    );
    expect(told).toEqual([]);
    expect(await chat('kk', '!ja')).toBe(
      `Zurückgenommen: ${alliance.name} endet nicht zum 31.03.2027. Alle, denen es angekündigt war, sind informiert.`,
    );
    expect(told.find((t) => t.personId === member)!.text).toMatch(
      new RegExp(
        `^Abgesagt: ${alliance.name} endet nicht zum 31\\.03\\.2027; .+ hat die geplante Änderung zurückgenommen\\.$`,
      ),
    );
    clock = new Date('2027-04-01T09:00:00+02:00');
    expect(await hub.services.dueChanges.apply()).toBe(0);
    expect((await store.entitiesByIds([alliance.id]))[0]!.until ?? null).toBeNull();

    expect((await end('2027-04-30', false)).data!.endRecord.data.until).toBeNull();
    clock = new Date('2027-04-30T08:00:00+02:00');
    expect(await hub.services.dueChanges.apply()).toBe(1);
    expect((await store.entitiesByIds([alliance.id]))[0]!.until).toBe('2027-04-30');
    expect((await store.rolesInScopes([alliance.id]))[0]!.filter((r) => !r.until)).toEqual([]);
    expect(await hub.services.dueChanges.apply()).toBe(0);
  });
});
