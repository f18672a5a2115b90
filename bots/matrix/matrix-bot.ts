import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import type { CoordinationStore, MeetingStore, NetworkStore } from '../../src/domain/ports/graph-store.port.js';
import type { Meeting, RsvpAnswer } from '../../src/features/meetings/domain/meetings.js';
import type { DatePoll } from '../../src/features/meetings/date-polls.js';
import type { InvitationNotifier } from '../../src/features/meetings/meetings.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';
import type { BotStatus, ChatUser, Log } from '../core/command.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { ChatIdentities } from '../core/identities.js';
import { TEXTS } from '../core/texts.js';
import type { Reply } from '../core/reply.js';
import { directNotice, noticeReplyingTo, roomNotice, type MatrixEvent } from './matrix-content.js';
import { inviterAllowed, type MatrixSettings } from './matrix-settings.js';
import { DirectRooms } from './direct-rooms.js';
import { RoomMembers } from './room-members.js';
import { sdkLogger } from './sdk-logger.js';
import { MeetingRooms } from './meeting-rooms.js';
import { pollResponse } from './matrix-polls.js';
import { sendWithRetry } from './send.js';
import { fileMessage } from './files.js';
import { MatrixNotices } from './matrix-notices.js';
import { HandlingJournal, type Handling } from './handling-journal.js';
import { failpoint } from '../../src/domain/failpoints.js';
import { MatrixDecisionPolls } from './decision-polls.js';
import { loadMatrixSdk } from './sdk-loader.js';
import { commandText, decrypted, slim } from './matrix-events.js';
import { CryptoStoreFile } from './crypto/crypto-store-file.js';
import { useStoreFile } from './crypto/wasm-binding.js';
import { loadHubSecret } from '../../src/services/access/privacy-keys.js';
import { MATRIX_CLAIMS, MATRIX_STATE } from './matrix-state.js';
import { SYNC_FILTER } from './sync-filter.js';

// The Matrix transport: reads messages, hands commands to the dispatcher, sends the replies.
// Each event is handled once, across restarts too: the SDK saves its sync position before
// handlers run, so on start the bot also reads the recent history of its rooms, and a claim in
// the store lets only the first sight of an event through. Every send uses a transaction id
// derived from the triggering event, so a retried send never doubles a reply.

const CATCH_UP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** StoreType.Sqlite of the crypto module, a const enum that cannot be imported by value. */
const SQLITE_CRYPTO_STORE = 0;

const REACTION_ANSWERS: Record<string, RsvpAnswer> = {
  '✅': 'YES',
  '✔️': 'YES',
  '👍': 'YES',
  '❌': 'NO',
  '👎': 'NO',
  '❓': 'MAYBE',
  '❔': 'MAYBE',
};

export class MatrixBot implements InvitationNotifier {
  private client: MatrixClient | null = null;
  private userId = '';
  private cryptoFile: CryptoStoreFile | null = null;
  private readonly journal: HandlingJournal;
  /** New messages wait until what a crash left owed is answered. */
  private replayed: Promise<void> = Promise.resolve();
  /** Whether the history read at start has been handled: until then every message waits for its claim. */
  private caughtUp = false;
  /** Messages being handled now, so a message delivered twice at once is handled once. */
  private readonly inFlight = new Set<string>();
  private lastSyncAt: number | null = null;
  private lastError: string | null = null;
  private readonly rooms: MeetingRooms;
  private readonly directs: DirectRooms;
  private readonly members: RoomMembers;
  /** When the bot joined each room (it never changes while the bot stays): no store read per message. */
  private readonly joinedAtByRoom = new Map<string, number>();

  private readonly decisionPolls: MatrixDecisionPolls;
  private readonly notices: MatrixNotices;

  constructor(
    private readonly settings: MatrixSettings,
    private readonly dispatcher: Dispatcher,
    private readonly identities: ChatIdentities,
    private readonly store: NetworkStore & { readonly meetings: MeetingStore } & {
      readonly coordination: CoordinationStore;
    },
    private readonly log: Log,
  ) {
    this.directs = new DirectRooms(() => this.client, store);
    this.members = new RoomMembers(() => this.client);
    this.journal = new HandlingJournal(store);
    this.notices = new MatrixNotices({
      client: () => this.client,
      identities,
      dispatcher,
      store,
      directRoom: (userId) => this.directRoom(userId),
      send: (roomId, key, content) => this.send(roomId, key, content),
      sendEvent: (roomId, type, key, content) => this.sendEvent(roomId, type, key, content),
    });
    this.decisionPolls = new MatrixDecisionPolls(store, (roomId, type, key, content) =>
      this.sendEvent(roomId, type, key, content),
    );
    this.rooms = new MeetingRooms(
      () => this.client,
      identities,
      store,
      (roomId, key, content) => this.send(roomId, key, content),
      settings.encryptMeetingRooms,
    );
  }

  /** The meeting's (or series') room shows what changed; created on the first call. */
  async meetingChanged(meeting: Meeting): Promise<void> {
    await this.rooms.update(meeting).catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message.slice(0, 200) : String(error);
      this.log(`The Matrix room of ${meeting.id} could not be updated`, error);
    });
  }

  async start(): Promise<void> {
    const sdk = await loadMatrixSdk();
    sdk.LogService.setLevel(sdk.LogLevel.WARN);
    sdk.LogService.setLogger(sdkLogger(this.log, (message) => (this.lastError = message)));
    // The SDK encrypts and decrypts itself, through the WebAssembly crypto core (crypto/); the
    // device's keys and sessions are kept, sealed, in the hub's store (CryptoStoreFile).
    const cryptoDir = resolve(`${this.settings.storagePath}.crypto`);
    const client = new sdk.MatrixClient(
      this.settings.homeserverUrl,
      this.settings.accessToken,
      new sdk.SimpleFsStorageProvider(this.settings.storagePath),
      new sdk.RustSdkCryptoStorageProvider(cryptoDir, SQLITE_CRYPTO_STORE),
    );
    this.client = client;
    this.userId = await client.getUserId();
    const place = MATRIX_STATE.cryptoStore.key(this.userId);
    this.cryptoFile = new CryptoStoreFile(
      {
        load: () => this.store.coordination.getState<string>(place),
        save: (snapshot) => this.store.coordination.setState(place, snapshot),
      },
      await loadHubSecret(this.store),
      this.userId,
    );
    useStoreFile(cryptoDir, this.cryptoFile);
    // A stopped client may still finish a sync; only the current client's events count.
    const current = (work: () => Promise<void>) => () => (this.client === client ? work() : Promise.resolve());
    client.on('room.invite', (roomId: string, event: MatrixEvent) =>
      this.guard(current(() => this.onInvite(roomId, event))),
    );
    client.on('room.join', (roomId: string) => this.guard(current(() => this.onJoin(roomId))));
    client.on('room.leave', (roomId: string) => {
      this.members.forget(roomId);
      this.joinedAtByRoom.delete(roomId);
    });
    client.on('room.message', (roomId: string, event: MatrixEvent) =>
      this.guard(current(() => this.onMessage(roomId, event, true))),
    );
    client.on('room.event', (roomId: string, event: MatrixEvent) =>
      this.guard(current(() => this.onEvent(roomId, event))),
    );
    client.on('room.failed_decryption', (roomId: string, event: MatrixEvent) =>
      this.guard(current(() => this.onUndecryptable(roomId, event))),
    );
    let replayDone = () => {};
    this.replayed = new Promise<void>((resolve) => (replayDone = resolve));
    this.caughtUp = false;
    await client.start(SYNC_FILTER);
    this.lastSyncAt = Date.now();
    await this.replay().finally(replayDone);
    await this.catchUp(client);
    this.caughtUp = true;
    this.log(`Matrix bot ${this.userId} started with end-to-end encryption (device ${client.crypto.clientDeviceId}).`);
  }

  /** Notices, invitations and date polls in people's direct chats (matrix-notices.ts). */
  notify(personId: string, notice: HubNotice, kind?: unknown, deliveryKey?: string): Promise<void> {
    return this.notices.notify(personId, notice, kind, deliveryKey);
  }

  invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    return this.notices.invite(personId, meeting, notice);
  }

  meetingUpdated(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    return this.notices.meetingUpdated(personId, meeting, notice);
  }

  offerDates(personId: string, poll: DatePoll, notice: HubNotice): Promise<void> {
    return this.notices.offerDates(personId, poll, notice);
  }

  datesFixed(poll: DatePoll, meeting: Meeting): Promise<void> {
    return this.notices.datesFixed(poll, meeting);
  }

  /** Stops syncing; the crypto store's last save is awaited before its machine closes. */
  async stop(): Promise<void> {
    this.client?.stop();
    this.client = null;
    await this.cryptoFile?.close();
    this.cryptoFile = null;
  }

  status(): BotStatus {
    return {
      transport: 'matrix',
      connected: this.client !== null,
      syncLagSeconds: this.lastSyncAt === null ? null : Math.round((Date.now() - this.lastSyncAt) / 1000),
      lastError: this.lastError,
    };
  }

  /** Handles what recent room history holds that no earlier run got to (claims skip the rest). */
  private async catchUp(client: MatrixClient): Promise<void> {
    for (const roomId of await client.getJoinedRooms()) {
      const page = (await client.doRequest('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages`, {
        dir: 'b',
        limit: 50,
      })) as { chunk: MatrixEvent[] };
      // Commands, RSVP reactions and poll votes alike; claims let each through once.
      const recent = page.chunk.filter((e) => Date.now() - (e.origin_server_ts ?? 0) < CATCH_UP_WINDOW_MS).reverse();
      for (const raw of recent) {
        const event = raw.type === 'm.room.encrypted' ? await decrypted(client, roomId, raw) : raw;
        if (event)
          await (event.type === 'm.room.message' ? this.onMessage(roomId, event) : this.onEvent(roomId, event));
      }
    }
  }

  private guard(work: () => Promise<void>): void {
    this.lastSyncAt = Date.now();
    work().catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message.slice(0, 200) : String(error);
      this.log('Matrix event handling failed', error);
    });
  }

  private async onInvite(roomId: string, event: MatrixEvent): Promise<void> {
    if (!inviterAllowed(event.sender, this.settings.allowedInviters, this.userId))
      return void (await this.client!.leaveRoom(roomId));
    await this.client!.joinRoom(roomId);
    if ((event.content as { is_direct?: unknown } | undefined)?.is_direct !== true) return;
    // The person's own direct chat with the bot is where their notifications go from now on (no
    // second DM per notification); it gets a short welcome, once.
    await this.directs.opened(event.sender, roomId);
    await this.welcome(roomId, event.sender);
  }

  private async welcome(roomId: string, userId: string): Promise<void> {
    if (!(await this.store.coordination.claimOnce(MATRIX_CLAIMS.welcome.key(roomId)))) return;
    const language = await this.identities.language({ transport: 'matrix', userId });
    await this.send(
      roomId,
      `welcome/${roomId}`,
      roomNotice({ lines: [[TEXTS.welcome[language]()]], privateDetails: false }),
    );
  }

  private async onJoin(roomId: string): Promise<void> {
    await this.joinedAt(roomId);
  }

  /** live: from the sync stream (not recent history read at start, which holds messages answered long ago). */
  private async onMessage(roomId: string, event: MatrixEvent, live = false): Promise<void> {
    const body = commandText(event);
    if (event.sender === this.userId || body === null) return;
    // In a room with others only commands are for the bot; in a direct chat every sentence is.
    const command = body.trimStart().startsWith('!');
    if (!command && event.content?.msgtype !== 'm.text') return;
    const inGroupRoom = (await this.members.count(roomId)) > 2;
    if (!command && inGroupRoom) return;
    await this.replayed;
    if (!(await this.isAfterJoin(roomId, event))) return;
    // The claim and the note that an answer is owed are one write: a crash after it is answered on restart.
    const id = event.event_id!;
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const handling = this.journal.entry({ roomId, event: slim(event), text: body, inGroupRoom });
      const claimed = this.store.coordination.claimOnce(MATRIX_CLAIMS.event.key(id), [handling]);
      if (live && this.caughtUp && this.dispatcher.repeatable(body)) {
        // Running the command again (after its first run) does nothing twice, and its answer goes
        // out under a transaction id of the message (the server keeps a repeat as one event): the
        // answer need not wait for the claim's write, only the note that it was answered does.
        // Messages of the history read at start still wait for their claim, as that read may
        // handle the same message at the same time.
        const [won] = await Promise.all([claimed, this.respond({ roomId, event, text: body, inGroupRoom }, false)]);
        if (!won) return;
        failpoint('matrix-after-claim');
        failpoint('matrix-after-send');
        await this.journal.answered(id);
        return;
      }
      if (!(await claimed)) return;
      failpoint('matrix-after-claim');
      await this.answer({ roomId, event, text: body, inGroupRoom }, false);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Runs the message's command and sends its answer; then the answer is no longer owed. */
  private async answer(handling: Handling, replay: boolean): Promise<void> {
    await this.respond(handling, replay);
    failpoint('matrix-after-send');
    await this.journal.answered(handling.event.event_id!);
  }

  /** Runs the message's command and sends its answer. */
  private async respond({ roomId, event, text, inGroupRoom }: Handling, replay: boolean): Promise<void> {
    const user: ChatUser = { transport: 'matrix', userId: event.sender };
    const meetingRoom = await this.rooms.keyOfRoom(roomId);
    const answer = await this.dispatcher.handle({
      user,
      text,
      inGroupRoom,
      origin: `matrix:${event.event_id}`,
      replay,
      ...(meetingRoom ? { meetingRoom } : {}),
    });
    if (answer) await this.sendAnswer(roomId, event as MatrixEvent, user, inGroupRoom, answer.reply);
  }

  private async sendAnswer(
    roomId: string,
    event: MatrixEvent,
    user: ChatUser,
    inGroupRoom: boolean,
    reply: Reply,
  ): Promise<void> {
    if (inGroupRoom && reply.privateDetails) {
      const direct = await this.directRoom(event.sender);
      await this.send(direct, `${event.event_id}/direct`, directNotice(reply, event.sender));
      await this.sendFile(direct, event, reply.file);
      const language = await this.identities.language(user);
      const note = { title: undefined, lines: [[TEXTS.movedToDirect[language](event.sender)]], privateDetails: false };
      await this.send(roomId, `${event.event_id}/note`, noticeReplyingTo(note, event));
      return;
    }
    if (reply.poll) return this.decisionPolls.post(roomId, event.event_id, reply);
    await this.send(roomId, `${event.event_id}/reply`, noticeReplyingTo(reply, event));
    if (reply.pollClosed) await this.decisionPolls.end(reply.pollClosed, reply);
    await this.sendFile(roomId, event, reply.file);
    if (reply.widget) await this.addWidget(roomId, reply.widget, user, event);
  }

  /** Answers what a crash left owed (before any new message is claimed). */
  private async replay(): Promise<void> {
    for (const handling of await this.journal.unanswered()) await this.answer(handling, true);
  }

  /** A reply's file, uploaded to the homeserver and sent as an m.file after the reply (once per command). */
  private async sendFile(roomId: string, event: MatrixEvent, file: Reply['file']): Promise<void> {
    if (!file) return;
    const bytes = Buffer.from(file.content, 'utf8');
    const content = await fileMessage(this.client!, roomId, { name: file.name, mimeType: file.mimeType, bytes });
    await this.send(roomId, `${event.event_id}/file`, content);
  }

  /** Pins a web page into the room as a widget; says so when the bot lacks the right. */
  private async addWidget(
    roomId: string,
    widget: NonNullable<Reply['widget']>,
    user: ChatUser,
    event: MatrixEvent,
  ): Promise<void> {
    const content = {
      type: 'm.custom',
      url: widget.url,
      name: widget.name,
      id: widget.id,
      creatorUserId: this.userId,
      waitForIframeLoad: true,
      data: {},
    };
    try {
      await this.client!.sendStateEvent(roomId, 'im.vector.modular.widgets', widget.id, content);
    } catch {
      const language = await this.identities.language(user);
      const note = { title: undefined, lines: [[TEXTS.widgetNotAllowed[language]()]], privateDetails: false };
      await this.send(roomId, `${event.event_id}/widget`, noticeReplyingTo(note, event));
    }
  }

  private async onEvent(roomId: string, event: MatrixEvent): Promise<void> {
    if (event.type === 'm.room.member') return this.members.seen(roomId, event);
    if (event.type === 'm.reaction') return this.onReaction(roomId, event);
    const response = pollResponse(event);
    if (response) return this.onPollResponse(roomId, event, response);
  }

  /** ✅ ❌ ❓ on an invitation answer it, for the invited person only. */
  /** A reaction on an invitation counts as `!zusage <meeting> ja|nein|vielleicht --reihe` by the invitee, through the command table. */
  private async onReaction(roomId: string, event: MatrixEvent): Promise<void> {
    const relation = event.content?.['m.relates_to'] as { event_id?: string; key?: string } | undefined;
    const answer = REACTION_ANSWERS[relation?.key ?? ''];
    if (!relation?.event_id || !answer || event.sender === this.userId) return;
    const invitation = await this.store.coordination.getState<{ meetingId: string; personId: string }>(
      MATRIX_STATE.invitation.key(relation.event_id),
    );
    if (!invitation || !(await this.store.coordination.claimOnce(MATRIX_CLAIMS.event.key(event.event_id!)))) return;
    const user = { transport: 'matrix' as const, userId: event.sender };
    // Only the invitee's own reaction answers their invitation. The invitation to a series stands for all its dates.
    if ((await this.identities.viewerFor(user)).personId !== invitation.personId) return;
    const word = { YES: 'ja', NO: 'nein', MAYBE: 'vielleicht' }[answer];
    const reply = await this.dispatcher.handle({
      user,
      text: `!zusage ${invitation.meetingId} ${word} --reihe`,
      inGroupRoom: false,
    });
    if (reply)
      await this.send(
        roomId,
        `${event.event_id}/rsvp`,
        noticeReplyingTo(reply.reply, { ...event, event_id: relation.event_id }),
      );
  }

  /** A vote in a native date poll counts as `!abstimmen <poll> <numbers>` by the voter. */
  private async onPollResponse(
    roomId: string,
    event: MatrixEvent,
    response: { startEventId: string; choices: string[] },
  ): Promise<void> {
    if (event.sender === this.userId || response.choices.length === 0) return;
    const decision = await this.decisionPolls.pollOf(response.startEventId);
    if (decision) return this.onDecisionVote(roomId, event, decision, response.choices[0]!);
    const offered = await this.store.coordination.getState<{ pollId: string; personId: string }>(
      MATRIX_STATE.datePoll.key(response.startEventId),
    );
    if (!offered || !(await this.store.coordination.claimOnce(MATRIX_CLAIMS.event.key(event.event_id!)))) return;
    const user = { transport: 'matrix' as const, userId: event.sender };
    const answer = await this.dispatcher.handle({
      user,
      text: `!abstimmen ${offered.pollId} ${response.choices.join(' ')}`,
      inGroupRoom: false,
    });
    if (answer)
      await this.send(
        roomId,
        `${event.event_id}/vote`,
        noticeReplyingTo(answer.reply, { ...event, event_id: response.startEventId }),
      );
  }

  /** A vote in a meeting's native decision poll: `!abstimmen <Abstimmung> <Nr.>`; only a refusal is answered (in the room). */
  private async onDecisionVote(roomId: string, event: MatrixEvent, pollId: string, choice: string): Promise<void> {
    if (!(await this.store.coordination.claimOnce(MATRIX_CLAIMS.event.key(event.event_id!)))) return;
    const user = { transport: 'matrix' as const, userId: event.sender };
    const answer = await this.dispatcher.handle({ user, text: `!abstimmen ${pollId} ${choice}`, inGroupRoom: true });
    if (answer && answer.command === null)
      await this.send(roomId, `${event.event_id}/vote`, noticeReplyingTo(answer.reply, event));
  }

  /** A message the bot's device has no key for gets one plain answer (never a silence). */
  private async onUndecryptable(roomId: string, event: MatrixEvent): Promise<void> {
    if (event.sender === this.userId) return;
    if (
      !(await this.isAfterJoin(roomId, event)) ||
      !(await this.store.coordination.claimOnce(MATRIX_CLAIMS.event.key(event.event_id!)))
    )
      return;
    const language = await this.identities.language({ transport: 'matrix', userId: event.sender });
    const notice = { title: undefined, lines: [[TEXTS.encryptedUnreadable[language]()]], privateDetails: false };
    await this.send(roomId, `${event.event_id}/undecryptable`, noticeReplyingTo(notice, event));
  }

  private async isAfterJoin(roomId: string, event: MatrixEvent): Promise<boolean> {
    return (event.origin_server_ts ?? 0) >= (await this.joinedAt(roomId));
  }

  /** When the bot joined the room: remembered, or read from its membership event in the room state. */
  private async joinedAt(roomId: string): Promise<number> {
    const remembered = this.joinedAtByRoom.get(roomId);
    if (remembered !== undefined) return remembered;
    const key = MATRIX_STATE.joined.key(roomId);
    const known = await this.store.coordination.getState<number>(key);
    if (known !== null) {
      this.joinedAtByRoom.set(roomId, known);
      return known;
    }
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(this.userId)}`;
    const membership = (await this.client!.doRequest('GET', path, { format: 'event' })) as MatrixEvent;
    const at = membership.origin_server_ts ?? Date.now();
    await this.store.coordination.setState(key, at);
    this.joinedAtByRoom.set(roomId, at);
    return at;
  }

  /** The person's direct chat with the bot (created when there is none). */
  private async directRoom(userId: string): Promise<string> {
    return (await this.directs.of(userId)).roomId;
  }

  private async send(roomId: string, key: string, content: Record<string, unknown>): Promise<string> {
    return this.sendEvent(roomId, 'm.room.message', key, content);
  }

  private async sendEvent(
    roomId: string,
    type: string,
    key: string,
    content: Record<string, unknown>,
  ): Promise<string> {
    const txnId = createHash('sha256').update(key).digest('hex').slice(0, 32);
    return sendWithRetry(this.client!, roomId, txnId, content, type);
  }
}
