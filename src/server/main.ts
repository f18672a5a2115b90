import { once } from 'node:events';
import { startChatBots } from '../../bots/start-bots.js';
import { openStore, seedDemoIfEmpty } from '../../graph/open-store.js';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { createServices } from '../services/hub-services.js';
import { ChatIdentities } from '../services/chat-identities.js';
import { MatrixSignIn } from '../services/matrix-sign-in.js';
import { createHubServer, NotReady } from './http.js';
import { matrixOpenIdVerifier } from './matrix-openid.js';
import { chatCommands, timerRuns } from './plugins/use-metrics.js';
import { createHubYoga } from './yoga.js';

// `npm start`: config -> store -> services -> GraphQL -> HTTP. A known failure ends the process
// with one line that says what is wrong, never a stack trace.

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  const services = createServices(store, { rules: config.rules, escalateAfterHours: config.escalateAfterHours });
  if (store.name === 'embedded' && (await seedDemoIfEmpty(store, services.writer))) {
    console.log(`First start: loaded the Saxon demo network into ${config.dataDir}.`);
  }
  const yoga = createHubYoga(services, { graphiql: config.graphiql, introspection: config.introspection, rateLimitPerMinute: config.rateLimitPerMinute, corsOrigins: config.corsOrigins });
  const homeserver = config.matrixHomeserverUrl;
  const server = createHubServer(yoga, {
    maxBodyBytes: config.maxBodyBytes,
    ready: async () => {
      await store.ping();
      if (homeserver) await homeserverAnswers(homeserver);
    },
    log: (message) => console.error(message),
    matrixSignIn: homeserver ? new MatrixSignIn(matrixOpenIdVerifier(homeserver), new ChatIdentities(store), services.access) : null,
    widgetOrigins: config.widgetOrigins,
  });
  server.listen(config.port, config.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Integration hub on the ${store.name} store: http://${config.host}:${port}/graphql`);
  const bots = await startChatBots(
    services,
    process.env,
    { dataDir: config.dataDir, publicUrl: config.publicUrl },
    (message, error) => console.error(error ? `${message}: ${error instanceof Error ? error.message : String(error)}` : message),
    (transport, command) => chatCommands.inc({ transport, command }),
  );

  // Build the collaboration graph now, so the first map or analytics request does not wait for it.
  void services.network.graph().catch((error: unknown) => console.error(`Building the network graph failed: ${(error as Error).message}`));

  // What fell due while the hub was down (escalations, reminders, retention) happens now, then every minute.
  const runDueWork = () => {
    void services.requests.escalateDue().then((n) => timerRuns.inc({ job: 'escalation' }, n)).catch((error: unknown) => console.error(`Escalating requests failed: ${(error as Error).message}`));
    void services.meetings.sendDueReminders().then((n) => timerRuns.inc({ job: 'reminder' }, n)).catch((error: unknown) => console.error(`Sending reminders failed: ${(error as Error).message}`));
    void services.requests.purgeClosedTexts(config.requestRetentionDays).then(
      (purged) => {
        timerRuns.inc({ job: 'retention' }, purged);
        if (purged > 0) console.log(`Retention: deleted the text of ${purged} closed requests older than ${config.requestRetentionDays} days.`);
      },
      (error: unknown) => console.error(`Retention failed: ${(error as Error).message}`),
    );
  };
  runDueWork();
  const timer = setInterval(runDueWork, 60_000);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    clearInterval(timer);
    void bots.stop();
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function homeserverAnswers(url: string): Promise<void> {
  const response = await fetch(new URL('/_matrix/client/versions', url), { signal: AbortSignal.timeout(3_000) }).catch(() => null);
  if (!response?.ok) throw new NotReady('homeserver unreachable');
}

function reason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${process.env.PORT ?? 4000} is already in use; set PORT to a free port.`;
  if (code === 'EACCES') return `Port ${process.env.PORT ?? 4000} may not be opened by this user; set PORT to one above 1024.`;
  if (error instanceof DomainError && error.code === 'STORE_UNAVAILABLE') {
    return `Neo4j at ${process.env.NEO4J_URI} is unreachable; start it (npm run neo4j) or unset NEO4J_URI to use the embedded store.`;
  }
  if (error instanceof DomainError || error instanceof ConfigError) return error.message;
  return `The hub could not start: ${error instanceof Error ? error.message : String(error)}`;
}

main().catch((error: unknown) => {
  console.error(reason(error));
  process.exit(1);
});
