import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { toPlainText } from '../../bots/core/render.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';
import { registerUser, startSynapse, type RunningSynapse } from '../support/synapse/synapse.js';

// Synapse stopped and started again under a running bot: the bot resumes by itself, and a
// message sent before it reconnected is answered exactly once. A Synapse of its own, so the
// other Matrix tests keep theirs.

describe('the Matrix bot when Synapse goes away and comes back', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-synapse-outage-'));
  let synapse: RunningSynapse;
  let hub: TestHub;
  let bot: MatrixBot;
  let alice: MatrixUser;
  let room: string;
  let botUserId: string;
  let dispatcher: Dispatcher;
  const logged: string[] = [];

  beforeAll(async () => {
    synapse = await startSynapse(dataDir);
    hub = await demoHub();
    const identities = new ChatIdentities(hub.store);
    const account = await registerUser(synapse, `hubbot-outage`);
    botUserId = account.userId;
    identities.trust({ transport: 'console', userId: 'kk' }, 'person:demo-14627-koordinationskraft');
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => bot.status(),
    });
    bot = new MatrixBot(
      {
        homeserverUrl: synapse.url,
        accessToken: account.accessToken,
        allowedInviters: [],
        storagePath: join(dataDir, 'bot-sync.json'),
      },
      dispatcher,
      identities,
      hub.store,
      (line) => void logged.push(line),
    );
    await bot.start();
    alice = await MatrixUser.register('alice', synapse);
    room = await alice.createRoom([botUserId], { is_direct: true });
    await alice.waitFor(async () => (await alice.members(room)).includes(botUserId));
  }, 120_000);

  afterAll(async () => {
    bot?.stop();
    await synapse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after the outage and answers what was sent meanwhile exactly once', async () => {
    const before = await alice.send(room, '!hilfe');
    expect((await alice.repliesTo(room, before))[0]?.sender).toBe(botUserId);

    await synapse.stop();
    await alice.waitFor(async () => bot.status().lastError !== null || (bot.status().syncLagSeconds ?? 0) > 2, 30_000);
    await synapse.restart();
    const meanwhile = await alice.send(room, '!wer Weber');

    const [answer] = await alice.repliesTo(room, meanwhile, 1, 90_000);
    expect(answer?.sender).toBe(botUserId);
    expect(answer?.content.body).toContain('Weber');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await alice.repliesTo(room, meanwhile, 2, 1_000)).toHaveLength(1);
    expect(bot.status().connected).toBe(true);
    // !status names what went wrong (it said "Letzter Fehler: keiner" before; issue 21, point 7).
    const status = await dispatcher.handle({
      user: { transport: 'console', userId: 'kk' },
      text: '!status',
      inGroupRoom: false,
    });
    expect(toPlainText(status!.reply)).toMatch(/Letzter Fehler: (?!keiner).+/);
    expect(logged.some((line) => line.startsWith('Matrix SDK (') && !line.includes('\n'))).toBe(true);
  }, 180_000);
});
