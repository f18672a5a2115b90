import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import type { Handling } from './handling-journal.js';
import type { MatrixEvent } from './matrix-content.js';
import { loadMatrixSdk } from './sdk-loader.js';

// Reading a Matrix event as the bot needs it: its text, what the answer journal keeps of it, and
// an encrypted event of the room history decrypted.

/** What of a message the journal keeps to answer it again. */
export function slim(event: MatrixEvent): Handling['event'] {
  const { event_id, sender, type, origin_server_ts, content } = event;
  return { event_id, sender, type, origin_server_ts, content };
}

/** An encrypted event of the history as its sender wrote it; null when the device has no key for it. */
export async function decrypted(client: MatrixClient, roomId: string, event: MatrixEvent): Promise<MatrixEvent | null> {
  const { EncryptedRoomEvent } = await loadMatrixSdk();
  try {
    return (await client.crypto.decryptRoomEvent(new EncryptedRoomEvent(event), roomId)).raw as MatrixEvent;
  } catch {
    return null;
  }
}

/**
 * The text a message asks the bot: its body, or for an edit the new text (an edited command is
 * the new command); null for what carries no text.
 */
export function commandText(event: MatrixEvent): string | null {
  const content = event.content as
    { body?: unknown; 'm.new_content'?: { body?: unknown }; 'm.relates_to'?: { rel_type?: unknown } } | undefined;
  if (content?.['m.relates_to']?.rel_type === 'm.replace') {
    const edited = content['m.new_content']?.body;
    return typeof edited === 'string' ? edited : null;
  }
  return typeof content?.body === 'string' ? content.body : null;
}
