import type { HubServices } from '../services/hub-services.js';
import { timerRuns } from './plugins/use-metrics.js';

// What falls due with time: escalations, meeting reminders, retention. Run by the instance that
// holds the bots' lease, at start (catching up on what fell due while the hub was down) and
// every minute; each item is claimed in the store, so it happens once even across a hand-over.

export function dueWork(services: HubServices, retentionDays: number, log: (message: string) => void): () => Promise<void> {
  const failed = (what: string) => (error: unknown) => log(`${what} failed: ${(error as Error).message}`);
  return async () => {
    await Promise.all([
      services.requests.escalateDue().then((n) => void timerRuns.inc({ job: 'escalation' }, n), failed('Escalating requests')),
      services.meetings.sendDueReminders().then((n) => void timerRuns.inc({ job: 'reminder' }, n), failed('Sending reminders')),
      services.requests.purgeClosedTexts(retentionDays).then((purged) => {
        timerRuns.inc({ job: 'retention' }, purged);
        if (purged > 0) log(`Retention: deleted the text of ${purged} closed requests older than ${retentionDays} days.`);
      }, failed('Retention')),
    ]);
  };
}
