import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { berlinDay } from '../../src/features/meetings/when.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';

// Issue 34: the past where people look. Chat takes a day in !kontakt as GraphQL takes `at:`, and
// a town asked for by the name it had before a merger is answered for the town it belongs to now.

const KIK_RADEBEUL = 'person:demo-14627-kik-2';

describe('history in chat', () => {
  let hub: TestHub;
  let say: (who: string, text: string) => Promise<string>;
  const today = berlinDay(new Date());
  const yesterday = berlinDay(new Date(Date.now() - 86_400_000));
  const german = (day: string) => day.split('-').reverse().join('.');

  beforeAll(async () => {
    hub = await demoHub();
    say = consoleChat(hub, { kik: 'person:demo-14627-kik-1' });
  });

  it('answers !kontakt as of a day: a KIK whose role ended today is the contact of yesterday, not of today', async () => {
    const [kik] = await hub.store.entitiesByIds([KIK_RADEBEUL]);
    expect(await say('kik', '!kontakt Radebeul')).toContain(kik!.name);
    const [roles] = await hub.store.rolesOfPersons([KIK_RADEBEUL]);
    for (const role of roles!) await hub.services.handover.endRole({ id: role.id }, null, SYSTEM);
    expect(await say('kik', '!kontakt Radebeul')).not.toContain(kik!.name);
    for (const asOf of [`am ${german(yesterday)}`, `Stand ${german(yesterday)}`, `zum ${german(yesterday)}`]) {
      const then = await say('kik', `!kontakt Radebeul ${asOf}`);
      expect(then, asOf).toContain(`Ansprechpersonen in Radebeul am ${german(yesterday)}`);
      expect(then, asOf).toContain(kik!.name);
    }
    // !netzwerk takes a day too; then its KIK served Radebeul, today nobody does.
    expect(await say('kik', `!netzwerk Radebeul am ${german(yesterday)}`)).toContain(`${kik!.name} (betreut`);
    expect(await say('kik', '!netzwerk Radebeul')).not.toContain(kik!.name);
    const topic = await say('kik', `!kontakt Radebeul Sprache am ${german(yesterday)}`);
    expect(topic).toContain(`Ansprechpersonen in Radebeul (Sprache und Dolmetschen) am ${german(yesterday)}`);
  });

  it("shows who held a town's roles when: !verlauf and GraphQL history list its KIK by their serving", async () => {
    const [kik] = await hub.store.entitiesByIds([KIK_RADEBEUL]);
    const [links] = await hub.store.lifecycle.allLinksOf([KIK_RADEBEUL]);
    const served = links!.find((l) => l.type === 'SERVES' && l.toId === 'municipality:14627-radebeul')!;
    const since = served.since ? `${german(served.since)} – ` : 'bis ';
    const coordinator = consoleChat(hub, { kk: 'person:demo-14627-koordinationskraft' });
    const answer = await coordinator('kk', '!verlauf Radebeul');
    expect(answer).toContain('Verlauf von Radebeul:');
    expect(answer).toContain(`Kommunale Integrationskoordination: ${kik!.name}, ${since}${german(today)}`);
    const token = await hub.token('DISTRICT_COORDINATOR', 'person:demo-14627-koordinationskraft', {
      districtAgs: '14627',
    });
    const history = await gql(
      hub.yoga,
      '{ history(id: "municipality:14627-radebeul") { ... on QueryHistorySuccess { data { roles { role until person { id } } } } } }',
      {},
      bearer(token),
    );
    expect(history.data!.history.data.roles).toContainEqual({
      role: 'KIK',
      until: today,
      person: { id: KIK_RADEBEUL },
    });
    expect(await say('kik', '!verlauf Radebeul')).toContain('Verlauf von Radebeul:');
  });

  it('answers for the merged town when asked by an old name, and says since when it belongs there', async () => {
    const [before] = await hub.store.lifecycle.allLinksOf(['municipality:14627-coswig']);
    const serving = before!.filter((l) => l.type === 'SERVES' && !l.until);
    await hub.services.merger.mergeMunicipalities(
      ['municipality:14627-coswig', 'municipality:14627-moritzburg'],
      { name: 'Coswig-Moritzburg' },
      SYSTEM,
    );
    const answer = await say('kik', '!kontakt Moritzburg');
    expect(answer).toContain(`Moritzburg gehört seit dem ${german(today)} zu Coswig-Moritzburg.`);
    expect(answer).toContain('Ansprechpersonen in Coswig-Moritzburg');
    expect(answer).not.toContain('Meinten Sie');
    expect(await say('kik', '!kontakt Coswig-Moritzburg')).not.toContain('gehört seit');
    // Whoever served Coswig serves the merged town from the day they began, not from the merger.
    const [merged] = await hub.store.municipalitiesOfDistricts(['14627']);
    const town = merged!.find((m) => m.name === 'Coswig-Moritzburg')!;
    const [after] = await hub.store.lifecycle.allLinksOf([town.id]);
    for (const link of serving)
      expect(after!.find((l) => l.type === 'SERVES' && l.fromId === link.fromId && !l.until)?.since).toBe(
        link.since ?? today,
      );
    expect(serving.length).toBeGreaterThan(0);
  });

  it('asks which KIK serves a merged town when two served the towns, and routes its requests to the one named', async () => {
    const hub = await demoHub();
    const servedBy = async (kik: string) =>
      (await hub.store.lifecycle.allLinksOf([kik]))[0]!
        .filter((l) => l.type === 'SERVES' && !l.until)
        .map((l) => l.toId);
    const first = 'person:demo-14627-kik-1';
    const second = 'person:demo-14627-kik-2';
    const [townA] = await servedBy(first);
    const [townB] = await servedBy(second);
    const [a, b, kikA, kikB] = await hub.store.entitiesByIds([townA!, townB!, first, second]);
    const coordinator = consoleChat(hub, { kk: 'person:demo-14627-koordinationskraft' });
    const asked = await coordinator('kk', `!zusammenführen ${a!.name} + ${b!.name} zu Elbaue`);
    expect(asked).toContain(
      `bitte angeben, wer die zusammengeführte Gemeinde betreut: ${kikA!.name} oder ${kikB!.name}`,
    );
    expect((await hub.store.entitiesByIds([townA!]))[0]!.until ?? null).toBeNull();

    const preview = await coordinator(
      'kk',
      `!zusammenführen ${a!.name} + ${b!.name} zu Elbaue betreut von ${kikB!.name}`,
    );
    expect(preview).toContain('Vorschau:');
    const merged = await coordinator('kk', '!ja');
    expect(merged).toContain('Zusammengeführt in Elbaue');
    const [towns] = await hub.store.municipalitiesOfDistricts(['14627']);
    const elbaue = towns!.find((t) => t.name === 'Elbaue')!;
    const [links] = await hub.store.lifecycle.allLinksOf([elbaue.id]);
    expect(links!.filter((l) => l.type === 'SERVES' && !l.until).map((l) => l.fromId)).toEqual([second]);
    const volunteer = await hub.services.identities.viewerOfPerson('person:demo-14627-alliance-1-volunteer-1');
    const request = await hub.services.requests.file(
      { place: 'Elbaue', topic: null, text: 'Wer hilft beim Umzug?' },
      volunteer,
    );
    expect(request.handlerId).toBe(second);
  });
});
