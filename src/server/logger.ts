import { pino, type Logger } from 'pino';

// JSON lines on stdout, one per event, for the log collector. Nothing personal goes in: requests
// are logged by id, method, path and status, never with their query, variables or headers.

export type HubLogger = Logger;

export function createLogger(level = process.env.HUB_LOG_LEVEL ?? 'info'): HubLogger {
  return pino({ level, base: { service: 'integration-hub' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });
}
