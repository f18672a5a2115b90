import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { firstLine, hubProcess } from '../support/npm-start.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// Issue 21, finding 1: commands sent while the hub was down are handled in the bot's catch-up
// after a restart; the notifications they cause (the KIK's new request, the invitation with its
// .ics, the meeting's room) must still arrive. The hub runs as `npm start` runs it, with the
// Matrix bot, against the test Synapse, on each store.

const STORES = {
  embedded: (dataDir: string) => ({
    env: { NEO4J_URI: '' },
    open: async (): Promise<GraphStore> => EmbeddedStore.open(dataDir),
  }),
  neo4j: (_dataDir: string) => ({
    env: { NEO4J_URI: inject('neo4jUri') },
    open: async (): Promise<GraphStore> => Neo4jStore.connect({ uri: inject('neo4jUri') }),
  }),
};

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KIK_RADEBEUL = 'person:demo-14627-kik-2';

describe.each(['embedded', 'neo4j'] as const)('the Matrix bot after a restart on the %s store', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-restart-'));
  const storeOf = STORES[kind](dataDir);
  let invitee: MatrixUser;
  let town: string;
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
    env = {
      HUB_DATA_DIR: dataDir,
      MATRIX_HOMESERVER_URL: inject('synapseUrl'),
      MATRIX_ACCESS_TOKEN: bot.accessToken,
      HUB_TIMER_SECONDS: '1',
      ...storeOf.env,
    };
    volunteer = await MatrixUser.register('volunteer-restart');
    kik = await MatrixUser.register('kik-restart');
    invitee = await MatrixUser.register('invitee-restart');
    if (kind === 'neo4j') {
      // On Neo4j the hub does not seed by itself: the demo network is loaded as `npm run seed` would.
      const fresh = await storeOf.open();
      await fresh.deleteEverything();
      await new NetworkWriter(fresh, { kikLimitPerLandkreis: 10 }).apply(saxonyDemo(), {
        actor: SYSTEM,
        action: 'seed',
      });
      await fresh.close();
    }
    await start(); // on the embedded store, the first start seeds the demo network
    await stop();
    const store = await storeOf.open();
    const identities = new ChatIdentities(store);
    // A town of the district served by another KIK: that KIK is invited to the offline meeting.
    const towns = (await store.municipalitiesOfDistricts(['14627']))[0]!;
    const serving = await store.linksOf(towns.map((t) => t.id));
    const index = serving.findIndex((links) => links.some((l) => l.type === 'SERVES' && l.fromId !== KIK_RADEBEUL));
    town = towns[index]!.name;
    const inviteeId = serving[index]!.find((l) => l.type === 'SERVES')!.fromId;
    for (const [user, personId] of [
      [volunteer, VOLUNTEER],
      [kik, KIK_RADEBEUL],
      [invitee, inviteeId],
    ] as const) {
      await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
      await identities.confirm(
        { transport: 'matrix', userId: user.userId },
        await identities.viewerOfPerson('person:demo-admin'),
      );
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
    // The notice is in the KIK's direct chat with the bot (other notices, such as the yearly check, may share it).
    const notice = await kik.waitFor(async () => {
      for (const invited of await kik.invitedRooms()) await kik.join(invited);
      for (const joined of (await kik.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms) {
        const found = (await kik.messages(joined)).find(
          (m) => m.sender === botUserId && /Neue Anfrage/.test(String(m.content.body)),
        );
        if (found) return found;
      }
      return null;
    }, 60_000);
    expect(notice.content.body).toContain('Neue Anfrage für Radebeul');
    // The id only in the command to take it on.
    expect(notice.content.body).toContain(`!annehmen ${id}`);
  }, 180_000);

  it('invites to a meeting a KIK set up while the hub was down: invitation, .ics and the meeting room', async () => {
    const kikRoom = await kik.createRoom([botUserId], { is_direct: true });
    await kik.waitFor(async () => (await kik.members(kikRoom)).includes(botUserId));
    await stop();
    const sent = await kik.send(kikRoom, `!treffen "Offline geplantes Treffen" übermorgen 10 Uhr ${town} --trotzdem`);
    await start();
    const [reply] = await kik.repliesTo(kikRoom, sent, 1, 60_000);
    expect(reply!.content.body).toMatch(/„Offline geplantes Treffen“ ist angelegt/);

    const found = await invitee.waitFor(async () => {
      for (const room of await invitee.invitedRooms()) await invitee.join(room);
      const rooms = (await invitee.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms;
      let invitation = null;
      let file = null;
      let meetingRoom = null;
      for (const room of rooms) {
        const messages = (await invitee.messages(room)).filter((m) => m.sender === botUserId);
        invitation ??=
          messages.find(
            (m) =>
              String(m.content.body).startsWith('Einladung') &&
              String(m.content.body).includes('Offline geplantes Treffen'),
          ) ?? null;
        file ??=
          messages.find((m) => m.content.msgtype === 'm.file' && m.content.body === 'Offline-geplantes-Treffen.ics') ??
          null;
        const name = await invitee
          .api<{ name: string }>('GET', `/rooms/${encodeURIComponent(room)}/state/m.room.name/`)
          .catch(() => null);
        if (name?.name === 'Offline geplantes Treffen') meetingRoom = room;
      }
      return invitation && file && meetingRoom ? { invitation, file, meetingRoom } : null;
    }, 60_000);
    expect(await invitee.download(String(found.file.content.url))).toContain('SUMMARY:Offline geplantes Treffen');
  }, 180_000);
});
