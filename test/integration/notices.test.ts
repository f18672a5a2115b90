import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { dueWork } from '../../src/server/due-work.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';
import { rawKey } from '../support/raw-key.js';

// Nothing lost between a change and its notice (issue 19, "nothing lost"): the notice of a request
// or a meeting is written in the same transaction as the change; when the process dies right after the
// commit, the timers of the next start hand it on, once.

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KIK_RADEBEUL = 'person:demo-14627-kik-2';

describe.each(storeFactories)('notices of a request on the $name store', (factory) => {
  let store: GraphStore;
  let dispose: () => Promise<void>;
  let now = new Date('2026-12-02T09:00:00.000Z');
  const open = (): HubServices =>
    createServices(store, { rules: { kikLimitPerLandkreis: 10 }, now: () => now, escalateAfterHours: 72 });

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    await open().writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
  });
  afterAll(async () => dispose());

  it('hands on a notice an older release left as text, in the reader’s language (issue 17)', async () => {
    const at = new Date(now.getTime() - 120_000).toISOString();
    await store.coordination.setState(rawKey(`notice:requests:${at}:0b7c1e6a-older-release`), {
      personId: KIK_RADEBEUL,
      message: { de: 'Neue Anfrage request:0ldf0rm für Radebeul', en: 'New request request:0ldf0rm for Radebeul' },
    });
    const services = open();
    const told: { personId: string; text: string }[] = [];
    services.requests.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, text: inGerman(notice) }),
    });
    expect(await services.requests.deliverLeftNotices()).toBe(1);
    expect(await services.requests.deliverLeftNotices()).toBe(0);
    expect(told).toEqual([{ personId: KIK_RADEBEUL, text: 'Neue Anfrage request:0ldf0rm für Radebeul' }]);
  });

  it('tells the handler of a request filed just before the process died, once, after the restart', async () => {
    const realSave = store.requests.saveRequest.bind(store.requests);
    // The process is killed right after the request's transaction committed.
    store.requests.saveRequest = async (...args) => {
      await realSave(...args);
      throw new Error('process killed');
    };
    const before = open();
    const viewer = await before.identities.viewerOfPerson(VOLUNTEER);
    const told: string[] = [];
    before.requests.addNotifier({ notify: async (personId) => void told.push(personId) });
    await expect(
      before.requests.file({ place: 'Radebeul', topic: null, text: 'Wer hilft beim Wohngeldantrag?' }, viewer),
    ).rejects.toThrow('process killed');
    store.requests.saveRequest = realSave;
    const [filed] = await store.requests.requestsOf(VOLUNTEER, 5);
    expect(filed, 'the request was saved').toMatchObject({ handlerId: KIK_RADEBEUL });
    expect(told).toEqual([]);

    // The next start: its timers hand on what was left, once.
    now = new Date(now.getTime() + 60_000);
    const after = open();
    const toldAfter: { personId: string; text: string }[] = [];
    after.requests.addNotifier({
      notify: async (personId, message) => void toldAfter.push({ personId, text: inGerman(message) }),
    });
    const timers = dueWork(after, { retentionDays: 365, reviewRemindDays: 7 }, () => {});
    await timers();
    await timers();
    expect(toldAfter).toEqual([{ personId: KIK_RADEBEUL, text: expect.stringContaining('Neue Anfrage für Radebeul') }]);
  });

  it('invites the people of a meeting scheduled just before the process died, once, after the restart', async () => {
    const realSave = store.meetings.saveMeetings.bind(store.meetings);
    store.meetings.saveMeetings = async (...args) => {
      await realSave(...args);
      throw new Error('process killed');
    };
    const before = open();
    const organiser = await before.identities.viewerOfPerson('person:demo-14627-koordinationskraft');
    await expect(
      before.meetings.schedule(
        { title: 'Austausch Ehrenamt', when: '10.12.2026 14:00', invite: [KIK_RADEBEUL], confirmed: true },
        organiser,
      ),
    ).rejects.toThrow('process killed');
    store.meetings.saveMeetings = realSave;

    now = new Date(now.getTime() + 60_000);
    const after = open();
    const invited: { personId: string; meeting: string; text: string }[] = [];
    after.meetings.addNotifier({
      notify: async () => undefined,
      invite: async (personId, meeting, message) =>
        void invited.push({ personId, meeting: meeting.title, text: inGerman(message) }),
    });
    const timers = dueWork(after, { retentionDays: 365, reviewRemindDays: 7 }, () => {});
    await timers();
    await timers();
    // The district's Beauftragte is invited to every exchange meeting as well.
    expect(invited.map((i) => i.personId).sort()).toEqual(['person:demo-14627-beauftragte', KIK_RADEBEUL]);
    expect(invited.every((i) => i.meeting === 'Austausch Ehrenamt' && i.text.startsWith('Einladung'))).toBe(true);
  });

  it('reminds of a meeting once although the process died right after claiming the reminder', async () => {
    const realClaim = store.coordination.claimOnce.bind(store.coordination);
    store.coordination.claimOnce = async (key, ...rest) => {
      const first = await realClaim(key, ...rest);
      if (key.startsWith('reminder:')) throw new Error('process killed');
      return first;
    };
    now = new Date('2026-12-09T14:00:00.000Z'); // within a day of the meeting of the test before
    const before = open();
    await expect(before.meetings.sendDueReminders()).rejects.toThrow('process killed');
    store.coordination.claimOnce = realClaim;

    now = new Date(now.getTime() + 60_000);
    const after = open();
    const reminded: string[] = [];
    after.meetings.addNotifier({
      notify: async (personId, message) => void (inGerman(message).startsWith('Erinnerung') && reminded.push(personId)),
    });
    const timers = dueWork(after, { retentionDays: 365, reviewRemindDays: 7 }, () => {});
    await timers();
    await timers();
    expect(reminded.sort()).toEqual(
      ['person:demo-14627-beauftragte', 'person:demo-14627-koordinationskraft', KIK_RADEBEUL].sort(),
    );
  });

  it('writes no notice when the request is not saved (someone changed it first)', async () => {
    const services = open();
    const [request] = await store.requests.requestsOf(VOLUNTEER, 5);
    const stale = { ...request!, version: request!.version + 5 };
    expect(
      await store.requests.saveRequest(stale, [{ key: rawKey('notice:requests:test'), value: { personId: 'x' } }]),
    ).toBe(false);
    expect(await store.coordination.getState(rawKey('notice:requests:test'))).toBeNull();
    expect(await services.requests.deliverLeftNotices()).toBe(0);
  });
});
