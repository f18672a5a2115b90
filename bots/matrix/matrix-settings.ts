import { z } from 'zod';

// MATRIX_* settings; the bot starts with `npm start` when a homeserver and token are set.

const Env = z.object({
  MATRIX_HOMESERVER_URL: z.string().url().optional(),
  MATRIX_ACCESS_TOKEN: z.string().min(1).optional(),
  /** Comma-separated servers (example.org) or users (@a:example.org) whose invites are accepted. */
  MATRIX_ALLOWED_INVITERS: z.string().default(''),
  /** Whether the rooms the bot creates for meetings are end-to-end encrypted. */
  MATRIX_ENCRYPT_MEETING_ROOMS: z.enum(['true', 'false']).default('true'),
});

export interface MatrixSettings {
  homeserverUrl: string;
  accessToken: string;
  allowedInviters: string[];
  /** Where the SDK keeps its sync token. */
  storagePath: string;
  /** Whether the rooms the bot creates for meetings are end-to-end encrypted (default: yes). */
  encryptMeetingRooms?: boolean;
}

export function matrixSettings(env: NodeJS.ProcessEnv, dataDir: string): MatrixSettings | null {
  const e = Env.parse(env);
  if (!e.MATRIX_HOMESERVER_URL || !e.MATRIX_ACCESS_TOKEN) return null;
  return {
    homeserverUrl: e.MATRIX_HOMESERVER_URL,
    accessToken: e.MATRIX_ACCESS_TOKEN,
    allowedInviters: e.MATRIX_ALLOWED_INVITERS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    storagePath: `${dataDir}/matrix-bot-sync.json`,
    encryptMeetingRooms: e.MATRIX_ENCRYPT_MEETING_ROOMS === 'true',
  };
}

/** An inviter is allowed by their user id or their server; with no list, only the bot's own server. */
export function inviterAllowed(inviter: string, allowed: string[], botUserId: string): boolean {
  const server = (id: string) => id.slice(id.indexOf(':') + 1);
  if (allowed.length === 0) return server(inviter) === server(botUserId);
  return allowed.some((a) => (a.startsWith('@') ? a === inviter : server(inviter) === a));
}

/** The homeserver the map's widget sign-in asks (MATRIX_HOMESERVER_URL), with or without a bot token. */
export function widgetHomeserver(env: NodeJS.ProcessEnv): string | null {
  const url = env.MATRIX_HOMESERVER_URL;
  if (!url) return null;
  if (!z.string().url().safeParse(url).success || !/^https?:/.test(url))
    throw new Error(
      `MATRIX_HOMESERVER_URL must be an http(s) address such as https://matrix.example.org, not "${url}".`,
    );
  return url;
}
