import type { StoreCounts } from '../../src/domain/ports/graph-store.port.js';
import { defineCommand, parsed, type BotStatus } from '../core/command.js';
import { reply } from '../core/reply.js';

interface Status {
  store: string;
  storeReachable: boolean;
  counts: StoreCounts | null;
  bot: BotStatus;
  pendingLinks: number;
}

export const statusCommand = defineCommand({
  name: { de: 'status', en: 'status' },
  summary: {
    de: 'Zustand des Hubs: Datenbank, Chat-Verbindung, letzter Fehler',
    en: 'the hub’s state: database, chat connection, last error',
  },
  usage: { de: '!status', en: '!status' },
  example: { de: '!status', en: '!status' },
  replaySafe: true,
  parse: () => parsed(null),
  run: async (_args, _context, deps): Promise<Status> => {
    const counts = await deps.directory.counts().catch(() => null);
    return {
      store: deps.directory.storeName,
      storeReachable: counts !== null,
      counts,
      bot: deps.status(),
      pendingLinks: (await deps.identities.pending().catch(() => [])).length,
    };
  },
  render: (s, { language }) => {
    const de = language === 'de';
    const lag = s.bot.syncLagSeconds === null ? '–' : `${s.bot.syncLagSeconds} s`;
    return reply(
      [
        `${de ? 'Datenbank' : 'Database'}: ${s.store} – ${s.storeReachable ? (de ? 'erreichbar' : 'reachable') : de ? 'NICHT erreichbar' : 'NOT reachable'}`,
        ...(s.counts
          ? [
              `${de ? 'Bestand' : 'Contents'}: ${s.counts.entities.Person} ${de ? 'Personen' : 'people'}, ${s.counts.entities.Municipality} ${de ? 'Gemeinden' : 'municipalities'}, ${s.counts.links} ${de ? 'Verbindungen' : 'links'}`,
            ]
          : []),
        `Chat (${s.bot.transport}): ${s.bot.connected ? (de ? 'verbunden' : 'connected') : de ? 'getrennt' : 'disconnected'}, ${de ? 'Synchronisierung vor' : 'last sync'} ${lag}`,
        `${de ? 'Letzter Fehler' : 'Last error'}: ${s.bot.lastError ?? (de ? 'keiner' : 'none')}`,
        `${de ? 'Offene Konto-Verknüpfungen' : 'Pending account links'}: ${s.pendingLinks}`,
      ],
      { title: 'Status' },
    );
  },
});
