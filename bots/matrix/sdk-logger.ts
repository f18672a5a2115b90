import type { Log } from '../core/command.js';

// The Matrix SDK logs through a logger of its own (multi-line text on stderr by default). Routed
// here into the hub's log, one line per message; its errors become the bot's last error, which
// !status shows (a homeserver outage surfaces as the sync failing). Lookups that answer "not
// found" are how the bot asks whether something exists, so they are no error.

export interface SdkLogger {
  info(module: string, ...parts: unknown[]): void;
  warn(module: string, ...parts: unknown[]): void;
  error(module: string, ...parts: unknown[]): void;
  debug(module: string, ...parts: unknown[]): void;
  trace(module: string, ...parts: unknown[]): void;
}

const MAX = 200;

function oneLine(parts: unknown[]): string {
  const text = parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

export function sdkLogger(log: Log, onError: (message: string) => void): SdkLogger {
  const ignore = () => undefined;
  return {
    info: ignore,
    debug: ignore,
    trace: ignore,
    warn: (module, ...parts) => log(`Matrix SDK (${module}): ${oneLine(parts)}`),
    error: (module, ...parts) => {
      const message = oneLine(parts);
      if (message.includes('M_NOT_FOUND')) return;
      onError(message);
      log(`Matrix SDK (${module}): ${message}`);
    },
  };
}
