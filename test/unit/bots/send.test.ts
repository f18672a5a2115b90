import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import { expect, it } from 'vitest';
import { sendWithRetry } from '../../../bots/matrix/send.js';

// Synapse's rate limit is relaxed for the conversation tests, so the waiting is checked here on
// the SDK's request function with a stand-in that answers M_LIMIT_EXCEEDED twice.

it('waits as long as the server says after M_LIMIT_EXCEEDED, with the same transaction id', async () => {
  const paths: string[] = [];
  const started = Date.now();
  const client = {
    async doRequest(_method: string, path: string) {
      paths.push(path);
      if (paths.length < 3)
        throw Object.assign(new Error('limited'), { errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 100 });
      return { event_id: '$sent' };
    },
  } as unknown as MatrixClient;
  expect(await sendWithRetry(client, '!room:hub.test', 'txn-1', { body: 'x' })).toBe('$sent');
  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  expect(new Set(paths)).toEqual(new Set(['/_matrix/client/v3/rooms/!room%3Ahub.test/send/m.room.message/txn-1']));
});

it('gives up on other errors at once', async () => {
  const client = {
    doRequest: async () => Promise.reject(Object.assign(new Error('forbidden'), { errcode: 'M_FORBIDDEN' })),
  } as unknown as MatrixClient;
  await expect(sendWithRetry(client, '!room:hub.test', 'txn-2', {})).rejects.toThrow('forbidden');
});
