import type { MatrixClient } from '@vector-im/matrix-bot-sdk';

// A file as a Matrix message. In an encrypted room the file is encrypted before it is uploaded
// (the key travels in the encrypted message), so the server's media store never holds it in clear.

export async function fileMessage(
  client: MatrixClient,
  roomId: string,
  file: { name: string; mimeType: string; bytes: Buffer },
): Promise<Record<string, unknown>> {
  const message = {
    msgtype: 'm.file',
    body: file.name,
    filename: file.name,
    info: { mimetype: file.mimeType, size: file.bytes.length },
  };
  if (client.crypto?.isReady && (await client.crypto.isRoomEncrypted(roomId))) {
    const encrypted = await client.crypto.encryptMedia(file.bytes);
    const url = await client.uploadContent(encrypted.buffer, 'application/octet-stream');
    return { ...message, file: { ...encrypted.file, url } };
  }
  return { ...message, url: await client.uploadContent(file.bytes, file.mimeType, file.name) };
}
