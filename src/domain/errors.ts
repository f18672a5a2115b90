// One class per rule or failure, each with a stable code and a message a person can act on,
// in German (the default for users) and English. Services throw these; every interface renders
// them; anything else is an internal error and is masked.

import type { Language } from './language.js';
import type { Role } from './model.js';
import { ROLE_LABEL } from './role-labels.js';

export type { Language } from './language.js';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly messageDe: string;

  constructor(messageEn: string, messageDe: string) {
    super(messageEn);
    this.name = new.target.name;
    this.messageDe = messageDe;
  }

  localized(language: Language): string {
    return language === 'de' ? this.messageDe : this.message;
  }
}

export class KikLimitReached extends DomainError {
  readonly code = 'KIK_LIMIT_REACHED';
  constructor(
    readonly districtName: string,
    readonly limit: number,
  ) {
    super(
      `Landkreis ${districtName} already has ${limit} Kommunale Integrationskoordinatoren (the limit is ${limit}).`,
      `Der Landkreis ${districtName} hat bereits ${limit} Kommunale Integrationskoordinatoren (höchstens ${limit} erlaubt).`,
    );
  }
}

export class KoordinationskraftTaken extends DomainError {
  readonly code = 'KOORDINATIONSKRAFT_TAKEN';
  constructor(readonly districtName: string) {
    super(
      `${districtName} already has a Koordinationskraft Integration; there is at most one per district.`,
      `${districtName} hat bereits eine Koordinationskraft Integration; je Kreis ist nur eine vorgesehen.`,
    );
  }
}

export class KikRequiresLandkreis extends DomainError {
  readonly code = 'KIK_REQUIRES_LANDKREIS';
  constructor(readonly districtName: string) {
    super(
      `${districtName} is a kreisfreie Stadt: Kommunale Integrationskoordinatoren belong to a Landkreis.`,
      `${districtName} ist eine kreisfreie Stadt: Kommunale Integrationskoordinatoren gehören zu einem Landkreis.`,
    );
  }
}

export class ProjectOutsideDistrict extends DomainError {
  readonly code = 'PROJECT_OUTSIDE_DISTRICT';
  constructor(projectName: string, municipalityName: string, districtName: string) {
    super(
      `The project ${projectName} cannot run in ${municipalityName}: the municipality is not part of ${districtName}.`,
      `Das Projekt ${projectName} kann nicht in ${municipalityName} laufen: Die Gemeinde gehört nicht zu ${districtName}.`,
    );
  }
}

/** YYYY-MM-DD as Germans write it: 01.03.2027. */
const germanDay = (day: string) => day.split('-').reverse().join('.');

export class PeriodInvalid extends DomainError {
  readonly code = 'PERIOD_INVALID';
  constructor(startsOn: string, endsOn: string) {
    super(
      `The period ends (${endsOn}) before it starts (${startsOn}).`,
      `Der Zeitraum endet (${germanDay(endsOn)}) vor seinem Beginn (${germanDay(startsOn)}).`,
    );
  }
}

export class KikServesOutsideDistrict extends DomainError {
  readonly code = 'KIK_SERVES_OUTSIDE_DISTRICT';
  constructor(
    readonly personName: string,
    readonly municipalityName: string,
  ) {
    super(
      `${personName} is not a Kommunaler Integrationskoordinator of the Landkreis ${municipalityName} belongs to, so cannot serve it.`,
      `${personName} ist kein Kommunaler Integrationskoordinator des Landkreises, zu dem ${municipalityName} gehört, und kann die Gemeinde daher nicht betreuen.`,
    );
  }
}

export class MunicipalityRequiresLandkreis extends DomainError {
  readonly code = 'MUNICIPALITY_REQUIRES_LANDKREIS';
  constructor(
    readonly municipalityName: string,
    readonly districtName: string,
  ) {
    super(
      `${municipalityName} cannot belong to ${districtName}: a kreisangehörige Gemeinde belongs to a Landkreis.`,
      `${municipalityName} kann nicht zu ${districtName} gehören: eine kreisangehörige Gemeinde gehört zu einem Landkreis.`,
    );
  }
}

/** The kinds of place a role is held in, as a sentence says them. */
const SCOPE_WORDS: Record<string, Record<Language, string>> = {
  District: { en: 'a district', de: 'einem Kreis' },
  Municipality: { en: 'a municipality', de: 'einer Gemeinde' },
  Alliance: { en: 'an alliance', de: 'einem Bündnis' },
  Institution: { en: 'an institution', de: 'einer Institution' },
};

export class RoleScopeInvalid extends DomainError {
  readonly code = 'ROLE_SCOPE_INVALID';
  constructor(
    readonly role: Role,
    /** The kinds of record the role may be held in; none: it is held without one. */
    readonly expected: readonly string[],
  ) {
    const where = (l: Language) => expected.map((k) => SCOPE_WORDS[k]?.[l] ?? k).join(l === 'de' ? ' oder ' : ' or ');
    super(
      expected.length
        ? `The role ${ROLE_LABEL[role].en} is held in ${where('en')}.`
        : `The role ${ROLE_LABEL[role].en} is held without a district or place.`,
      expected.length
        ? `Die Rolle ${ROLE_LABEL[role].de} gehört zu ${where('de')}.`
        : `Die Rolle ${ROLE_LABEL[role].de} gehört zu keinem Kreis und keinem Ort.`,
    );
  }
}

export class LinkEndpointsInvalid extends DomainError {
  readonly code = 'LINK_ENDPOINTS_INVALID';
  constructor(
    readonly linkType: string,
    expected: Record<Language, string>,
  ) {
    super(`A ${linkType} link must connect ${expected.en}.`, `Diese Verbindung muss ${expected.de} verbinden.`);
  }
}

export class NotFound extends DomainError {
  readonly code: string;
  constructor(
    readonly entityKind: string,
    readonly reference: string,
    readonly suggestions: string[] = [],
  ) {
    const hintEn = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    const hintDe = suggestions.length ? ` Meinten Sie: ${suggestions.join(', ')}?` : '';
    super(
      `No ${entityKind.toLowerCase()} "${reference}" is known.${hintEn}`,
      `${GERMAN_KIND[entityKind] ?? entityKind} "${reference}" ist nicht bekannt.${hintDe}`,
    );
    this.code = `${entityKind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_NOT_FOUND`;
  }
}

const GERMAN_KIND: Record<string, string> = {
  District: 'Der Kreis',
  Municipality: 'Die Gemeinde',
  Person: 'Die Person',
  Alliance: 'Das Bündnis',
  Institution: 'Die Institution',
  Topic: 'Das Thema',
  FundingProgram: 'Das Förderprogramm',
  Project: 'Das Projekt',
  Role: 'Die Rolle',
  AccessToken: 'Der Zugangsschlüssel',
  ChatAccount: 'Das Chat-Konto',
  Request: 'Die Anfrage',
  Meeting: 'Das Treffen',
  Entity: 'Der Eintrag',
  Proposal: 'Der Änderungsvorschlag',
  DecisionPoll: 'Die Abstimmung',
  Link: 'Die Verbindung',
  Article: 'Der Beitrag',
  AdviceOffer: 'Das Beratungsangebot',
  FundingCall: 'Der Förderaufruf',
};

export class DuplicateId extends DomainError {
  readonly code = 'DUPLICATE_ID';
  constructor(readonly id: string) {
    super('This entry exists already.', 'Diesen Eintrag gibt es bereits.');
  }
}

export class InvalidInput extends DomainError {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly field: string,
    readonly problem: string,
    /** What people read in chat in German; analysts' errors may stay English. */
    german?: { field: string; problem: string },
  ) {
    super(`${field}: ${problem}`, german ? `${german.field}: ${german.problem}` : `${field}: ${problem}`);
  }
}

export class ImportRowInvalid extends DomainError {
  readonly code = 'IMPORT_ROW_INVALID';
  constructor(
    readonly line: number,
    readonly reason: string,
    reasonDe: string = reason,
  ) {
    super(
      `Line ${line}: ${reason} Nothing from this file was written.`,
      `Zeile ${line}: ${reasonDe} Aus dieser Datei wurde nichts gespeichert.`,
    );
  }
}

export class StoreUnavailable extends DomainError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(readonly storeName: string) {
    super(
      `The ${storeName} database cannot be reached right now. Please try again shortly.`,
      `Die Datenbank (${storeName}) ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.`,
    );
  }
}

export class StoreCorrupt extends DomainError {
  readonly code = 'STORE_CORRUPT';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(
      `The data file ${path} cannot be read (${reason}). It was left untouched; restore a backup or move it away.`,
      `Die Datendatei ${path} ist nicht lesbar („${reason}“). Sie wurde nicht verändert; bitte eine Sicherung einspielen oder die Datei verschieben.`,
    );
  }
}

export class NotAllowed extends DomainError {
  readonly code = 'NOT_ALLOWED';
  constructor(whatEn: string, whatDe: string) {
    super(`You may not ${whatEn}.`, `Sie dürfen ${whatDe}.`);
  }
}

export class NotSignedIn extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('This needs a valid access token.', 'Dafür ist ein gültiger Zugangsschlüssel nötig.');
  }
}

export class EditConflict extends DomainError {
  readonly code = 'EDIT_CONFLICT';
  constructor(
    readonly recordName: string,
    readonly expectedVersion: number,
    readonly storedVersion: number,
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    const whoEn = changedBy ? ` by ${changedBy}` : '';
    const whoDe = changedBy ? ` von ${changedBy}` : '';
    const whenEn = changedAt ? ` at ${changedAt}` : '';
    const whenDe = changedAt ? ` am ${changedAt}` : '';
    super(
      `${recordName} was changed${whoEn}${whenEn} after you read it (version ${storedVersion}, you edited version ${expectedVersion}). Nothing was saved; read it again and repeat your change.`,
      `${recordName} wurde inzwischen${whoDe}${whenDe} geändert (Version ${storedVersion}, Sie haben Version ${expectedVersion} bearbeitet). Nichts wurde gespeichert; bitte neu laden und die Änderung wiederholen.`,
    );
  }
}

export interface Dependant {
  what:
    | 'roles'
    | 'links'
    | 'municipalities'
    | 'institutions'
    | 'projects'
    | 'records'
    | 'requests'
    | 'meetings'
    /** Ended roles and links: a record with a past is ended, never deleted, so the history keeps it. */
    | 'history';
  count: number;
}

const DEPENDANT_DE: Record<Dependant['what'], string> = {
  roles: 'Rollen',
  links: 'Verbindungen',
  municipalities: 'Gemeinden',
  institutions: 'Institutionen',
  projects: 'Projekte',
  records: 'Einträge mit diesem Thema oder Programm',
  requests: 'Anfragen',
  meetings: 'Treffen',
  history: 'beendete Rollen oder Verbindungen im Verlauf',
};

export class HasDependants extends DomainError {
  readonly code = 'HAS_DEPENDANTS';
  constructor(
    readonly recordName: string,
    readonly dependants: Dependant[],
  ) {
    const current = dependants.filter((d) => d.what !== 'history');
    if (current.length === 0) {
      super(
        `${recordName} has a history (ended roles or links) and is ended rather than deleted, so the history stays true; nothing was deleted.`,
        `${recordName} hat einen Verlauf (beendete Rollen oder Verbindungen) und wird deshalb beendet statt gelöscht, damit der Verlauf stimmt; nichts wurde gelöscht.`,
      );
      return;
    }
    const en = current.map((d) => `${d.count} ${d.what === 'records' ? 'records about it' : d.what}`).join(', ');
    const de = current.map((d) => `${d.count} ${DEPENDANT_DE[d.what]}`).join(', ');
    super(
      `${recordName} cannot be deleted: ${en} still depend on it. End or move them first; nothing was deleted.`,
      `${recordName} kann nicht gelöscht werden, davon hängen noch ab: ${de}. Bitte diese zuerst beenden oder verschieben; nichts wurde gelöscht.`,
    );
  }
}

export class AccountAlreadyLinked extends DomainError {
  readonly code = 'ACCOUNT_ALREADY_LINKED';
  constructor(
    readonly personId: string,
    readonly accounts: number,
  ) {
    super(
      `This person already has ${accounts === 1 ? 'a confirmed chat account' : `${accounts} confirmed chat accounts`}. Confirm again with --replace to move the person to this account; the other account is told first. Nothing was changed.`,
      `Diese Person hat schon ${accounts === 1 ? 'ein bestätigtes Chat-Konto' : `${accounts} bestätigte Chat-Konten`}. Soll dieses Konto es ersetzen, bestätigen Sie noch einmal mit --ersetzen; das bisherige Konto wird vorher benachrichtigt. Nichts wurde geändert.`,
    );
  }
}

export class AlreadyEnded extends DomainError {
  readonly code = 'ALREADY_ENDED';
  constructor(
    readonly what: 'Role' | 'Link' | 'Record',
    readonly until: string,
  ) {
    const en = { Role: 'This role', Link: 'This link', Record: 'This record' }[what];
    const de = { Role: 'Diese Rolle', Link: 'Diese Verbindung', Record: 'Dieser Eintrag' }[what];
    super(`${en} ended on ${until} already.`, `${de} ist bereits seit dem ${germanDay(until)} beendet.`);
  }
}

export class MergeAcrossDistricts extends DomainError {
  readonly code = 'MERGE_ACROSS_DISTRICTS';
  constructor(
    readonly merged: string,
    readonly target: string,
  ) {
    super(
      `${merged} and ${target} lie in different districts; a merged municipality would belong to two. Nothing was changed.`,
      `${merged} und ${target} liegen in verschiedenen Kreisen; eine zusammengeführte Gemeinde gehörte sonst zu zweien. Nichts wurde geändert.`,
    );
  }
}
