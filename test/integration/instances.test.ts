import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { firstLine, hubProcess } from '../support/npm-start.js';
import { startRedis, type RunningRedis } from '../support/redis.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// Two hub instances over one Neo4j and one Redis, each started with the command `npm start`
// runs: a change on one reaches a subscriber on the other, a reminder goes out once, and when
// the instance running the chat bot is killed, the other takes the bot over.

const LEASE_SECONDS = 3;
const KIK = 'person:demo-14627-kik-1';

interface Instance {
  child: ChildProcess;
  url: string;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = hubProcess({ ...env, PORT: String(port), HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-instance-')) });
  if (process.env.DEBUG_INSTANCES)
    for (const stream of [child.stdout!, child.stderr!])
      stream.on('data', (chunk: Buffer) => process.stderr.write(`[${port}] ${chunk}`));
  await firstLine(child.stdout!, /Integration hub on the neo4j store/);
  return { child, url: `http://127.0.0.1:${port}` };
}

const runsBots = async (instance: Instance) =>
  ((await (await fetch(`${instance.url}/healthz`)).json()) as { runsChatBotsAndTimers: boolean }).runsChatBotsAndTimers;

/** "am 25.11.2026 um 23:15" in Berlin time, as a coordinator would type it. */
function berlinWhen(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `am ${parts.day}.${parts.month}.${parts.year} um ${parts.hour}:${parts.minute}`;
}

describe('several hub instances over one Neo4j and one Redis', () => {
  let redis: RunningRedis;
  let store: Neo4jStore;
  let services: HubServices;
  let a: Instance;
  let b: Instance;
  let alice: MatrixUser;
  let botUserId: string;

  beforeAll(async () => {
    redis = await startRedis();
    store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    await store.deleteEverything();
    services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    const bot = await MatrixUser.registerWithToken('hubbot');
    botUserId = bot.userId;
    alice = await MatrixUser.register('alice');
    const identities = new ChatIdentities(store);
    await identities.requestLink({ transport: 'matrix', userId: alice.userId }, KIK);
    await identities.confirm(
      { transport: 'matrix', userId: alice.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    const env = {
      NEO4J_URI: inject('neo4jUri'),
      HUB_REDIS_URL: redis.url,
      MATRIX_HOMESERVER_URL: inject('synapseUrl'),
      MATRIX_ACCESS_TOKEN: bot.accessToken,
      HUB_LEASE_SECONDS: String(LEASE_SECONDS),
      HUB_TIMER_SECONDS: '1',
    };
    a = await startInstance(env);
    await alice.waitFor(() => runsBots(a));
    b = await startInstance(env);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) instance?.child.kill('SIGKILL');
    redis?.stop();
    await store?.close();
  });

  it('lets exactly one instance run the chat bots and timers', async () => {
    expect([await runsBots(a), await runsBots(b)]).toEqual([true, false]);
  });

  it('streams a change made on instance A to a subscriber on instance B', async () => {
    const { secret } = await services.access.create(
      { personId: 'person:demo-admin', access: 'ADMIN', label: 'instances test' },
      SYSTEM,
    );
    const auth = { authorization: `Bearer ${secret}` };
    const stream = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
      body: JSON.stringify({ query: 'subscription { networkChanged { action subjectIds } }' }),
    });
    const reader = stream.body!.getReader();
    const mutation = JSON.stringify({
      query:
        'mutation { addLink(input: { type: COOPERATES_WITH, fromId: "alliance:demo-14627-1", toId: "institution:demo-14627-hospital" }) { __typename } }',
    });
    const written = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: mutation,
    });
    expect(
      ((await written.json()) as { data: { addLink: { __typename: string } } }).data.addLink.__typename,
    ).not.toContain('Error');
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('"addLink"') && Date.now() < deadline)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const event = JSON.parse(/data: (.*)/.exec(text)![1]!) as {
      data: { networkChanged: { action: string; subjectIds: string[] } };
    };
    expect(event.data.networkChanged.action).toBe('addLink');
    expect(event.data.networkChanged.subjectIds).toEqual(
      expect.arrayContaining(['alliance:demo-14627-1', 'institution:demo-14627-hospital']),
    );

    // B's own caches heard of it too: its map already has the new link.
    const network = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: '{ network(districtAgs: "14627") { edges { source target } } }' }),
    });
    const edges = ((await network.json()) as { data: { network: { edges: { source: string; target: string }[] } } })
      .data.network.edges;
    expect(edges).toContainEqual({ source: 'alliance:demo-14627-1', target: 'institution:demo-14627-hospital' });
  });

  it("carries a request filed on the instance without the bots to the KIK's chat", async () => {
    const { secret } = await services.access.create(
      { personId: 'person:demo-14627-alliance-1-volunteer-1', access: 'VOLUNTEER', label: 'outbox test' },
      SYSTEM,
    );
    const elsewhere = (await runsBots(a)) ? b : a;
    const filed = await fetch(`${elsewhere.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({
        query:
          'mutation { fileRequest(input: { place: "Meißen", text: "Suchen Räume für ein Sprachcafé" }) { ... on MutationFileRequestSuccess { data { handler { id } } } } }',
      }),
    });
    expect(
      ((await filed.json()) as { data: { fileRequest: { data: { handler: { id: string } } } } }).data.fileRequest.data
        .handler.id,
    ).toBe(KIK);
    await alice.waitFor(async () => {
      for (const room of await alice.invitedRooms()) await alice.join(room);
      const rooms = (await alice.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms;
      const messages = (await Promise.all(rooms.map((room) => alice.messages(room)))).flat();
      return messages.some(
        (m) => m.sender === botUserId && String(m.content.body).includes('Suchen Räume für ein Sprachcafé'),
      );
    });
  });

  it('sends a due reminder once, and moves the bot to the other instance when its holder is killed', async () => {
    const organiser = await new ChatIdentities(store).viewerOfPerson('person:demo-14627-koordinationskraft');
    const startsAt = new Date(Date.now() + 2 * 3_600_000);
    await services.meetings.schedule(
      { title: 'Austausch Sprachkurse', when: berlinWhen(startsAt), invite: [KIK], confirmed: true },
      organiser,
    );

    const reminders = async () => {
      for (const room of await alice.invitedRooms()) await alice.join(room);
      const rooms = (await alice.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms;
      const messages = (await Promise.all(rooms.map((room) => alice.messages(room)))).flat();
      return messages.filter(
        (m) => m.sender === botUserId && String(m.content.body).startsWith('Erinnerung: „Austausch Sprachkurse“'),
      );
    };
    await alice.waitFor(async () => (await reminders()).length > 0);

    const holder = (await runsBots(a)) ? a : b;
    const other = holder === a ? b : a;
    holder.child.kill('SIGKILL');
    await expect.poll(() => runsBots(other), { timeout: (LEASE_SECONDS + 10) * 1000, interval: 500 }).toBe(true);

    // The new holder answers in chat, and its timers do not send the reminder again.
    const room = await alice.createRoom([botUserId], { is_direct: true });
    await alice.waitFor(async () => (await alice.members(room)).includes(botUserId));
    const asked = await alice.send(room, '!hilfe');
    const [answer] = await alice.repliesTo(room, asked);
    expect(answer?.sender).toBe(botUserId);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await reminders()).toHaveLength(1);
  });
});
