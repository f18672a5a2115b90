// Inside a Matrix client as a room widget: ask the client for an OpenID token through the widget
// API and trade it at the hub for a short session. No secret ever travels in the widget's URL.

interface WidgetMessage {
  api: 'fromWidget' | 'toWidget';
  widgetId: string;
  requestId: string;
  action: string;
  data: Record<string, unknown>;
  response?: Record<string, unknown>;
}

const ASK_TIMEOUT_MS = 60_000;

export function widgetIdOf(search: string): string | null {
  const id = new URLSearchParams(search).get('widgetId');
  return id && window.parent !== window ? id : null;
}

/** Resolves to a hub session token, or null when the client or the hub said no. */
export function signInThroughMatrix(widgetId: string): Promise<string | null> {
  const requestId = `hub-openid-${Date.now()}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), ASK_TIMEOUT_MS);
    const finish = (token: string | null) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(token);
    };
    const credentials = (data: Record<string, unknown> | undefined) => {
      if (data?.state === 'request') return; // the client asks its user; openid_credentials follows
      if (data?.state !== 'allowed' || typeof data.access_token !== 'string') return finish(null);
      void trade(data.access_token).then(finish);
    };
    function onMessage(event: MessageEvent<WidgetMessage>): void {
      const message = event.data;
      if (event.source !== window.parent || !message || typeof message !== 'object') return;
      if (message.api === 'fromWidget' && message.requestId === requestId && message.response)
        return credentials(message.response);
      if (message.api !== 'toWidget') return;
      // Every request from the client gets an answer; this widget asks for no capabilities.
      window.parent.postMessage(
        { ...message, response: message.action === 'capabilities' ? { capabilities: [] } : {} },
        event.origin,
      );
      if (message.action === 'openid_credentials' && message.data.original_request_id === requestId)
        credentials(message.data);
    }
    window.addEventListener('message', onMessage);
    const ask: WidgetMessage = { api: 'fromWidget', widgetId, requestId, action: 'get_openid', data: {} };
    window.parent.postMessage(ask, '*');
  });
}

async function trade(openIdToken: string): Promise<string | null> {
  const response = await fetch('/auth/matrix', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openIdToken }),
  }).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json()) as { token?: string };
  return body.token ?? null;
}
