import {
  ClientEvent,
  createClient,
  EventType,
  KnownMembership,
  MatrixEventEvent,
  RoomEvent,
  RoomMemberEvent,
  type MatrixClient,
  type MatrixEvent,
} from 'matrix-js-sdk';
import { logger } from 'matrix-js-sdk/lib/logger.js';
import { registerUser, type RunningSynapse } from './synapse.js';

// A person on an encrypting Synapse with a Matrix client the project did not write:
// matrix-js-sdk with its Rust crypto (real Olm and Megolm, its own in-memory crypto store). It
// joins the rooms it is invited to, and sees every message decrypted as Element would.

// The client library's own log (loglevel) would drown the test output.
(logger as unknown as { setLevel(level: string): void }).setLevel('silent');

export interface SeenMessage {
  eventId: string;
  roomId: string;
  sender: string;
  /** The type as sent: m.room.encrypted for an encrypted message. */
  wireType: string;
  type: string;
  content: Record<string, any>;
  /** The sending device, as the crypto layer names it (null for plain messages). */
  senderDevice: string | null;
}

export class EncryptedUser {
  readonly seen: SeenMessage[] = [];

  private constructor(
    readonly userId: string,
    readonly client: MatrixClient,
  ) {}

  static async register(
    synapse: Pick<RunningSynapse, 'url' | 'sharedSecret'>,
    localpart: string,
  ): Promise<EncryptedUser> {
    const account = await registerUser(synapse, `${localpart}-${Math.random().toString(36).slice(2, 8)}`);
    const client = createClient({
      baseUrl: synapse.url,
      accessToken: account.accessToken,
      userId: account.userId,
      deviceId: account.deviceId,
    });
    await client.initRustCrypto({ useIndexedDB: false });
    const user = new EncryptedUser(account.userId, client);
    client.on(RoomEvent.Timeline, (event) => user.record(event));
    client.on(RoomMemberEvent.Membership, (_event, member) => {
      if (member.userId === account.userId && member.membership === KnownMembership.Invite)
        void client.joinRoom(member.roomId).catch(() => {});
    });
    const ready = new Promise<void>((resolve) =>
      client.on(ClientEvent.Sync, (state) => {
        if (state === 'PREPARED' || state === 'SYNCING') resolve();
      }),
    );
    await client.startClient({ initialSyncLimit: 20 });
    await ready;
    return user;
  }

  /** An encrypted direct chat with someone (the server encrypts every room anyway). */
  async directChatWith(userId: string): Promise<string> {
    const { room_id: roomId } = await this.client.createRoom({
      is_direct: true,
      invite: [userId],
      preset: 'trusted_private_chat' as never,
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    await this.waitFor(() => this.client.getRoom(roomId)?.getMember(userId)?.membership === KnownMembership.Join);
    return roomId;
  }

  async send(roomId: string, body: string): Promise<string> {
    await this.waitFor(() => this.client.getRoom(roomId) !== null);
    const { event_id: eventId } = await this.client.sendMessage(roomId, { msgtype: 'm.text', body } as never);
    return eventId;
  }

  /** The first message from `sender` in the room after `afterEventId` (or any) that `match` accepts. */
  async messageFrom(
    sender: string,
    roomId: string,
    match: (m: SeenMessage) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<SeenMessage> {
    return this.waitFor(
      () => this.seen.find((m) => m.roomId === roomId && m.sender === sender && match(m)) ?? null,
      timeoutMs,
    );
  }

  /** The room the user was invited to (and joined) whose name is `name`. */
  async roomNamed(name: string): Promise<string> {
    return this.waitFor(() => this.client.getRooms().find((r) => r.name === name)?.roomId ?? null);
  }

  async isEncrypted(roomId: string): Promise<boolean> {
    return this.client.getCrypto()!.isEncryptionEnabledInRoom(roomId);
  }

  async waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`${this.userId}: waited ${timeoutMs} ms in vain`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): void {
    this.client.stopClient();
  }

  /**
   * Keeps every message as the user reads it. An encrypted one whose key has not arrived yet is
   * kept once it decrypts: the client tries again when the key comes, and says so each time.
   */
  private record(event: MatrixEvent): void {
    const wireType = event.getWireType();
    const keep = () => {
      if (event.isBeingDecrypted() || event.shouldAttemptDecryption() || event.isDecryptionFailure()) return;
      if (event.getType() !== EventType.RoomMessage) return;
      const seen: SeenMessage = {
        eventId: event.getId()!,
        roomId: event.getRoomId()!,
        sender: event.getSender()!,
        wireType,
        type: event.getType(),
        content: event.getContent(),
        senderDevice: event.isEncrypted() ? ((event.getWireContent().device_id as string | undefined) ?? null) : null,
      };
      const earlier = this.seen.findIndex((m) => m.eventId === seen.eventId);
      if (earlier >= 0) this.seen[earlier] = seen;
      else this.seen.push(seen);
    };
    event.on(MatrixEventEvent.Decrypted, keep);
    keep();
  }
}
