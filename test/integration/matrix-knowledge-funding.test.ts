import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { notifyingServices } from '../../src/services/hub-services.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// The knowledge base and funding calls of issue 18 on Matrix, through the real Synapse: the
// Koordinationskraft finds the demo article with a typo, subscribes to a topic's calls, and gets
// exactly one reminder in their direct chat when a deadline is 28 days away.

const KK = 'person:demo-14627-koordinationskraft';
const DAY = 86_400_000;

describe('knowledge and funding on Matrix', () => {
  let hub: TestHub;
  let bot: MatrixBot;
  let kk: MatrixUser;
  let direct: string;
  let daysLater = 0;

  beforeAll(async () => {
    hub = await demoHub(undefined, { now: () => new Date(Date.now() + daysLater * DAY) });
    const identities = new ChatIdentities(hub.store);
    const botAccount = await MatrixUser.registerWithToken('hubbot-knowledge');
    kk = await MatrixUser.register('kk-knowledge');
    await identities.requestLink({ transport: 'matrix', userId: kk.userId }, KK);
    await identities.confirm(
      { transport: 'matrix', userId: kk.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => bot.status(),
    });
    bot = new MatrixBot(
      {
        homeserverUrl: inject('synapseUrl'),
        accessToken: botAccount.accessToken,
        allowedInviters: [],
        storagePath: join(mkdtempSync(join(tmpdir(), 'hub-knowledge-')), 'sync.json'),
      },
      dispatcher,
      identities,
      hub.store,
      () => {},
    );
    await bot.start();
    for (const service of notifyingServices(hub.services)) service.addNotifier(bot);
    direct = await kk.createRoom([botAccount.userId], { is_direct: true });
    await kk.waitFor(async () => (await kk.members(direct)).includes(botAccount.userId));
  });
  afterAll(() => bot?.stop());

  it('finds the demo article on accommodation written "unterbringng"', async () => {
    const answer = String((await kk.ask(direct, '!wissen unterbringng')).content.body);
    expect(answer).toContain('Gefunden zu „unterbringng“:');
    expect(answer).toMatch(/1\. Unterbringung Geflüchteter im Landkreis Meißen: die ersten Schritte \(Leitfaden\)/);
  });

  it('reminds a subscriber of a deadline in their direct chat, once', async () => {
    const subscribed = String((await kk.ask(direct, '!foerderung abonnieren Wohnen')).content.body);
    expect(subscribed).toBe('Abonniert. Sie werden vor Fristen erinnert zu: Unterbringung und Wohnen');
    daysLater = 18; // the Land's demo call closes 45 days after the seed: 27 days are left
    expect(await hub.services.funding.remindDue()).toBe(1);
    expect(await hub.services.funding.remindDue()).toBe(0);
    const reminders = async () =>
      (await kk.messages(direct)).filter((m) => String(m.content.body ?? '').startsWith('Förderfrist:'));
    const [reminder] = await kk.waitFor(async () => ((await reminders()).length ? reminders() : null));
    expect(String(reminder!.content.body)).toMatch(
      /^Förderfrist: „Wohnraum und Begleitung beim Einzug \(Demo\)“ \(Freistaat Sachsen\) endet in 27 Tagen, am \d\d\.\d\d\.\d{4}\.\nhttps:\/\/example\.org\/demo\/wohnraum-sachsen\nAbbestellen: !foerderung abbestellen <Thema>/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await reminders()).toHaveLength(1);
  });
});
