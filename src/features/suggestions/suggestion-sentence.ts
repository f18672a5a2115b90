import type { Language } from '../../domain/errors.js';
import type { Suggestion } from './domain/suggestions.js';

// A suggestion with its facts in one sentence and its next step, in the reader's language.

function list(names: readonly string[], language: Language): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${names.at(-1)}`;
}

export function suggestionSentence(
  s: Suggestion,
  name: (id: string) => string,
  language: Language,
): { reason: string; step: string } {
  const de = language === 'de';
  const subjects = s.subjectIds.map(name);
  if (s.kind === 'EXCHANGE_MEETING') {
    // Topic names hold "und" themselves ("Sprache und Dolmetschen"): quoted, the list stays readable.
    const topics = list(
      s.topicIds.map((id) => (de ? `„${name(id)}“` : `"${name(id)}"`)),
      language,
    );
    return {
      reason: de
        ? `${subjects[0]} und ${subjects[1]} haben offene oder jüngste Anfragen zu ${topics}; ihre KIK haben sich in den letzten ${s.quietMonths} Monaten nicht getroffen.`
        : `${subjects[0]} and ${subjects[1]} have open or recent requests on ${topics}; their KIK have not met in the last ${s.quietMonths} months.`,
      step: de
        ? `Austauschtreffen vorschlagen${s.peopleIds.length ? ` mit ${list(s.peopleIds.map(name), language)}` : ''}`
        : `propose an exchange meeting${s.peopleIds.length ? ` with ${list(s.peopleIds.map(name), language)}` : ''}`,
    };
  }
  if (s.kind === 'FUNDING_CALL') return fundingCallSentence(s, name, language);
  if (s.kind === 'WAITING_REQUEST') return waitingRequestSentence(s, name, language);
  if (s.kind === 'STRUCTURAL_GAP') return gapSentence(s, name, language);
  return {
    reason: de
      ? `${subjects[0]} hat keine Verbindung zu einer Koordinationskraft oder KIK des Kreises.`
      : `${subjects[0]} has no link to a coordinator of the district.`,
    step: de
      ? `vorstellen${s.peopleIds.length ? `: ${list(s.peopleIds.map(name), language)}` : ''}`
      : `introduce${s.peopleIds.length ? `: ${list(s.peopleIds.map(name), language)}` : ''}`,
  };
}

const quotedTopics = (s: Suggestion, name: (id: string) => string, language: Language) =>
  list(
    s.topicIds.map((id) => (language === 'de' ? `„${name(id)}“` : `"${name(id)}"`)),
    language,
  );
const germanDay = (day: string) => day.split('-').reverse().join('.');

function fundingCallSentence(s: Suggestion, name: (id: string) => string, language: Language) {
  const call = s.fundingCall!;
  const people = list(s.peopleIds.map(name), language);
  const topics = quotedTopics(s, name, language);
  return language === 'de'
    ? {
        reason: `Der Förderaufruf „${call.title}“ (Frist ${germanDay(call.closesOn)}) passt zu offenen Anfragen oder Projektideen des Kreises zu ${topics}.`,
        step: people ? `Aufruf teilen mit ${people}` : 'Aufruf im Kreis teilen',
      }
    : {
        reason: `The funding call "${call.title}" (deadline ${germanDay(call.closesOn)}) fits open requests or project ideas of the district on ${topics}.`,
        step: people ? `share the call with ${people}` : 'share the call in the district',
      };
}

function waitingRequestSentence(s: Suggestion, name: (id: string) => string, language: Language) {
  const days = s.request!.waitingDays;
  const from = s.subjectIds.length ? name(s.subjectIds[0]!) : null;
  const people = list(s.peopleIds.map(name), language);
  const topics = quotedTopics(s, name, language);
  return language === 'de'
    ? {
        reason: `Eine Anfrage${from ? ` aus ${from}` : ''} zu ${topics} wartet seit ${days === 1 ? 'einem Tag' : `${days} Tagen`}; in anderen Kreisen ${s.peopleIds.length === 1 ? 'hat' : 'haben'} ${people} Anfragen zu diesem Thema gelöst.`,
        step: `Frage an deren Koordination weiterleiten`,
      }
    : {
        reason: `A request${from ? ` from ${from}` : ''} on ${topics} has been waiting for ${days === 1 ? 'a day' : `${days} days`}; in other districts ${people} resolved requests on this topic.`,
        step: 'forward a question to their coordination',
      };
}

function gapSentence(s: Suggestion, name: (id: string) => string, language: Language) {
  const subject = name(s.subjectIds[0]!);
  const de = language === 'de';
  if (s.gap!.kind === 'NO_KIK')
    return de
      ? {
          reason: `Keine KIK betreut ${subject}.`,
          step: `eine KIK benennen, die ${subject} betreut (Verbindung „betreut“ eintragen)`,
        }
      : {
          reason: `No KIK serves ${subject}.`,
          step: `name a KIK who serves ${subject} (add a "serves" link)`,
        };
  const groups = s.gap!.groups;
  return de
    ? {
        reason: `Fiele ${subject} weg, zerfiele das Netzwerk des Kreises in ${groups} getrennte Teile.`,
        step: 'Vertretung vorbereiten: weitere Verbindungen zwischen diesen Teilen knüpfen und bei einem Wechsel die offene Arbeit an die Nachfolge übergeben',
      }
    : {
        reason: `Without ${subject}, the district's network would fall into ${groups} separate parts.`,
        step: 'prepare a stand-in: link these parts to each other too, and on a change hand the open work to the successor',
      };
}
