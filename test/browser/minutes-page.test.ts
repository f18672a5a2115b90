import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { createHubServer } from '../../src/server/http.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { inGerman } from '../support/told.js';

// The printable minutes (issue 19) in a real Chromium: the link sent with the closed minutes
// opens them for that person, they print without the page's chrome, and they pass axe.

const KK = 'person:demo-14627-koordinationskraft';
const KIK = 'person:demo-14627-kik-1';

describe('printable minutes', () => {
  let hub: TestHub;
  let server: Server;
  let browser: Browser;
  let hubUrl: string;
  const told = new Map<string, string>();

  beforeAll(async () => {
    const port = await freePort();
    hubUrl = `http://127.0.0.1:${port}`;
    hub = await demoHub(undefined, { publicUrl: hubUrl });
    server = createHubServer(hub.yoga, { maxBodyBytes: 100_000, minutes: hub.services.minutes });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    browser = await launchChromium();

    const organiser = await hub.services.identities.viewerOfPerson(KK);
    const kik = await hub.services.identities.viewerOfPerson(KIK);
    await hub.services.meetings.schedule(
      { title: 'Austausch <Wohnen> & Kita', when: 'in 20 Minuten', invite: [KIK], confirmed: true },
      organiser,
    );
    await hub.services.minutes.note(organiser, 'DECISION', 'Wir teilen uns die Dolmetscherliste.');
    await hub.services.minutes.note(kik, 'INFO', '<script>alert(1)</script> Sprachkurse ab Januar.');
    const kikName = (await hub.store.entitiesByIds([KIK]))[0]!.name;
    await hub.services.minutes.task(organiser, kikName, 'übermorgen', 'Raumliste schicken');
    await hub.services.minutes.markPresent(kik, []);
    const poll = await hub.services.decisionPolls.open(organiser, 'Gemeinsamer Flyer?', ['Ja', 'Nein']);
    await hub.services.decisionPolls.vote(poll.id, 1, kik);
    hub.services.minutes.addNotifier({
      notify: async (personId, message) => void told.set(personId, inGerman(message)),
    });
    await hub.services.minutes.close(organiser);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const printLink = (personId: string) => /Zum Drucken: (\S+)/.exec(told.get(personId) ?? '')?.[1];

  it('opens the minutes for the invitee from the link sent with them, printable and accessible', async () => {
    const link = printLink(KIK);
    expect(link).toMatch(new RegExp(`^${hubUrl}/minutes/meeting%3A[0-9a-f]+\\?t=`));
    const page = await browser.newPage({ locale: 'de-DE' });
    const response = await page.goto(link!);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Protokoll: Austausch <Wohnen> & Kita');
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('Wir teilen uns die Dolmetscherliste.');
    expect(text).toContain('Gemeinsamer Flyer?: Ja 1, Nein 0');
    expect(text).toMatch(/Raumliste schicken \(.+, bis \d\d\.\d\d\.20\d\d\)/);
    expect(text).toContain('<script>alert(1)</script> Sprachkurse ab Januar.');
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.pdf({ format: 'A4' })).toBeInstanceOf(Buffer);
    await page.close();
  });

  it('refuses a changed link, and another meeting’s minutes with a valid one', async () => {
    const link = printLink(KIK)!;
    const page = await browser.newPage({ locale: 'de-DE' });
    const forged = link.replace(/t=(\w)/, (_, c: string) => `t=${c === 'A' ? 'B' : 'A'}`);
    expect((await page.goto(forged))!.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain('Dieser Link ist ungültig');
    const other = link.replace(/meeting%3A[0-9a-f]+/, 'meeting%3A00000000');
    expect((await page.goto(other))!.status()).toBe(404);
    await page.close();
  });
});
