import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

// A stand-in for Discord's REST API and gateway on loopback, for discord.js's own client.
// It covers what the bot uses: GET /gateway/bot, the gateway handshake (HELLO, IDENTIFY, READY,
// heartbeats), command registration (PUT .../commands), interaction callbacks, dispatching
// INTERACTION_CREATE, and direct messages (GET /users/:id, POST /users/@me/channels,
// POST /channels/:id/messages). It does not cover: rate-limit headers and 429s, resuming sessions,
// zlib compression, guild and member caches (READY lists no guilds), permissions, follow-up
// webhooks and message edits, or any validation Discord does on payloads (lengths, names).

export const APPLICATION_ID = '100000000000000001';
const BOT_USER_ID = '100000000000000002';

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  private socket: WebSocket | null = null;
  private sequence = 0;
  private nextId = 500000000000000000n;
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.gateway = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) =>
      this.gateway.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws)),
    );
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    for (const client of this.gateway.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }

  snowflake(): string {
    return String(this.nextId++);
  }

  /** Sends an interaction to the bot over the gateway, as Discord does when someone uses it. */
  dispatchInteraction(interaction: Record<string, unknown>): void {
    this.send({ op: 0, t: 'INTERACTION_CREATE', s: ++this.sequence, d: interaction });
  }

  async callbackFor(interactionId: string, timeoutMs = 10_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(
        (r) => r.method === 'POST' && r.path.includes(`/interactions/${interactionId}/`),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No answer to interaction ${interactionId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private send(payload: unknown): void {
    this.socket?.send(JSON.stringify(payload));
  }

  private onGateway(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (message.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (message.op === 2) {
        this.send({
          op: 0,
          t: 'READY',
          s: ++this.sequence,
          d: {
            v: 10,
            user: { id: BOT_USER_ID, username: 'hub', discriminator: '0', global_name: 'Hub', avatar: null, bot: true },
            guilds: [],
            session_id: 'session-1',
            resume_gateway_url: this.url.replace('http', 'ws'),
            application: { id: APPLICATION_ID, flags: 0 },
          },
        });
      }
    });
  }

  private async onRequest(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0]!.replace(/^\/api\/v\d+/, '');
    const contentType = req.headers['content-type'] ?? '';
    const body =
      contentType.includes('json') && text
        ? JSON.parse(text)
        : contentType.includes('multipart/form-data')
          ? await multipart(Buffer.concat(chunks), contentType)
          : text;
    this.requests.push({ method: req.method ?? 'GET', path, body });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (req.method === 'GET' && path === '/gateway/bot') {
      return json(200, {
        url: this.url.replace('http', 'ws'),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (req.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return json(
        200,
        (body as Record<string, unknown>[]).map((c) => ({
          ...c,
          id: this.snowflake(),
          application_id: APPLICATION_ID,
          version: '1',
          default_member_permissions: null,
        })),
      );
    }
    const user = /^\/users\/(\d+)$/.exec(path);
    if (req.method === 'GET' && user)
      return json(200, {
        id: user[1],
        username: `user${user[1]!.slice(-1)}`,
        discriminator: '0',
        global_name: null,
        avatar: null,
      });
    if (req.method === 'POST' && path === '/users/@me/channels') {
      const recipient = (body as { recipient_id: string }).recipient_id;
      return json(200, {
        id: `9${recipient.slice(1)}`,
        type: 1,
        recipients: [{ id: recipient, username: 'user', discriminator: '0', avatar: null }],
      });
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (req.method === 'POST' && channel) {
      return json(200, {
        id: this.snowflake(),
        channel_id: channel[1],
        author: { id: BOT_USER_ID, username: 'hub', discriminator: '0', avatar: null, bot: true },
        content: '',
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: (body as { embeds?: unknown[] }).embeds ?? [],
        components: (body as { components?: unknown[] }).components ?? [],
        pinned: false,
        type: 0,
      });
    }
    if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204).end();
      return;
    }
    json(404, { message: 'Unknown route in the test stand-in', code: 0 });
  }
}

/** A message with files, as Discord's API takes it: the JSON in payload_json, each file a part. */
async function multipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const payload = JSON.parse(String(form.get('payload_json') ?? '{}')) as Record<string, unknown>;
  const files: { name: string; text: string }[] = [];
  for (const [key, value] of form)
    if (key.startsWith('files[') && typeof value !== 'string')
      files.push({ name: value.name, text: await value.text() });
  return { ...payload, files };
}
