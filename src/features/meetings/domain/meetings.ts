import { DomainError } from '../../../domain/errors.js';
import type { Role, RoleAssignment } from '../../../domain/model.js';
import type { TextRule } from '../../../domain/text.js';

// Exchange meetings (Erfahrungsaustausch) between the municipalities of a district.

export const RSVP_ANSWERS = ['YES', 'NO', 'MAYBE'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

export interface Meeting {
  id: string;
  organiserId: string;
  districtAgs: string;
  title: string;
  /** ISO instant. */
  startsAt: string;
  durationMinutes: number;
  municipalityIds: string[];
  inviteeIds: string[];
  rsvps: Record<string, RsvpAnswer>;
  state: 'SCHEDULED' | 'CANCELLED';
  createdAt: string;
  version: number;
  /** Set on each occurrence of a recurring series. */
  series?: SeriesOccurrence;
  /** What the meeting is about, shown in its room and invitations. */
  agenda?: string;
  /** Where it takes place online (a room of the configured video service). */
  videoUrl?: string;
  /** Where it takes place: an address or a room, as the organiser wrote it. */
  place?: string;
}

/** The meeting or series a chat room belongs to: a series keeps its room when it is split. */
export function roomKeyOf(meeting: Meeting): string {
  return meeting.series ? (meeting.series.origin ?? meeting.series.id) : meeting.id;
}

/** Where an occurrence sits in its series; a series is the set of meetings sharing `id`. */
interface SeriesOccurrence {
  id: string;
  /** RFC 5545 RRULE value (without "RRULE:"), e.g. FREQ=MONTHLY;BYDAY=1TU; UNTIL in UTC. */
  rule: string;
  /** ISO instant of the series' first occurrence (DTSTART). */
  start: string;
  /** ISO instant the rule gave this occurrence (RECURRENCE-ID); startsAt differs once it is moved. */
  recurrenceId: string;
  /** The series this one was split from ("this and the following" changed), for its chat room. */
  origin?: string;
}

export function endsAt(meeting: Pick<Meeting, 'startsAt' | 'durationMinutes'>): string {
  return new Date(Date.parse(meeting.startsAt) + meeting.durationMinutes * 60_000).toISOString();
}

export class DateUnclear extends DomainError {
  readonly code = 'DATE_UNCLEAR';
  constructor(text: string, question: { en: string; de: string }) {
    super(`"${text}": ${question.en}`, `„${text}“: ${question.de}`);
  }
}

export class DateInPast extends DomainError {
  readonly code = 'DATE_IN_PAST';
  constructor(whenEn: string, whenDe: string) {
    super(
      `${whenEn} lies in the past; please give a future date.`,
      `${whenDe} liegt in der Vergangenheit; bitte ein künftiges Datum angeben.`,
    );
  }
}

export class MeetingNeedsConfirmation extends DomainError {
  readonly code = 'MEETING_NEEDS_CONFIRMATION';
  constructor(
    readonly concernsEn: string[],
    readonly concernsDe: string[],
  ) {
    super(
      `Before I save it: ${concernsEn.join(' ')} Repeat the command with --anyway to schedule it all the same.`,
      `Bevor ich es speichere: ${concernsDe.join(' ')} Wiederholen Sie den Befehl mit --trotzdem, um es dennoch anzulegen.`,
    );
  }
}

export class MeetingOutsideDistrict extends DomainError {
  readonly code = 'MEETING_OUTSIDE_DISTRICT';
  constructor(place: string) {
    super(
      `${place} is not in your district; exchange meetings are organised by each district's coordination.`,
      `${place} liegt nicht in Ihrem Kreis; Erfahrungsaustausche organisiert die Koordination des jeweiligen Kreises.`,
    );
  }
}

export class NotInvited extends DomainError {
  readonly code = 'NOT_INVITED';
  constructor(title: string) {
    super(`You are not invited to "${title}".`, `Sie sind zu „${title}“ nicht eingeladen.`);
  }
}

export class NoMeetingRunning extends DomainError {
  readonly code = 'NO_MEETING_RUNNING';
  constructor() {
    super(
      'No meeting you take part in is running now; notes go to the meeting running from an hour before its start until twelve hours after.',
      'Gerade läuft kein Treffen, an dem Sie teilnehmen; Notizen gehen an das laufende Treffen (ab einer Stunde vor Beginn bis zwölf Stunden danach).',
    );
  }
}

export class PollChoiceInvalid extends DomainError {
  readonly code = 'POLL_CHOICE_INVALID';
  constructor(slots: number) {
    super(
      `Please name dates by their numbers, between 1 and ${slots}.`,
      `Bitte die Termine mit ihren Nummern angeben, zwischen 1 und ${slots}.`,
    );
  }
}

export class PollAlreadyFixed extends DomainError {
  readonly code = 'POLL_ALREADY_FIXED';
  constructor(title: string) {
    super(`The date for "${title}" is already fixed.`, `Der Termin für „${title}“ ist bereits festgelegt.`);
  }
}

export class NoVideoService extends DomainError {
  readonly code = 'NO_VIDEO_SERVICE';
  constructor() {
    super(
      'No video service is set up for online meetings (HUB_VIDEO_URL); please give the link in the agenda.',
      'Für Online-Treffen ist kein Videodienst eingerichtet (die Administration stellt ihn mit „HUB_VIDEO_URL“ ein); bitte schreiben Sie den Link in die Tagesordnung.',
    );
  }
}

export class NotASeries extends DomainError {
  readonly code = 'NOT_A_SERIES';
  constructor(title: string) {
    super(
      `"${title}" is no date of a series; without --following the change applies to this meeting.`,
      `„${title}“ gehört zu keiner Reihe; ohne --folgende gilt die Änderung diesem Treffen.`,
    );
  }
}

/** A meeting's title: one line of 1 to 200 characters. */
export const MEETING_TITLE: TextRule = { field: 'title', fieldDe: 'Titel', max: 200 };
export const MEETING_PLACE: TextRule = { field: 'place', fieldDe: 'Ort', max: 200 };

/** Finding a date: slots offered to the invitees, their votes, and the meeting once fixed. */
export interface DatePoll {
  id: string;
  organiserId: string;
  districtAgs: string;
  title: string;
  /** The invite words as given (towns, people), so the meeting invites the same. */
  invite: string[];
  includeAlliances: boolean;
  inviteeIds: string[];
  /** ISO instants, in the order offered; votes name them by number from 1. */
  slots: string[];
  /** Holiday names per slot (null where none). */
  holidays: (string | null)[];
  votes: Record<string, number[]>;
  state: 'OPEN' | 'FIXED';
  meetingId: string | null;
}

/** A question put to the people of a meeting while it runs; its result goes into the minutes. */
export interface DecisionPoll {
  id: string;
  meetingId: string;
  question: string;
  answers: string[];
  /** One answer (1-based) per person who voted; a new vote replaces the earlier one. */
  votes: Record<string, number>;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
}

export const DECISION_QUESTION: TextRule = { field: 'question', fieldDe: 'Frage', max: 200 };
export const DECISION_ANSWER: TextRule = { field: 'answer', fieldDe: 'Antwort', max: 80 };
export const DECISION_ANSWERS_MAX = 10;

/** Votes per answer, in answer order. */
export function decisionTally(poll: DecisionPoll): number[] {
  return poll.answers.map((_a, i) => Object.values(poll.votes).filter((v) => v === i + 1).length);
}

export class DecisionChoiceInvalid extends DomainError {
  readonly code = 'DECISION_CHOICE_INVALID';
  constructor(answers: number) {
    super(
      `Please choose one answer by its number, between 1 and ${answers}.`,
      `Bitte eine Antwort mit ihrer Nummer wählen, zwischen 1 und ${answers}.`,
    );
  }
}

export class DecisionClosed extends DomainError {
  readonly code = 'DECISION_CLOSED';
  constructor(question: string) {
    super(`The vote on "${question}" is closed.`, `Die Abstimmung „${question}“ ist beendet.`);
  }
}

export class NoOpenDecision extends DomainError {
  readonly code = 'NO_OPEN_DECISION';
  constructor(title: string) {
    super(`No vote is open in "${title}".`, `In „${title}“ läuft keine Abstimmung.`);
  }
}

/** Who organises exchange meetings: a district's KIK and its Koordinationskraft. */
const ORGANISING_ROLES: readonly Role[] = ['KIK', 'KOORDINATIONSKRAFT'];

/**
 * The role a person organises meetings in (a KIK or Koordinationskraft role in a district), or
 * null. `counted` are the roles the caller's access lets count (a token never grants more).
 */
export function organisingRole(roles: readonly RoleAssignment[], counted: readonly string[]): RoleAssignment | null {
  return (
    roles.find(
      (r) => ORGANISING_ROLES.includes(r.role) && counted.includes(r.role) && r.scopeId?.startsWith('district:'),
    ) ?? null
  );
}
