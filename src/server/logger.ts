import { pino, type Logger } from 'pino';

// One line per event on stdout: JSON for a log collector, or readable text for a person at a
// terminal (HUB_LOG_FORMAT=json|text; by default text when stdout is a terminal). Nothing personal
// goes in: requests are logged by id, method, path and status, never with their query, variables
// or headers.

export type HubLogger = Logger;
export type LogFormat = 'json' | 'text';

export function logFormat(env: NodeJS.ProcessEnv = process.env, isTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  const chosen = env.HUB_LOG_FORMAT;
  if (chosen === 'json' || chosen === 'text') return chosen;
  return isTerminal ? 'text' : 'json';
}

export function createLogger(level = process.env.HUB_LOG_LEVEL ?? 'info', format: LogFormat = logFormat()): HubLogger {
  const options = {
    level,
    base: { service: 'integration-hub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return format === 'json'
    ? pino(options)
    : pino(options, { write: (line: string) => void process.stdout.write(`${readable(line)}\n`) });
}

/** "14:03:07 INFO  Integration hub on …  reqId=… status=200" from one JSON log line. */
export function readable(line: string): string {
  try {
    const { time, level, msg, service: _service, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const clock = typeof time === 'string' ? time.slice(11, 19) : '';
    const extras = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${clock} ${String(level ?? '')
      .toUpperCase()
      .padEnd(5)} ${String(msg ?? '')}${extras ? `  ${extras}` : ''}`;
  } catch {
    return line.trimEnd();
  }
}
