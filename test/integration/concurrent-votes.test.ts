import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Issue 33: a vote is a record of its own. With polls kept as one JSON document, votes given at
// the same moment read the same document and the last write won: the others were lost. Every
// invitee of a date poll votes at once here, on both stores, and every vote counts.

describe.each(storeFactories)('votes given at the same moment on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    hub = await demoHub(opened.store);
  });
  afterAll(async () => dispose?.());

  it('counts every vote of a date poll when all invitees vote at once', async () => {
    const organiser = await hub.services.identities.viewerOfPerson('person:demo-14627-koordinationskraft');
    const poll = await hub.services.datePolls.propose(
      {
        title: 'Austausch Integrationskurse',
        slots: ['14.1.2027 10 Uhr', '15.1.2027 10 Uhr', '18.1.2027 14 Uhr'],
        invite: ['Radebeul', 'Coswig', 'Meißen', 'Riesa', 'Großenhain'],
        includeAlliances: true,
      },
      organiser,
    );
    expect(poll.inviteeIds.length).toBeGreaterThanOrEqual(5);
    const voters: Viewer[] = await Promise.all(poll.inviteeIds.map((id) => hub.services.identities.viewerOfPerson(id)));
    await Promise.all(voters.map((voter, i) => hub.services.datePolls.vote(poll.id, [(i % 3) + 1], voter)));
    const stored = await hub.store.polls.datePollById(poll.id);
    expect(Object.keys(stored!.votes).sort()).toEqual([...poll.inviteeIds].sort());
  });
});
