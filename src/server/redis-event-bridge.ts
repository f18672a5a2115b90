import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { NetworkChange, NetworkEvents } from '../services/reads/network-events.js';

// Several hub instances share network changes through Redis pub/sub: caches everywhere drop what
// a write on any instance made stale, and a subscriber on any instance hears of it.

const CHANNEL = 'integration-hub:network-changed';

interface Envelope {
  origin: string;
  change: NetworkChange;
}

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
  subscriber.on('message', (_channel: string, text: string) => {
    const envelope = JSON.parse(text) as Envelope;
    if (envelope.origin !== origin) events.receive(envelope.change);
  });
  events.relayTo((change) => {
    const envelope: Envelope = { origin, change };
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
