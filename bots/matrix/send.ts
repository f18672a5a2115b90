import type { MatrixClient } from '@vector-im/matrix-bot-sdk';

// Sends an event with a caller-chosen transaction id (so a repeat is the same event, not a
// second one) and waits out M_LIMIT_EXCEEDED as long as the server says, which the SDK does not.
// In an encrypted room the event is encrypted first (Megolm, through the SDK's crypto client);
// a repeat encrypts again but keeps the transaction id, so the server still keeps one event.

const MAX_ATTEMPTS = 5;

export async function sendWithRetry(
  client: MatrixClient,
  roomId: string,
  txnId: string,
  content: Record<string, unknown>,
  type = 'm.room.message',
): Promise<string> {
  const encrypted = Boolean(client.crypto?.isReady) && (await client.crypto.isRoomEncrypted(roomId));
  const wireType = encrypted ? 'm.room.encrypted' : type;
  const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(wireType)}/${encodeURIComponent(txnId)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const body = encrypted ? await client.crypto.encryptRoomEvent(roomId, type, content) : content;
      const response = (await client.doRequest('PUT', path, null, body)) as { event_id: string };
      return response.event_id;
    } catch (error) {
      const limited = (error as { errcode?: string }).errcode === 'M_LIMIT_EXCEEDED';
      if (!limited || attempt >= MAX_ATTEMPTS) throw error;
      const wait = (error as { retryAfterMs?: number }).retryAfterMs ?? 1000 * attempt;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 30_000)));
    }
  }
}
