import { z } from 'zod';

// Settings come from the environment; README.md lists them. A bad value stops the start with a
// one-line reason.

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  HUB_DATA_DIR: z.string().default('./data'),
  HUB_KIK_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  HUB_ESCALATE_AFTER_HOURS: z.coerce.number().min(0.01).default(72),
  HUB_SUGGEST_QUIET_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  HUB_REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  HUB_REVIEW_REMIND_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  HUB_UNDO_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  HUB_GRAPHIQL: z.enum(['true', 'false']).default('true'),
  HUB_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  HUB_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  HUB_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  HUB_CORS_ORIGINS: z.string().default(''),
  HUB_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HUB_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HUB_TRUSTED_PROXIES: z.string().default(''),
  HUB_WIDGET_ORIGINS: z.string().default(''),
  HUB_PUBLIC_URL: z.string().url().optional(),
  HUB_REDIS_URL: z.string().url().optional(),
  HUB_VIDEO_URL: z.string().url().optional(),
  HUB_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// address, e.g. smtp://user:password@mail.example.org:587')
    .optional(),
  HUB_MAIL_FROM: z
    .string()
    .regex(
      /^([^<>]*<[^@<>\s]+@[^@<>\s]+>|[^@<>\s]+@[^@<>\s]+)$/,
      'must be an address, e.g. Integrations-Hub <hub@kreis.example>',
    )
    .optional(),
  HUB_MAIL_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  HUB_REMINDER_HOURS: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/, 'must be hours separated by commas, e.g. 24,1')
    .default('24,1'),
  HUB_FUNDING_REMIND_DAYS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be days separated by commas, e.g. 28,7')
    .default('28,7'),
  HUB_LEASE_SECONDS: z.coerce.number().min(3).max(600).default(15),
  HUB_TIMER_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  HUB_STORE_CHECK_SECONDS: z.coerce.number().min(0.2).max(3600).default(5),
  NEO4J_URI: z.string().optional(),
  NEO4J_USER: z.string().optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
});

export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  graphiql: boolean;
  introspection: boolean;
  /** Root field calls per minute, per client address and per token. */
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  /** Browser origins allowed to call the API from other sites. */
  corsOrigins: string[];
  /** Chat clients (e.g. Element's origin) that may show the map as a room widget. */
  widgetOrigins: string[];
  /** Where people reach the hub, for links in chat; http://HOST:PORT by default. */
  publicUrl: string;
  /** Base of video room links for online meetings (e.g. https://meet.jit.si/); null: none. */
  videoBaseUrl: string | null;
  /** Hours before a meeting at which its people are reminded. */
  reminderHours: number[];
  /** Days before a funding deadline at which subscribers are reminded (HUB_FUNDING_REMIND_DAYS). */
  fundingRemindDays: number[];
  /** E-mail through this SMTP server, sent as `from`; null: no e-mail. */
  mail: { smtpUrl: string; fromName: string; fromAddress: string; linkDays: number } | null;
  /** Redis shared by several hub instances for network changes; null for one instance. */
  redisUrl: string | null;
  /** How long the chat bots' lease lasts without renewal: the longest a failover takes. */
  leaseSeconds: number;
  /** How often escalations, reminders and retention run. */
  timerSeconds: number;
  /** How often the hub looks whether another writer changed the store. */
  storeCheckSeconds: number;
  rules: { kikLimitPerLandkreis: number };
  /** Hours a request may wait on a KIK (or a forwarded target) before it moves up. */
  escalateAfterHours: number;
  /** Days after which the text of a closed request is deleted. */
  requestRetentionDays: number;
  /** Towns that met within this many months are not suggested to meet again. */
  suggestQuietMonths: number;
  /** Days a change proposal may wait before its reviewers are reminded (once). */
  reviewRemindDays: number;
  /** Hours within which a change of the network can be taken back (!rückgängig, undoChange). */
  undoHours: number;
  neo4j: { uri: string; user?: string; password?: string; database?: string } | null;
  /** Bearer token for /metrics on the main port; without it (and without a metrics port) /metrics is not served. */
  metricsToken: string | null;
  /** Serve /metrics on this port of HOST only, without a token (for a scraper on a private network). */
  metricsPort: number | null;
  /** Addresses of reverse proxies whose X-Forwarded-For names the client (for rate limits). */
  trustedProxies: string[];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Setting ${issue.path.join('.')} is invalid: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.HUB_SMTP_URL && !e.HUB_MAIL_FROM)
    throw new ConfigError('Setting HUB_MAIL_FROM is missing: with HUB_SMTP_URL, say whom mails come from.');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.HUB_DATA_DIR,
    graphiql: e.HUB_GRAPHIQL === 'true',
    introspection: e.HUB_INTROSPECTION === 'true',
    rateLimitPerMinute: e.HUB_RATE_LIMIT,
    maxBodyBytes: e.HUB_MAX_BODY_BYTES,
    corsOrigins: list(e.HUB_CORS_ORIGINS),
    metricsToken: e.HUB_METRICS_TOKEN ?? null,
    metricsPort: e.HUB_METRICS_PORT ?? null,
    trustedProxies: list(e.HUB_TRUSTED_PROXIES),
    widgetOrigins: list(e.HUB_WIDGET_ORIGINS),
    publicUrl: (e.HUB_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    redisUrl: e.HUB_REDIS_URL ?? null,
    mail: e.HUB_SMTP_URL
      ? { smtpUrl: e.HUB_SMTP_URL, ...sender(e.HUB_MAIL_FROM!), linkDays: e.HUB_MAIL_LINK_DAYS }
      : null,
    videoBaseUrl: e.HUB_VIDEO_URL ?? null,
    fundingRemindDays: [...new Set(e.HUB_FUNDING_REMIND_DAYS.split(',').map(Number))].filter((d) => d >= 0),
    reminderHours: [...new Set(e.HUB_REMINDER_HOURS.split(',').map(Number))].filter((h) => h > 0).sort((a, b) => b - a),
    leaseSeconds: e.HUB_LEASE_SECONDS,
    timerSeconds: e.HUB_TIMER_SECONDS,
    storeCheckSeconds: e.HUB_STORE_CHECK_SECONDS,
    rules: { kikLimitPerLandkreis: e.HUB_KIK_LIMIT },
    escalateAfterHours: e.HUB_ESCALATE_AFTER_HOURS,
    suggestQuietMonths: e.HUB_SUGGEST_QUIET_MONTHS,
    requestRetentionDays: e.HUB_REQUEST_RETENTION_DAYS,
    reviewRemindDays: e.HUB_REVIEW_REMIND_DAYS,
    undoHours: e.HUB_UNDO_HOURS,
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : null,
  };
}

const list = (value: string) =>
  value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/** "Integrations-Hub <hub@kreis.example>" as name and address. */
function sender(from: string): { fromName: string; fromAddress: string } {
  const match = /^(.*)<(.+)>$/.exec(from.trim());
  if (!match) return { fromName: 'Integrations-Hub', fromAddress: from.trim() };
  return { fromName: match[1]!.trim().replace(/^"|"$/g, '') || 'Integrations-Hub', fromAddress: match[2]!.trim() };
}
