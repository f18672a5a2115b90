import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { registerUser } from './synapse.js';

// A person in the tests: a Matrix account on the test Synapse, talking over the client-server
// API as any Matrix client does.

export interface MatrixMessage {
  event_id: string;
  sender: string;
  type: string;
  content: Record<string, any>;
}

export class MatrixUser {
  private constructor(
    readonly userId: string,
    private readonly token: string,
    private readonly baseUrl: string,
  ) {}

  /** A new user on the suite's Synapse, or on another one the test started. */
  static async register(
    localpart: string,
    synapse: { url: string; sharedSecret: string } = {
      url: inject('synapseUrl'),
      sharedSecret: inject('synapseSecret'),
    },
  ): Promise<MatrixUser> {
    const { userId, accessToken } = await registerUser(synapse, `${localpart}-${randomUUID().slice(0, 8)}`);
    return new MatrixUser(userId, accessToken, synapse.url);
  }

  /** An account registered elsewhere (the bot's), to look at it as its client would. */
  static of(account: { userId: string; accessToken: string }): MatrixUser {
    return new MatrixUser(account.userId, account.accessToken, inject('synapseUrl'));
  }

  static async registerWithToken(localpart: string): Promise<{ userId: string; accessToken: string }> {
    return registerUser(
      { url: inject('synapseUrl'), sharedSecret: inject('synapseSecret') },
      `${localpart}-${randomUUID().slice(0, 8)}`,
    );
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T & { errcode?: string; error?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${json.errcode} ${json.error}`);
    return json;
  }

  async createRoom(invite: string[], options: Record<string, unknown> = {}): Promise<string> {
    return (await this.api<{ room_id: string }>('POST', '/createRoom', { preset: 'private_chat', invite, ...options }))
      .room_id;
  }

  async join(roomId: string): Promise<void> {
    await this.api('POST', `/join/${encodeURIComponent(roomId)}`, {});
  }

  async send(roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
    const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${randomUUID()}`;
    return (await this.api<{ event_id: string }>('PUT', path, { msgtype: 'm.text', body, ...extra })).event_id;
  }

  async messages(roomId: string): Promise<MatrixMessage[]> {
    const page = await this.api<{ chunk: MatrixMessage[] }>(
      'GET',
      `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=100`,
    );
    return page.chunk.reverse();
  }

  async members(roomId: string): Promise<string[]> {
    const { joined } = await this.api<{ joined: Record<string, unknown> }>(
      'GET',
      `/rooms/${encodeURIComponent(roomId)}/joined_members`,
    );
    return Object.keys(joined);
  }

  /** The content behind an mxc:// address (authenticated media). */
  async download(mxc: string): Promise<string> {
    const [server, mediaId] = mxc.replace('mxc://', '').split('/');
    const response = await fetch(`${this.baseUrl}/_matrix/client/v1/media/download/${server}/${mediaId}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!response.ok) throw new Error(`Downloading ${mxc}: ${response.status}`);
    return response.text();
  }

  /** A room's state event, or null when there is none. */
  async state<T>(roomId: string, type: string, stateKey: string): Promise<T | null> {
    return this.api<T>(
      'GET',
      `/rooms/${encodeURIComponent(roomId)}/state/${type}/${encodeURIComponent(stateKey)}`,
    ).catch(() => null);
  }

  /** An OpenID token a widget would get from this user's client (MSC1960). */
  async openIdToken(): Promise<{
    access_token: string;
    matrix_server_name: string;
    expires_in: number;
    token_type: string;
  }> {
    return this.api('POST', `/user/${encodeURIComponent(this.userId)}/openid/request_token`, {});
  }

  async invitedRooms(): Promise<string[]> {
    const sync = await this.api<{ rooms?: { invite?: Record<string, unknown> } }>('GET', '/sync?timeout=0');
    return Object.keys(sync.rooms?.invite ?? {});
  }

  /** The room I am invited to with this name (from the invite's stripped state), or null. */
  async invitedRoomNamed(name: string): Promise<string | null> {
    type Stripped = { type: string; content: { name?: string } };
    const sync = await this.api<{ rooms?: { invite?: Record<string, { invite_state?: { events?: Stripped[] } }> } }>(
      'GET',
      '/sync?timeout=0',
    );
    const found = Object.entries(sync.rooms?.invite ?? {}).find(([, room]) =>
      room.invite_state?.events?.some((e) => e.type === 'm.room.name' && e.content.name === name),
    );
    return found?.[0] ?? null;
  }

  async event(roomId: string, eventId: string): Promise<MatrixMessage> {
    return this.api('GET', `/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`);
  }

  /** The edits (m.replace) of a message, oldest first. */
  async edits(roomId: string, eventId: string): Promise<MatrixMessage[]> {
    const path = `/_matrix/client/v1/rooms/${encodeURIComponent(roomId)}/relations/${encodeURIComponent(eventId)}/m.replace?dir=f`;
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET relations: ${response.status}`);
    return ((await response.json()) as { chunk: MatrixMessage[] }).chunk;
  }

  /** Sends a line and waits for the bot's reply to it. */
  async ask(roomId: string, text: string): Promise<MatrixMessage> {
    const eventId = await this.send(roomId, text);
    const [reply] = await this.repliesTo(roomId, eventId);
    if (!reply) throw new Error(`No reply to "${text}"`);
    return reply;
  }

  /** Replies (m.in_reply_to) to one of my events, waiting until at least `count` arrived. */
  async repliesTo(roomId: string, eventId: string, count = 1, timeoutMs = 20_000): Promise<MatrixMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replies = (await this.messages(roomId)).filter(
        (m) => m.content['m.relates_to']?.['m.in_reply_to']?.event_id === eventId,
      );
      if (replies.length >= count || Date.now() > deadline) return replies;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async waitFor<T>(what: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await what();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('Timed out waiting in the Matrix test');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
