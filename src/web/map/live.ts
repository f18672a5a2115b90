import { authHeaders } from './api.js';
import { LiveOperation } from './operations.generated.js';

// New links, meetings and routed requests arrive over the networkChanged subscription (SSE).

export function listenForChanges(onChange: () => void): () => void {
  const controller = new AbortController();
  const connect = async (): Promise<void> => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
      body: JSON.stringify({ query: LiveOperation }),
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      if (events.some((e) => e.includes('"networkChanged"'))) onChange();
    }
  };
  const loop = (): void => {
    connect()
      .catch(() => undefined)
      .finally(() => {
        if (!controller.signal.aborted) setTimeout(loop, 5_000);
      });
  };
  loop();
  return () => controller.abort();
}
