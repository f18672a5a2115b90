import { z } from 'zod';

// DISCORD_* settings; the bot starts with `npm start` when a token is set.

const Env = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  /** Register commands in this guild only (appear at once); without it, globally. */
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/).optional(),
  /** Another REST base, e.g. a proxy; the gateway address always comes from the REST API. */
  DISCORD_API_URL: z.string().url().optional(),
});

export interface DiscordSettings {
  token: string;
  guildId: string | null;
  apiUrl: string | null;
}

export function discordSettings(env: NodeJS.ProcessEnv): DiscordSettings | null {
  const e = Env.parse(env);
  if (!e.DISCORD_TOKEN) return null;
  return { token: e.DISCORD_TOKEN, guildId: e.DISCORD_GUILD_ID ?? null, apiUrl: e.DISCORD_API_URL ?? null };
}
