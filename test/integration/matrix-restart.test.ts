import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { ChatIdentities } from '../../src/services/chat-identities.js';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { firstLine, hubProcess } from '../support/npm-start.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// Issue 21, finding 1: commands sent while the hub was down are handled in the bot's catch-up
// after a restart; the notifications they cause (the KIK's new request) must still arrive.
// The hub runs as `npm start` runs it, with the Matrix bot, against the test Synapse.

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KIK_RADEBEUL = 'person:demo-14627-kik-2';

describe('the Matrix bot after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-restart-'));
  let env: Record<string, string>;
  let hub: ChildProcess | null = null;
  let port: number;
  let botUserId: string;
  let volunteer: MatrixUser;
  let kik: MatrixUser;
  let room: string;

  const start = async () => {
    hub = hubProcess({ ...env, PORT: String(port) });
    await firstLine(hub.stdout!, /now runs the chat bots and timers/);
  };
  const stop = async () => {
    if (!hub || hub.exitCode !== null) return;
    const exited = new Promise((resolve) => hub!.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    port = await freePort();
    const bot = await MatrixUser.registerWithToken('hubbot-restart');
    botUserId = bot.userId;
    env = { HUB_DATA_DIR: dataDir, MATRIX_HOMESERVER_URL: inject('synapseUrl'), MATRIX_ACCESS_TOKEN: bot.accessToken, HUB_TIMER_SECONDS: '1' };
    volunteer = await MatrixUser.register('volunteer-restart');
    kik = await MatrixUser.register('kik-restart');
    await start(); // the first start seeds the demo network
    await stop();
    const store = EmbeddedStore.open(dataDir);
    const identities = new ChatIdentities(store);
    for (const [user, personId] of [[volunteer, VOLUNTEER], [kik, KIK_RADEBEUL]] as const) {
      await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
      await identities.confirm({ transport: 'matrix', userId: user.userId }, await identities.viewerOfPerson('person:demo-admin'));
    }
    await store.close();
    await start();
    room = await volunteer.createRoom([botUserId], { is_direct: true });
    await volunteer.waitFor(async () => (await volunteer.members(room)).includes(botUserId));
  }, 180_000);

  afterAll(async () => {
    await stop();
  });

  it('delivers the KIK the request a volunteer filed while the hub was down', async () => {
    await stop();
    const filed = await volunteer.send(room, '!anfrage Radebeul Gesundheit Begleitung zum Arzt am Donnerstag');
    await start();

    const [reply] = await volunteer.repliesTo(room, filed, 1, 60_000);
    const id = /(request:[0-9a-f]+)/.exec(String(reply!.content.body))![1]!;
    const [direct] = await kik.waitFor(async () => {
      const invites = await kik.invitedRooms();
      return invites.length ? invites : null;
    }, 60_000);
    await kik.join(direct!);
    const notice = await kik.waitFor(async () => (await kik.messages(direct!)).find((m) => m.sender === botUserId && /Neue Anfrage/.test(String(m.content.body))), 30_000);
    expect(notice.content.body).toContain(`Neue Anfrage ${id} für Radebeul`);
  }, 180_000);
});

