import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, register } from 'prom-client';

// Prometheus metrics at /metrics: request durations, parse/validate/execute times and errors
// from yoga's plugin, plus the hub's own counters below.

export const METRICS_PATH = '/metrics';

export const chatCommands = new Counter({
  name: 'hub_chat_commands_total',
  help: 'Chat commands answered, by transport and command.',
  labelNames: ['transport', 'command'] as const,
});

export const timerRuns = new Counter({
  name: 'hub_timer_work_total',
  help: 'Escalations, reminders and retention deletions carried out by the minute timer.',
  labelNames: ['job'] as const,
});

export function useMetrics(): Plugin {
  return usePrometheus({
    endpoint: METRICS_PATH,
    registry: register,
    // Labels from a fixed set only: never the URL or the client-chosen operation name, which
    // would carry what people searched for and grow without bound.
    labels: {
      url: false,
      method: true,
      statusCode: true,
      operationName: false,
      operationType: true,
      fieldName: false,
      typeName: false,
    },
    // What an operator reads: durations per request and phase, and errors. The plugin's other
    // defaults cost every request more than its answer from memory does (a walk of the document
    // with type information for deprecated fields, which the schema has none of; a summary's
    // quantiles beside the histogram; a counter the histograms already count) and are off.
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_error_result: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
    },
  }) as Plugin;
}
