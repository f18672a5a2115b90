import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import type { ChatUser } from '../../bots/core/command.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { toPlainText } from '../../bots/core/render.js';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { npmRun } from '../support/npm-start.js';
import { inGerman } from '../support/told.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';

// Issue 21, finding 3: no supported way confirmed the first Matrix account (the console admin's
// !bestätigen said the account is unknown; there was no mutation or command), and people had to
// know their person id. Each of these failed before.

describe('linking chat accounts from the first minute', () => {
  let hub: TestHub;
  let identities: ChatIdentities;
  let dispatcher: Dispatcher;
  const say = async (user: ChatUser, text: string) =>
    toPlainText((await dispatcher.handle({ user, text, inGroupRoom: false }))!.reply);

  beforeAll(async () => {
    hub = await demoHub();
    identities = new ChatIdentities(hub.store);
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
  });

  it('links the first admin account from the shell (npm run link)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-link-'));
    const seeded = EmbeddedStore.open(dataDir);
    await seeded.close();
    await npmRun('seed', [], { HUB_DATA_DIR: dataDir });
    const printed = await npmRun('link', ['confirm', '@admin:hub.test', 'person:demo-admin'], {
      HUB_DATA_DIR: dataDir,
    });
    expect(printed).toContain('@admin:hub.test is now linked to');
    const store = EmbeddedStore.open(dataDir);
    try {
      expect(
        await new ChatIdentities(store).viewerFor({ transport: 'matrix', userId: '@admin:hub.test' }),
      ).toMatchObject({ personId: 'person:demo-admin', access: 'ADMIN' });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('lets an admin link an account over GraphQL, never to themselves', async () => {
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const linked = await gql(
      hub.yoga,
      'mutation { confirmChatLink(account: "@kk:hub.test", personId: "person:demo-14627-koordinationskraft") { __typename ... on MutationConfirmChatLinkSuccess { data { account personId transport } } } }',
      {},
      admin,
    );
    expect(linked.data!.confirmChatLink.data).toEqual({
      account: '@kk:hub.test',
      personId: 'person:demo-14627-koordinationskraft',
      transport: 'MATRIX',
    });
    expect(await say({ transport: 'matrix', userId: '@kk:hub.test' }, '!status')).toContain('Datenbank');
    const self = await gql(
      hub.yoga,
      'mutation { confirmChatLink(account: "@me:hub.test", personId: "person:demo-admin") { __typename ... on HubError { code } } }',
      {},
      admin,
    );
    expect(self.data!.confirmChatLink).toEqual({ __typename: 'HubError', code: 'NOT_ALLOWED' });
  });

  it("tells the coordinators of the person's district of a pending link, and the person once confirmed", async () => {
    const told: { personId: string; text: string }[] = [];
    const notifier = {
      notify: async (personId: string, message: HubNotice) => void told.push({ personId, text: inGerman(message) }),
    };
    hub.services.identities.addNotifier(notifier);
    try {
      const account: ChatUser = { transport: 'matrix', userId: '@wartend:hub.test' };
      await hub.services.identities.requestLink(account, 'person:demo-14627-alliance-2-volunteer-1');
      const toCoordinators = told.filter((t) => t.text.includes('@wartend:hub.test möchte als'));
      expect(toCoordinators.map((t) => t.personId)).toEqual(
        expect.arrayContaining(['person:demo-14627-koordinationskraft', 'person:demo-14627-kik-1']),
      );
      expect(expandCommandRefs(toCoordinators[0]!.text, 'de', COMMANDS)).toContain(
        '!bestätigen @wartend:hub.test person:demo-14627-alliance-2-volunteer-1',
      );
      await hub.services.identities.confirm(
        account,
        await hub.services.identities.viewerOfPerson('person:demo-14627-koordinationskraft'),
        'person:demo-14627-alliance-2-volunteer-1',
      );
      expect(told.at(-1)).toEqual({
        personId: 'person:demo-14627-alliance-2-volunteer-1',
        text: expect.stringContaining('ist jetzt mit Ihrer Person verknüpft'),
      });
    } finally {
      hub.services.identities.removeNotifier(notifier);
    }
  });

  it('takes a name instead of a person id, and shows whom the account asked to be', async () => {
    const [volunteer] = await hub.store.entitiesByIds(['person:demo-14627-alliance-1-volunteer-1']);
    const account: ChatUser = { transport: 'matrix', userId: '@neu:hub.test' };
    const asked = await say(account, `!ich verknüpfen ${volunteer!.name}`);
    expect(asked).toContain(`als ${volunteer!.name} verknüpft zu werden`);
    expect(await identities.link(account)).toMatchObject({ personId: volunteer!.id, status: 'pending' });
    expect(await say({ transport: 'matrix', userId: '@other:hub.test' }, '!ich verknüpfen Niemand Sonstwer')).toContain(
      'Ich finde niemanden mit genau diesem Namen',
    );
  });
});
