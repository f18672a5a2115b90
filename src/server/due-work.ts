import type { HubServices } from '../services/hub-services.js';
import { timerRuns } from './plugins/use-metrics.js';

// What falls due with time: changes scheduled for the day, escalations, meeting and funding reminders, series occurrences, retention. Run by the instance that
// holds the bots' lease, at start (catching up on what fell due while the hub was down) and
// every minute; each item is claimed in the store, so it happens once even across a hand-over.

export function dueWork(
  services: HubServices,
  settings: { retentionDays: number; reviewRemindDays: number },
  log: (message: string) => void,
): () => Promise<void> {
  const { retentionDays, reviewRemindDays } = settings;
  const counted = (job: string, n: number, message: string) => {
    timerRuns.inc({ job }, n);
    if (n > 0) log(message);
  };
  const failed = (what: string) => (error: unknown) => log(`${what} failed: ${(error as Error).message}`);
  return async () => {
    await Promise.all([
      services.requests
        .deliverLeftNotices()
        .then(
          (n) => counted('notice', n, `Handed on ${n} notices a crash or outage had held back.`),
          failed('Handing on notices'),
        ),
      services.meetings
        .deliverLeftNotices()
        .then(
          (n) => counted('notice', n, `Handed on ${n} meeting notices a crash or outage had held back.`),
          failed('Handing on meeting notices'),
        ),
      services.minutes
        .deliverLeftNotices()
        .then(
          (n) => counted('notice', n, `Handed on ${n} minutes notices a crash or outage had held back.`),
          failed('Handing on minutes notices'),
        ),
      services.funding
        .deliverLeftNotices()
        .then(
          (n) => counted('notice', n, `Handed on ${n} funding reminders a crash or outage had held back.`),
          failed('Handing on funding reminders'),
        ),
      services.suggestions
        .deliverLeftNotices()
        .then(
          (n) =>
            counted(
              'notice',
              n,
              `Handed on ${n} weekly suggestions, shared calls and questions a crash or outage had held back.`,
            ),
          failed('Handing on weekly suggestions, shared calls and questions'),
        ),
      services.funding
        .remindDue()
        .then(
          (n) => counted('funding-reminder', n, `Reminded ${n} subscribers of funding deadlines.`),
          failed('Reminding of funding deadlines'),
        ),
      services.dueChanges
        .apply()
        .then(
          (n) => counted('scheduled-change', n, `Applied ${n} changes scheduled for today.`),
          failed('Applying scheduled changes'),
        ),
      services.requests
        .escalateDue()
        .then((n) => counted('escalation', n, `Escalated ${n} unanswered requests.`), failed('Escalating requests')),
      services.meetings
        .sendDueReminders()
        .then((n) => counted('reminder', n, `Sent the reminders for ${n} meetings.`), failed('Sending reminders')),
      services.meetings
        .extendSeries()
        .then(
          (n) => counted('series-extension', n, `Added ${n} occurrences to running meeting series.`),
          failed('Extending meeting series'),
        ),
      services.minutes
        .remindDueTasks()
        .then(
          (n) => counted('task-reminder', n, `Reminded the owners of ${n} action items due today.`),
          failed('Reminding of action items'),
        ),
      services.proposals
        .remindDue(reviewRemindDays)
        .then(
          (n) =>
            counted(
              'review-reminder',
              n,
              `Reminded reviewers of ${n} change proposals waiting over ${reviewRemindDays} days.`,
            ),
          failed('Reminding of change proposals'),
        ),
      services.suggestionDigest
        .sendDue()
        .then(
          (n) => counted('suggestion-digest', n, `Sent ${n} people this week's suggestions.`),
          failed('Sending the suggestions of the week'),
        ),
      services.yearlyCheck
        .askDue()
        .then(
          (n) => counted('yearly-check', n, `Asked ${n} people to check their entries (unchanged for a year).`),
          failed('Asking for the yearly check'),
        ),
      (services.mail?.notifier.sendDigests() ?? Promise.resolve(0)).then(
        (n) => counted('mail-digest', n, `Queued ${n} mail digests.`),
        failed('Writing mail digests'),
      ),
      services.requests.purgeClosedTexts(retentionDays).then((purged) => {
        timerRuns.inc({ job: 'retention' }, purged);
        if (purged > 0)
          log(`Retention: deleted the text of ${purged} closed requests older than ${retentionDays} days.`);
      }, failed('Retention')),
    ]);
  };
}
