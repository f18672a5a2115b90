import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { emptyRevision, versionOf } from '../../src/services/lifecycle/domain/revisions.js';
import { createHubServer } from '../../src/server/http.js';
import { smtpMailSender } from '../../src/server/smtp-mail-sender.js';
import type { MailSender } from '../../src/services/mail/mail-outbox.js';
import { honouringChatSettings } from '../../src/features/notifications/notification-settings.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { plain } from '../support/told.js';
import { wordNotice } from '../../bots/core/notice-texts.js';
import { rawKey } from '../support/raw-key.js';

// E-mail to the people who are not in the chat, through a real SMTP server on loopback
// (smtp-server), sent by nodemailer, read back with mailparser and ical.js as a calendar program
// reads it; the one-click links are followed over HTTP against the hub's own server.

const KK = 'person:demo-14627-koordinationskraft';
const BEAUFTRAGTE = 'person:demo-14627-beauftragte';
const KIK_RADEBEUL = 'person:demo-14627-kik-2';
const JOBCENTER = 'person:demo-14627-jobcenter-contact';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';

describe('e-mail to people outside the chat', () => {
  let hub: TestHub;
  let smtp: TestSmtp;
  let sender: MailSender & { close(): void };
  let server: Server;
  let hubUrl: string;
  let now = new Date('2026-12-02T09:00:00.000Z');
  const viewer = (personId: string): Promise<Viewer> => hub.services.identities.viewerOfPerson(personId);
  const outbox = () => hub.services.mail!.outbox;
  const addressOf = async (personId: string) =>
    (await hub.store.entitiesByIds([personId]))[0]!.kind === 'Person'
      ? (
          (await hub.store.entitiesByIds([personId]))[0] as { channels: { channel: string; value: string }[] }
        ).channels.find((c) => c.channel === 'EMAIL')!.value
      : '';
  const mailsTo = async (personId: string) => {
    const address = await addressOf(personId);
    return smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(address)));
  };
  /** Sends what waits and returns what the server took. */
  const send = () => outbox().deliver(sender);
  const calendarOf = (mail: ParsedMail) => {
    const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(part, 'the mail carries a calendar part').toBeDefined();
    const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')) as unknown[]);
    const event = calendar.getFirstSubcomponent('vevent')!;
    return {
      method: String(calendar.getFirstPropertyValue('method')),
      uid: String(event.getFirstPropertyValue('uid')),
      sequence: Number(event.getFirstPropertyValue('sequence')),
      attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
      status: String(event.getFirstPropertyValue('status')),
    };
  };
  const linksIn = (mail: ParsedMail) =>
    [...(mail.text ?? '').matchAll(/https?:\/\/\S+\/mail\/act\?t=[\w.-]+/g)].map((m) =>
      m[0].replace('http://hub.test', hubUrl),
    );
  const linkAfter = (mail: ParsedMail, label: string) => {
    const line = (mail.text ?? '').split('\n').find((l) => l.trim().startsWith(`${label}:`));
    expect(line, `a line "${label}: <link>"`).toBeDefined();
    return linksIn({ text: line } as ParsedMail)[0]!;
  };
  const unsubscribeUrlOf = (mail: ParsedMail) =>
    /<(https?:[^>]+)>/
      .exec(mail.headerLines.find((l) => l.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, '') ?? '')?.[1]
      ?.replace('http://hub.test', hubUrl);
  const confirm = async (link: string, note?: string) => {
    const url = new URL(link);
    const body = new URLSearchParams({ t: url.searchParams.get('t')!, ...(note ? { note } : {}) });
    const response = await fetch(`${hubUrl}/mail/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    sender = smtpMailSender(smtp.url, '"Integrations-Hub Meißen" <hub@kreis-meissen.example>');
    hub = await demoHub(undefined, {
      now: () => now,
      mail: {
        publicUrl: 'http://hub.test',
        fromName: 'Integrations-Hub Meißen',
        fromAddress: 'hub@kreis-meissen.example',
        linkDays: 14,
        wording: wordNotice,
      },
    });
    server = createHubServer(hub.yoga, { maxBodyBytes: 100_000, mailActions: hub.services.mail!.actions });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The KIK of Radebeul is in the chat: notifications reach them there, not by mail.
    await hub.services.identities.linkByAdmin(
      { transport: 'matrix', userId: '@kik2:hub.test' },
      KIK_RADEBEUL,
      'operator',
    );
  });
  afterAll(async () => {
    sender?.close();
    server?.close();
    await smtp?.stop();
  });

  it('invites a Beauftragte without chat account with a calendar invitation, updates and cancels it', async () => {
    const organiser = await viewer(KK);
    const meeting = await hub.services.meetings.schedule(
      { title: 'Austausch Wohnraum', when: '10.12.2026 14:00', invite: [BEAUFTRAGTE, KIK_RADEBEUL], confirmed: true },
      organiser,
    );
    expect(await send()).toBe(1);
    const [invitation] = await mailsTo(BEAUFTRAGTE);
    expect(invitation!.subject).toContain('Einladung: „Austausch Wohnraum“');
    expect(invitation!.text).toContain('Guten Tag');
    expect(invitation!.text).toMatch(/Ihre Antwort:\n {2}Zusagen: http\S+\n {2}Absagen: http\S+\n {2}Vielleicht: http/);
    const invited = calendarOf(invitation!);
    expect(invited).toMatchObject({ method: 'REQUEST', uid: `${meeting.id}@integration-hub` });
    expect(invited.attendees).toEqual([`mailto:${await addressOf(BEAUFTRAGTE)}`]);
    expect(await mailsTo(KIK_RADEBEUL), 'someone in the chat gets no mail').toHaveLength(0);

    await hub.services.meetings.reschedule(meeting.id, '11.12.2026 10:00', organiser);
    await send();
    const moved = (await mailsTo(BEAUFTRAGTE))[1]!;
    expect(calendarOf(moved)).toMatchObject({ method: 'REQUEST', uid: invited.uid });
    expect(calendarOf(moved).sequence).toBeGreaterThan(invited.sequence);

    // The answer in the mail answers for her.
    const yes = linkAfter(moved, 'Zusagen');
    const page = await fetch(yes);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zusagen?');
    expect(
      (await hub.store.meetings.meetingById(meeting.id))!.rsvps[BEAUFTRAGTE],
      'opening the page changes nothing',
    ).toBe(undefined);
    expect(await confirm(yes)).toMatchObject({ status: 200, text: expect.stringContaining('Sie haben zugesagt.') });
    expect((await hub.store.meetings.meetingById(meeting.id))!.rsvps[BEAUFTRAGTE]).toBe('YES');

    await hub.services.meetings.cancel(meeting.id, organiser);
    await send();
    const cancelled = (await mailsTo(BEAUFTRAGTE))[2]!;
    expect(calendarOf(cancelled)).toMatchObject({ method: 'CANCEL', uid: invited.uid, status: 'CANCELLED' });
    expect(calendarOf(cancelled).sequence).toBeGreaterThan(calendarOf(moved).sequence);
  });

  it('lets an institution contact accept a forwarded request through the link in the mail, once', async () => {
    const request = await hub.services.requests.file(
      { place: 'Radebeul', topic: 'Arbeitsmarkt', text: 'Wir suchen Praktikumsplätze für zwei Geflüchtete.' },
      await viewer(VOLUNTEER),
    );
    await hub.services.requests.forward(request.id, await viewer(KIK_RADEBEUL), KK, null);
    // The Koordinationskraft is not in the chat either: she gets the request by mail.
    await send();
    const toKk = (await mailsTo(KK)).find((m) => m.text?.includes('Praktikumsplätze'))!;
    expect(toKk.subject).toContain('Weitergeleitete Anfrage');
    await hub.services.requests.forward(request.id, await viewer(KK), JOBCENTER, 'Bitte Praktika prüfen');
    await send();
    const mail = (await mailsTo(JOBCENTER)).find((m) => m.text?.includes('Praktikumsplätze'))!;
    expect(mail.text).toContain('Wir suchen Praktikumsplätze');
    expect(unsubscribeUrlOf(mail)).toMatch(/\/mail\/act\?t=/);
    expect(mail.headerLines.find((l) => l.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    const accept = linkAfter(mail, 'Annehmen');
    expect(await confirm(accept)).toMatchObject({ status: 200, text: expect.stringContaining('angenommen') });
    expect(await hub.store.requests.requestById(request.id)).toMatchObject({ state: 'ACCEPTED', handlerId: JOBCENTER });
    const again = await confirm(accept);
    expect(again.status).toBe(409);
    expect(again.text).toContain('bereits benutzt');
    expect((await hub.store.requests.requestById(request.id))!.hops.filter((h) => h.kind === 'ACCEPTED')).toHaveLength(
      1,
    );
  });

  it('refuses a changed or an expired link and says so without acting', async () => {
    const request = await hub.services.requests.file(
      { place: 'Coswig', topic: null, text: 'Gibt es einen Sprachkurs am Abend?' },
      await viewer(VOLUNTEER),
    );
    await send();
    const handler = (await hub.store.requests.requestById(request.id))!.handlerId;
    const mail = (await mailsTo(handler)).find((m) => m.text?.includes('Sprachkurs am Abend'))!;
    const accept = linkAfter(mail, 'Annehmen');
    const forged = accept.replace(/t=(\w)/, (_, c: string) => `t=${c === 'A' ? 'B' : 'A'}`);
    expect(await confirm(forged)).toMatchObject({ status: 400, text: expect.stringContaining('ungültig') });
    const saved = now;
    now = new Date(now.getTime() + 15 * 86_400_000);
    try {
      expect(await confirm(accept)).toMatchObject({ status: 400, text: expect.stringContaining('abgelaufen') });
    } finally {
      now = saved;
    }
    expect((await hub.store.requests.requestById(request.id))!.state).toBe('ROUTED');

    // Handing it to the coordination from the mail, with a note.
    const forward = linkAfter(mail, 'An die Koordinationskraft des Kreises geben');
    expect(await confirm(forward, 'Abendkurse kennt der Kreis besser')).toMatchObject({ status: 200 });
    const moved = (await hub.store.requests.requestById(request.id))!;
    expect(moved).toMatchObject({ handlerId: KK, level: 'KOORDINATIONSKRAFT' });
    expect(moved.hops.at(-1)).toMatchObject({ kind: 'FORWARDED', note: 'Abendkurse kennt der Kreis besser' });
  });

  it('keeps mails through an SMTP outage and sends each once when the server is back', async () => {
    await send();
    const before = smtp.received.length;
    await smtp.stop();
    const organiser = await viewer(KK);
    await hub.services.meetings.schedule(
      { title: 'Austausch Kita-Plätze', when: '14.12.2026 09:00', invite: [BEAUFTRAGTE], confirmed: true },
      organiser,
    );
    expect(await send()).toBe(0);
    const waiting = await outbox().waiting();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ attempts: 1, lastError: expect.any(String) });

    await smtp.start();
    expect(await send(), 'the next try waits for its pause').toBe(0);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await send()).toBe(1);
    expect(await send()).toBe(0);
    await smtp.waitFor(before + 1);
    expect(smtp.received.slice(before).map((m) => m.subject)).toEqual([
      expect.stringContaining('Austausch Kita-Plätze'),
    ]);
    expect(await outbox().waiting()).toHaveLength(0);
  });

  it('never mails someone who unsubscribed in one click, or whose address bounced', async () => {
    const [latest] = (await mailsTo(BEAUFTRAGTE)).slice(-1);
    const unsubscribe = unsubscribeUrlOf(latest!);
    const response = await fetch(unsubscribe!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const organiser = await viewer(KK);
    const count = (await mailsTo(BEAUFTRAGTE)).length;
    await hub.services.meetings.schedule(
      { title: 'Austausch Ehrenamt', when: '15.12.2026 09:00', invite: [BEAUFTRAGTE], confirmed: true },
      organiser,
    );
    await send();
    expect(await mailsTo(BEAUFTRAGTE)).toHaveLength(count);

    // The job centre's contact moved; the new address does not exist.
    const [contact] = await hub.store.entitiesByIds([JOBCENTER]);
    if (contact?.kind !== 'Person') throw new Error('demo contact missing');
    await hub.services.reviser.revise(
      {
        ...emptyRevision(),
        updates: [
          {
            entity: {
              ...contact,
              channels: [{ channel: 'EMAIL', value: 'jobcenter.bounce@demo.invalid', visibility: 'NETWORK' }],
              version: versionOf(contact) + 1,
            },
            expectedVersion: versionOf(contact),
          },
        ],
      },
      SYSTEM,
      'updatePerson',
      {},
      [JOBCENTER],
    );
    const tell = () =>
      hub.services.meetings.tell([JOBCENTER], plain('Neue Termine im Januar.', 'New dates in January.'));
    await tell();
    expect(await send(), 'the server refuses the address').toBe(0);
    expect(await outbox().waiting(), 'a refused address is not tried again').toHaveLength(0);
    expect(await outbox().bounced('jobcenter.bounce@demo.invalid')).toBe(true);
    await tell();
    expect(await outbox().waiting(), 'nor queued again').toHaveLength(0);
  });

  it('lets people choose what reaches them where: a daily digest, kinds of mail, chat off (issue 19)', async () => {
    await send();
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    const set = await gql(
      hub.yoga,
      'mutation { setNotificationSettings(input: { digest: DAILY, mutedKinds: [network] }) { ... on MutationSetNotificationSettingsSuccess { data { email chat digest mutedKinds } } } }',
      {},
      kk,
    );
    expect(set.data!.setNotificationSettings.data).toEqual({
      email: 'AUTO',
      chat: true,
      digest: 'DAILY',
      mutedKinds: ['network'],
    });
    expect((await gql(hub.yoga, '{ myNotificationSettings { digest } }', {}, kk)).data).toEqual({
      myNotificationSettings: { digest: 'DAILY' },
    });

    now = new Date('2026-12-02T10:00:00.000Z');
    const request = await hub.services.requests.file(
      { place: 'Radebeul', topic: null, text: 'Wer kennt eine Dolmetscherin für Dari?' },
      await viewer(VOLUNTEER),
    );
    await hub.services.requests.forward(request.id, await viewer(KIK_RADEBEUL), KK, null);
    await hub.services.mail!.notifier.notify(KK, plain('Netzwerk-Hinweis', 'Network note'), 'network');
    expect(
      (await outbox().waiting()).filter((m) => m.personId === KK),
      'nothing at once',
    ).toEqual([]);
    expect(await hub.services.mail!.notifier.sendDigests(), 'the digest goes out at 7:00').toBe(0);

    now = new Date('2026-12-03T06:30:00.000Z'); // 7:30 in Berlin
    expect(await hub.services.mail!.notifier.sendDigests()).toBe(1);
    expect(await hub.services.mail!.notifier.sendDigests(), 'once').toBe(0);
    await send();
    const digest = (await mailsTo(KK)).at(-1)!;
    expect(digest.subject).toBe('Ihre Zusammenfassung aus dem Integrations-Hub (1 Nachricht)');
    expect(digest.text).toContain('Weitergeleitete Anfrage');
    expect(digest.text).toMatch(/Annehmen: http:\/\/hub\.test\/mail\/act\?t=/);
    expect(digest.text).not.toContain('Netzwerk-Hinweis');

    // Someone in the chat who turned chat notifications off gets them by mail instead.
    const inChat: string[] = [];
    const chat = honouringChatSettings(
      { notify: async (personId) => void inChat.push(personId) },
      hub.services.notificationSettings,
    );
    await hub.services.notificationSettings.change(KIK_RADEBEUL, { chat: false });
    await chat.notify(KIK_RADEBEUL, plain('x', 'x'));
    expect(inChat).toEqual([]);
    await hub.services.meetings.tell([KIK_RADEBEUL], plain('Raumänderung am Freitag.', 'Room change on Friday.'));
    expect((await outbox().waiting()).filter((m) => m.personId === KIK_RADEBEUL).map((m) => m.subject)).toEqual([
      'Raumänderung am Freitag.',
    ]);
  });

  it('forgets an erased person’s waiting mails, digest and settings, and exports them before (issue 19)', async () => {
    // The Koordinationskraft chose a daily digest above; one item waits in it, one mail in the outbox.
    await hub.services.mail!.notifier.notify(KK, plain('Noch eine Anfrage.', 'One more request.'), 'requests');
    await hub.services.mail!.notifier.invite(
      KK,
      (await hub.store.meetings.meetingsOf([BEAUFTRAGTE], '2026-01-01', '2027-12-31'))[0]!,
      plain('Einladung', 'Invitation'),
    );
    const exported = (await hub.services.personalData.export(await viewer(KK))) as {
      mail: { notificationSettings: { digest: string }; waiting: { subject: string }[] };
    };
    expect(exported.mail.notificationSettings.digest).toBe('DAILY');
    expect(exported.mail.waiting.map((m) => m.subject)).toEqual(['Einladung']);
    expect(await hub.store.coordination.listState(rawKey(`mail-digest:${KK}:`))).toHaveLength(1);

    await hub.services.personalData.erase(KK, SYSTEM);
    expect((await outbox().waiting()).filter((m) => m.personId === KK)).toEqual([]);
    expect(await hub.store.coordination.listState(rawKey(`mail-digest:${KK}:`))).toEqual([]);
    expect(await hub.services.notificationSettings.of(KK)).toMatchObject({ digest: 'NONE', mutedKinds: [] });
  });
});
