import type { Language } from '../../src/domain/errors.js';
import type { CommandDeps } from './command.js';

// What a command that invites or tells people may truthfully say about it: a bot tells them
// itself; the console chat leaves it for the running hub, or nobody is set up to tell anyone.

/** A sentence saying how the people concerned learn of a change, or null where the bot tells them itself. */
export function relayNote(relay: CommandDeps['relay'], count: number, language: Language): string | null {
  if (!relay) return null;
  if (relay === 'hub')
    return language === 'de'
      ? `Die Nachrichten an ${count === 1 ? 'diese Person' : `diese ${count} Personen`} stellt der laufende Hub zu (Chat und E-Mail, wie jede Person es eingestellt hat); läuft er gerade nicht, sobald er wieder läuft.`
      : `The running hub delivers the messages to ${count === 1 ? 'this person' : `these ${count} people`} (chat and e-mail, as each person set it); if it is not running now, as soon as it runs again.`;
  return language === 'de'
    ? 'Weder ein Chat noch E-Mail ist eingerichtet: Niemand wird davon benachrichtigt.'
    : 'Neither chat nor e-mail is set up: nobody is told of it.';
}
