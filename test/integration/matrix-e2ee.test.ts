import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attachment, EncryptedAttachment } from '@matrix-org/matrix-sdk-crypto-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { notifyingServices } from '../../src/services/hub-services.js';
import { consoleChat } from '../support/console-chat.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { EncryptedUser } from '../support/synapse/encrypted-user.js';
import { registerUser, startSynapse, type RunningSynapse } from '../support/synapse/synapse.js';

// Issue 36, point 1: the bot where people really talk. A Synapse of its own that encrypts every
// room (encryption_enabled_by_default_for_room_type: all, as servers of public administrations
// do), people on matrix-js-sdk with its Rust crypto (real Olm and Megolm), and the hub's bot on
// the WebAssembly crypto core. Everything the people read here they read decrypted.

const KK = 'person:demo-14627-koordinationskraft';
const RADEBEUL = 'municipality:14627-radebeul';

describe('the Matrix bot in encrypted rooms', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-synapse-e2ee-'));
  let synapse: RunningSynapse;
  let hub: TestHub;
  let identities: ChatIdentities;
  let dispatcher: Dispatcher;
  let bot: MatrixBot;
  let botAccount: { userId: string; accessToken: string; deviceId: string };
  let coordinator: EncryptedUser;
  let kik: EncryptedUser;
  let kikId: string;
  let direct: string;

  const startBot = async () => {
    const started = new MatrixBot(
      {
        homeserverUrl: synapse.url,
        accessToken: botAccount.accessToken,
        allowedInviters: [],
        storagePath: join(dataDir, 'bot-sync.json'),
      },
      dispatcher,
      identities,
      hub.store,
      () => {},
    );
    await started.start();
    for (const service of notifyingServices(hub.services)) service.addNotifier(started);
    return started;
  };

  beforeAll(async () => {
    synapse = await startSynapse(dataDir, { encryptAll: true });
    hub = await demoHub();
    identities = new ChatIdentities(hub.store);
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => bot.status(),
    });
    botAccount = await registerUser(synapse, 'hubbot-e2ee');
    const [served] = await hub.store.linksOf([RADEBEUL]);
    kikId = served!.find((l) => l.type === 'SERVES' && !l.until)!.fromId;
    coordinator = await EncryptedUser.register(synapse, 'koordination');
    kik = await EncryptedUser.register(synapse, 'kik');
    const admin = await identities.viewerOfPerson('person:demo-admin');
    for (const [user, personId] of [
      [coordinator, KK],
      [kik, kikId],
    ] as const) {
      await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
      await identities.confirm({ transport: 'matrix', userId: user.userId }, admin);
    }
    bot = await startBot();
  }, 180_000);

  afterAll(async () => {
    await bot?.stop();
    coordinator?.stop();
    kik?.stop();
    await synapse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers !kontakt Radebeul in an encrypted direct chat, encrypted', async () => {
    direct = await coordinator.directChatWith(botAccount.userId);
    expect(await coordinator.isEncrypted(direct)).toBe(true);
    await coordinator.send(direct, '!kontakt Radebeul');
    const answer = await coordinator.messageFrom(botAccount.userId, direct, (m) =>
      String(m.content.body).startsWith('Ansprechpersonen in Radebeul'),
    );
    expect(answer.wireType).toBe('m.room.encrypted');
    expect(answer.content.msgtype).toBe('m.notice');
  });

  it('answers in an encrypted group room, private details in the encrypted direct chat', async () => {
    const { room_id: group } = await coordinator.client.createRoom({
      name: 'Netzwerk Meißen',
      invite: [botAccount.userId, kik.userId],
    });
    await coordinator.waitFor(() => coordinator.client.getRoom(group)?.getJoinedMemberCount() === 3);
    expect(await coordinator.isEncrypted(group)).toBe(true);
    await coordinator.send(group, '!kontakt Radebeul');
    const note = await coordinator.messageFrom(botAccount.userId, group);
    expect(note.wireType).toBe('m.room.encrypted');
    expect(note.content.body).toBe(
      `${coordinator.userId}, die Antwort enthält Kontaktdaten und kommt deshalb als Direktnachricht.`,
    );
    const inDirect = await coordinator.messageFrom(
      botAccount.userId,
      direct,
      (m) => m.eventId !== note.eventId && String(m.content.body).includes('Telefon'),
    );
    expect(inDirect.wireType).toBe('m.room.encrypted');
  });

  // Seen on Node 22 under load: the message reached the KIK's client before its room key, and the
  // client had not decrypted it within the default 30 s. The client decrypts when the key comes
  // (kept by EncryptedUser); this waits longer and tries once more.
  it("sends a KIK's notification into an encrypted direct chat", { timeout: 120_000, retry: 1 }, async () => {
    const volunteer = consoleChat(hub, { volunteer: 'person:demo-14627-alliance-1-volunteer-1' });
    expect(await volunteer('volunteer', '!anfrage Radebeul Sprache Wer bietet Deutschkurse für Eltern an?')).toMatch(
      /gestellt/,
    );
    const notice = await kik.waitFor(
      () =>
        kik.seen.find(
          (m) => m.sender === botAccount.userId && String(m.content.body).includes('Wer bietet Deutschkurse'),
        ) ?? null,
      55_000,
    );
    expect(notice.wireType).toBe('m.room.encrypted');
    expect(await kik.isEncrypted(notice.roomId)).toBe(true);
  });

  it('creates an encrypted meeting room whose invitation the invitee decrypts', async () => {
    await coordinator.send(direct, '!treffen "Austausch Sprachkurse" übermorgen 10 Uhr Radebeul --trotzdem');
    await coordinator.messageFrom(botAccount.userId, direct, (m) =>
      /Austausch Sprachkurse/.test(String(m.content.body)),
    );
    const room = await kik.roomNamed('Austausch Sprachkurse');
    expect(await kik.isEncrypted(room)).toBe(true);
    const pinned = await kik.messageFrom(botAccount.userId, room);
    expect(pinned.wireType).toBe('m.room.encrypted');
    expect(String(pinned.content.body)).toContain('Austausch Sprachkurse');
  });

  it('keeps its device across a restart from the hub store alone, and answers what was sent meanwhile', async () => {
    const devicesBefore = await coordinator.client.getCrypto()!.getUserDeviceInfo([botAccount.userId], true);
    const deviceIds = [...(devicesBefore.get(botAccount.userId)?.keys() ?? [])];
    expect(deviceIds).toEqual([botAccount.deviceId]);
    await bot.stop();
    // As a new process (or the instance that takes the lease over) would find it: nothing in
    // memory, only what the hub's store holds.
    for (const db of await indexedDB.databases())
      if (db.name?.startsWith('hub-'))
        await new Promise((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase(db.name!);
          deleting.onsuccess = resolve;
          deleting.onerror = reject;
        });
    const meanwhile = await coordinator.send(direct, '!kontakt Coswig');
    bot = await startBot();
    const answer = await coordinator.messageFrom(
      botAccount.userId,
      direct,
      (m) => String(m.content.body).startsWith('Ansprechpersonen in Coswig'),
      60_000,
    );
    expect(answer.wireType).toBe('m.room.encrypted');
    expect(meanwhile).toBeTruthy();
    const devicesAfter = await coordinator.client.getCrypto()!.getUserDeviceInfo([botAccount.userId], true);
    expect([...(devicesAfter.get(botAccount.userId)?.keys() ?? [])]).toEqual([botAccount.deviceId]);
    const identity = devicesAfter.get(botAccount.userId)!.get(botAccount.deviceId)!;
    const before = devicesBefore.get(botAccount.userId)!.get(botAccount.deviceId)!;
    expect(identity.getIdentityKey()).toBe(before.getIdentityKey());
  });

  it("sends a person's data export into the encrypted direct chat as an encrypted file", async () => {
    await coordinator.send(direct, '!meine-daten');
    const file = await coordinator.messageFrom(botAccount.userId, direct, (m) => m.content.msgtype === 'm.file');
    expect(file.wireType).toBe('m.room.encrypted');
    expect(file.content.url).toBeUndefined();
    const { url, ...info } = file.content.file as { url: string };
    const [server, mediaId] = url.replace('mxc://', '').split('/');
    const stored = await fetch(`${synapse.url}/_matrix/client/v1/media/download/${server}/${mediaId}`, {
      headers: { authorization: `Bearer ${coordinator.client.getAccessToken()}` },
    });
    const onServer = new Uint8Array(await stored.arrayBuffer());
    expect(Buffer.from(onServer).toString('utf8')).not.toContain('demo-14627-koordinationskraft');
    const clear = Attachment.decrypt(new EncryptedAttachment(onServer, JSON.stringify({ url, ...info })));
    expect(Buffer.from(clear).toString('utf8')).toContain('demo-14627-koordinationskraft');
  });

  it('answers a message it cannot decrypt once, plainly helpful', async () => {
    const path = `/rooms/${encodeURIComponent(direct)}/send/m.room.encrypted/undecryptable-1`;
    const { event_id: garbled } = await coordinator.client.http.authedRequest<{ event_id: string }>(
      'PUT' as never,
      path,
      undefined,
      {
        algorithm: 'm.megolm.v1.aes-sha2',
        ciphertext: 'AwgAEnB0',
        device_id: 'NOTADEVICE',
        sender_key: 'bm90IGEga2V5',
        session_id: 'bm90IGEgc2Vzc2lvbg',
      },
    );
    const answer = await coordinator.messageFrom(botAccount.userId, direct, (m) =>
      String(m.content.body).includes('nicht entschlüsseln'),
    );
    expect(answer.content['m.relates_to']?.['m.in_reply_to']?.event_id).toBe(garbled);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(
      coordinator.seen.filter(
        (m) => m.sender === botAccount.userId && String(m.content.body).includes('nicht entschlüsseln'),
      ),
    ).toHaveLength(1);
  });
});
