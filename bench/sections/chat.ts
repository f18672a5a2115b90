import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices } from '../../src/services/hub-services.js';
import { registerUser } from '../../test/support/synapse/synapse.js';
import { EncryptedUser } from '../../test/support/synapse/encrypted-user.js';
import { summarize, type Timing } from '../measure.js';

// 3 of the issue: from a message sent by a client to the bot's reply read by that client, through
// a real Synapse, with 1 and 20 people asking at once; beside it Synapse's own round trip
// between two clients, the floor no bot can beat.

export interface ChatRow {
  what: string;
  people: number;
  timing: Timing;
  /** Synapse's CPU time per message (null for a Synapse the benchmark did not start). */
  synapseCpuMs: number | null;
}

interface Synapse {
  url: string;
  sharedSecret: string;
  cpuMs?: () => number;
}

/** Runs the timed part and returns Synapse's CPU ms per message over it (null when unknown). */
async function costing<T>(synapse: Synapse, messages: () => Promise<T[]>): Promise<[T[], number | null]> {
  const before = synapse.cpuMs?.();
  const samples = await messages();
  const after = synapse.cpuMs?.();
  return [samples, before === undefined || after === undefined ? null : Math.round((after - before) / samples.length)];
}

class Client {
  private since = '';
  constructor(
    private readonly synapse: Synapse,
    readonly userId: string,
    private readonly token: string,
  ) {}

  static async register(synapse: Synapse, name: string): Promise<Client> {
    const { userId, accessToken } = await registerUser(synapse, `${name}-${Math.random().toString(36).slice(2, 8)}`);
    const client = new Client(synapse, userId, accessToken);
    await client.sync(0);
    return client;
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.synapse.url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async sync(
    timeout: number,
  ): Promise<{ roomId: string; event: { event_id: string; sender: string; content: Record<string, any> } }[]> {
    const answer = await this.api<{
      next_batch: string;
      rooms?: { join?: Record<string, { timeline?: { events: any[] } }> };
    }>('GET', `/sync?timeout=${timeout}${this.since ? `&since=${this.since}` : ''}`);
    this.since = answer.next_batch;
    return Object.entries(answer.rooms?.join ?? {}).flatMap(([roomId, room]) =>
      (room.timeline?.events ?? []).map((event) => ({ roomId, event })),
    );
  }

  async send(roomId: string, body: string): Promise<string> {
    return (
      await this.api<{ event_id: string }>(
        'PUT',
        `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${Math.random().toString(36).slice(2)}`,
        { msgtype: 'm.text', body },
      )
    ).event_id;
  }

  /** Sends and waits (long-polling /sync) until an event matching `isAnswer` arrives. */
  async roundTrip(
    roomId: string,
    body: string,
    isAnswer: (event: { sender: string; content: Record<string, any> }, sent: string) => boolean,
  ): Promise<number> {
    const started = performance.now();
    const sent = await this.send(roomId, body);
    for (;;) {
      const events = await this.sync(10_000);
      if (events.some((e) => e.roomId === roomId && isAnswer(e.event, sent))) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('No answer within 30 s');
    }
  }
}

export async function benchChat(
  synapse: Synapse,
  store: GraphStore,
  municipality: string,
  messagesPerPerson: number,
  crowds: number[],
): Promise<ChatRow[]> {
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  // As `npm start` wires it: the services' identities, which keep links and languages in memory.
  const identities = services.identities;
  const botAccount = await registerUser(synapse, `benchbot-${Math.random().toString(36).slice(2, 8)}`);
  let bot: MatrixBot | null = null;
  const dispatcher = new Dispatcher(COMMANDS, {
    services,
    identities,
    publicUrl: 'http://hub.bench',
    status: () => bot!.status(),
  });
  bot = new MatrixBot(
    {
      homeserverUrl: synapse.url,
      accessToken: botAccount.accessToken,
      allowedInviters: [],
      storagePath: join(mkdtempSync(join(tmpdir(), 'hub-bench-chat-')), 'sync.json'),
    },
    dispatcher,
    identities,
    store,
    () => {},
  );
  await bot.start();
  await services.names.municipalities();
  const rows: ChatRow[] = [];
  try {
    const fromBot = (e: { sender: string; content: Record<string, any> }, sent: string) =>
      e.sender === botAccount.userId && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === sent;
    for (const people of crowds) {
      const clients = await Promise.all(
        Array.from({ length: people }, (_, i) => Client.register(synapse, `asker${i}`)),
      );
      const rooms = await Promise.all(
        clients.map((c) =>
          c
            .api<{ room_id: string }>('POST', '/createRoom', {
              preset: 'private_chat',
              invite: [botAccount.userId],
              is_direct: true,
            })
            .then((r) => r.room_id),
        ),
      );
      await Promise.all(clients.map((c, i) => waitForMember(c, rooms[i]!, botAccount.userId)));
      await Promise.all(clients.map((c, i) => c.roundTrip(rooms[i]!, '!hilfe', fromBot)));
      const [samples, synapseCpuMs] = await costing(synapse, async () =>
        (
          await Promise.all(
            clients.map(async (c, i) => {
              const own: number[] = [];
              for (let k = 0; k < messagesPerPerson; k++)
                own.push(await c.roundTrip(rooms[i]!, `!kontakt ${municipality}`, fromBot));
              return own;
            }),
          )
        ).flat(),
      );
      rows.push({ what: 'bot answer (!kontakt)', people, timing: summarize(samples), synapseCpuMs });
    }
    // The floor: the same number of people, each pinging a partner through Synapse alone.
    for (const people of crowds) {
      const pairs = await Promise.all(
        Array.from({ length: people }, async (_, i) => {
          const [a, b] = [await Client.register(synapse, `floor-a${i}`), await Client.register(synapse, `floor-b${i}`)];
          const room = (
            await a.api<{ room_id: string }>('POST', '/createRoom', { preset: 'private_chat', invite: [b.userId] })
          ).room_id;
          await b.api('POST', `/join/${encodeURIComponent(room)}`, {});
          await a.sync(0);
          await b.sync(0);
          return { a, b, room };
        }),
      );
      const [samples, synapseCpuMs] = await costing(synapse, async () =>
        (
          await Promise.all(
            pairs.map(async ({ a, b, room }) => {
              const own: number[] = [];
              for (let k = 0; k < messagesPerPerson; k++) {
                const started = performance.now();
                const sent = await a.send(room, `ping ${k}`);
                for (;;) if ((await b.sync(10_000)).some((e) => e.event.event_id === sent)) break;
                own.push(performance.now() - started);
              }
              return own;
            }),
          )
        ).flat(),
      );
      rows.push({ what: 'Synapse alone (client to client)', people, timing: summarize(samples), synapseCpuMs });
    }
    rows.push(...(await encryptedRoundTrips(synapse, botAccount.userId, municipality, messagesPerPerson)));
  } finally {
    await bot.stop();
  }
  return rows;
}

/**
 * The same with end-to-end encryption (issue 36): a person on matrix-js-sdk with its Rust crypto
 * asks in an encrypted direct chat and reads the bot's answer decrypted; beside it two such
 * clients pinging each other in an encrypted room, the floor with encryption.
 */
async function encryptedRoundTrips(
  synapse: Synapse,
  botUserId: string,
  municipality: string,
  messages: number,
): Promise<ChatRow[]> {
  const asker = await EncryptedUser.register(synapse, 'e2ee-asker');
  const [a, b] = [await EncryptedUser.register(synapse, 'e2ee-a'), await EncryptedUser.register(synapse, 'e2ee-b')];
  try {
    const direct = await asker.directChatWith(botUserId);
    const ask = async (text: string) => {
      const started = performance.now();
      const sent = await asker.send(direct, text);
      await asker.messageFrom(
        botUserId,
        direct,
        (m) => m.content['m.relates_to']?.['m.in_reply_to']?.event_id === sent,
      );
      return performance.now() - started;
    };
    await ask('!hilfe');
    const [answers, answersCpu] = await costing(synapse, async () => {
      const answers: number[] = [];
      for (let k = 0; k < messages; k++) answers.push(await ask(`!kontakt ${municipality}`));
      return answers;
    });
    const room = await a.directChatWith(b.userId);
    const ping = async (k: number) => {
      const started = performance.now();
      const sent = await a.send(room, `ping ${k}`);
      await b.messageFrom(a.userId, room, (m) => m.eventId === sent);
      return performance.now() - started;
    };
    await ping(0);
    const [pings, pingsCpu] = await costing(synapse, async () => {
      const pings: number[] = [];
      for (let k = 1; k <= messages; k++) pings.push(await ping(k));
      return pings;
    });
    return [
      { what: 'bot answer (!kontakt), encrypted', people: 1, timing: summarize(answers), synapseCpuMs: answersCpu },
      {
        what: 'Synapse alone (client to client), encrypted',
        people: 1,
        timing: summarize(pings),
        synapseCpuMs: pingsCpu,
      },
    ];
  } finally {
    for (const user of [asker, a, b]) user.stop();
  }
}

async function waitForMember(client: Client, roomId: string, userId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { joined } = await client.api<{ joined: Record<string, unknown> }>(
      'GET',
      `/rooms/${encodeURIComponent(roomId)}/joined_members`,
    );
    if (userId in joined) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The bot did not join');
}
