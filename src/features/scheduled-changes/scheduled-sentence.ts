import type { Language } from '../../domain/errors.js';
import type { ScheduledSummary } from './domain/scheduled-summary.js';

// A scheduled record end or merger as one sentence, for the chat's listing and the notices.

const germanDay = (day: string) => day.split('-').reverse().join('.');

function list(names: string[], language: Language): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${names.at(-1)}`;
}

/** "Zum 01.01.2027 gehen Radebeul und Coswig in Elbaue auf"; `not`: what will not happen. */
export function scheduledSentence(
  change: ScheduledSummary,
  effectiveOn: string,
  language: Language,
  not = false,
): string {
  const de = language === 'de';
  const day = de ? germanDay(effectiveOn) : effectiveOn;
  if (change.kind === 'endRecord')
    return de
      ? `${change.recordName} endet ${not ? 'nicht ' : ''}zum ${day}${not ? '' : '; Mitgliedschaften und Verbindungen enden mit'}`
      : `${change.recordName} ${not ? 'does not end' : 'ends'} on ${day}${not ? '' : '; its memberships and links end with it'}`;
  const towns = list(change.townNames, language);
  const served = change.servedByName
    ? de
      ? `; ${change.servedByName} betreut die Gemeinde`
      : `; ${change.servedByName} serves the town`
    : '';
  return de
    ? `${towns} gehen ${not ? 'nicht ' : ''}zum ${day} in ${change.intoName} auf${not ? '' : served}`
    : `${towns} ${not ? 'do not merge' : 'merge'} into ${change.intoName} on ${day}${not ? '' : served}`;
}
