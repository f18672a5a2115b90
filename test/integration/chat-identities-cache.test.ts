import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { createServices } from '../../src/services/hub-services.js';
import { NetworkEvents } from '../../src/services/reads/network-events.js';
import { StoreWatcher } from '../../src/services/reads/store-watcher.js';
import { countingStore } from '../support/counting-store.js';

// Chat identities follow every change, whoever writes it (issue 20): a chat message reads its
// sender's link and language from memory, and a link written here, by another instance (through
// the events Redis carries) or by another process (`npm run link`) counts at once.

const KIK = 'person:demo-14627-kik-2';
const KK = 'person:demo-14627-koordinationskraft';

describe('chat identities kept in memory', () => {
  it('reads a sender’s link and language once, then from memory', async () => {
    const backing = EmbeddedStore.inMemory();
    const counted = countingStore(backing);
    const services = createServices(counted.store, { rules: { kikLimitPerLandkreis: 10 } });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    const user = { transport: 'matrix' as const, userId: '@kik:hub.test' };
    await services.identities.linkByAdmin(user, KIK, 'operator');
    await services.identities.viewerFor(user);
    await services.identities.language(user);
    counted.reset();
    for (let i = 0; i < 5; i++) {
      expect((await services.identities.viewerFor(user)).personId).toBe(KIK);
      expect(await services.identities.language(user)).toBe('de');
    }
    expect(counted.calls(), 'no store round trip per message').toBe(0);
  });

  it('sees a link written by another instance, by another process, and an erasure at once', async () => {
    const store = EmbeddedStore.inMemory();
    const here = createServices(store, { rules: { kikLimitPerLandkreis: 10 }, events: new NetworkEvents() });
    await here.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    // Another instance whose changes reach this one as Redis would carry them.
    const there = createServices(store, { rules: { kikLimitPerLandkreis: 10 }, events: new NetworkEvents() });
    there.events.relayTo((change) => here.events.receive(change));

    const user = { transport: 'matrix' as const, userId: '@someone:hub.test' };
    expect((await here.identities.viewerFor(user)).personId, 'not linked yet (and remembered)').toBeNull();
    await there.identities.linkByAdmin(user, KIK, 'operator');
    expect((await here.identities.viewerFor(user)).personId).toBe(KIK);

    // `npm run link` in another process: the store's change counter tells this hub.
    const watcher = new StoreWatcher(store, here.events);
    await watcher.check();
    await new ChatIdentities(store).linkByAdmin(user, KK, 'operator');
    await store.writes.bumpChangeSequence();
    expect(await watcher.check()).toBe(true);
    expect((await here.identities.viewerFor(user)).personId).toBe(KK);

    await here.personalData.erase(KK, SYSTEM);
    expect((await here.identities.viewerFor(user)).personId, 'an erased person’s account is anonymous').toBeNull();
  });
});
