import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { NetworkChange, NetworkEvents } from '../services/reads/network-events.js';

// Several hub instances share network changes through Redis pub/sub: each change carries what it
// touched, so every instance's read model follows it as the writer's does, and a subscriber on
// any instance hears of it. Pub/sub loses what is sent while a subscriber is away: each instance
// numbers its changes, and one that sees a gap in another's numbers (or was disconnected) reads
// everything anew.

const CHANNEL = 'integration-hub:network-changed';

interface Envelope {
  origin: string;
  /** 1, 2, 3 … per origin. */
  sequence: number;
  change: NetworkChange;
}

/** Told to this instance's readers when changes from elsewhere may have been missed. */
const MISSED: Omit<NetworkChange, 'at'> = { action: 'changesMissed', subjectIds: [] };

export interface RedisBridge {
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function bridgeEventsThroughRedis(
  events: NetworkEvents,
  url: string,
  log: (message: string) => void,
): Promise<RedisBridge> {
  const origin = randomUUID();
  const options = { maxRetriesPerRequest: 2, lazyConnect: true };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => log(`Redis: ${error.message}`));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  const lastSeen = new Map<string, number>();
  const missed = () => events.receive({ ...MISSED, at: new Date().toISOString() });
  subscriber.on('message', (_channel: string, text: string) => {
    const envelope = JSON.parse(text) as Envelope;
    if (envelope.origin === origin) return;
    const last = lastSeen.get(envelope.origin);
    lastSeen.set(envelope.origin, envelope.sequence);
    if (last !== undefined && envelope.sequence !== last + 1) missed();
    else events.receive(envelope.change);
  });
  // Connected already: a later 'ready' is a reconnection, after which anything may have been missed.
  subscriber.on('ready', missed);
  let sequence = 0;
  events.relayTo((change) => {
    const envelope: Envelope = { origin, sequence: ++sequence, change };
    publisher
      .publish(CHANNEL, JSON.stringify(envelope))
      .catch((error: Error) => log(`Publishing a change to Redis failed: ${error.message}`));
  });
  return {
    async ping() {
      await publisher.ping();
    },
    async close() {
      await Promise.all([subscriber.quit(), publisher.quit()]).catch(() => undefined);
    },
  };
}
