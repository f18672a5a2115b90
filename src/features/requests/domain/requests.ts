import { DomainError } from '../../../domain/errors.js';

// Requests (Anfragen) from volunteers and alliances travel through the district coordination:
// first the KIK serving the municipality (in a kreisfreie Stadt its Koordinationskraft), then the
// district's Koordinationskraft, who may forward to an institution contact, an expert or another
// district's coordination. Every hop is recorded.

export const REQUEST_STATES = ['OPEN', 'ROUTED', 'ACCEPTED', 'RESOLVED', 'DECLINED'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_LEVELS = ['KIK', 'KOORDINATIONSKRAFT', 'TARGET'] as const;
/** Where the request stands in the coordination: KIK, the district's Koordinationskraft, or the one it was forwarded to. */
export type RequestLevel = (typeof REQUEST_LEVELS)[number];

export type HopKind =
  'FILED' | 'ROUTED' | 'FORWARDED' | 'ESCALATED' | 'ACCEPTED' | 'RESOLVED' | 'DECLINED' | 'HANDED_OVER';

export interface RequestHop {
  at: string;
  kind: HopKind;
  fromId: string | null;
  toId: string | null;
  /** Why, in the words of whoever acted (or the system's). */
  note: string | null;
}

export interface HubRequest {
  id: string;
  requesterId: string;
  municipalityId: string | null;
  districtAgs: string;
  topicId: string | null;
  text: string | null;
  state: RequestState;
  level: RequestLevel;
  handlerId: string;
  hops: RequestHop[];
  createdAt: string;
  /** When it moves up a level if nobody took it on. */
  escalateAt: string | null;
  /** Optimistic concurrency: each save increments it. */
  version: number;
  /** ADVICE: asks for an advice offer (adviceOfferId), sent to whoever offers it; absent: a request. */
  kind?: 'ADVICE';
  adviceOfferId?: string;
}

export const REQUEST_TEXT_MAX = 2000;

export class RequestNotRoutable extends DomainError {
  readonly code = 'REQUEST_NOT_ROUTABLE';
  constructor(place: string) {
    super(
      `Nobody coordinates ${place} yet, so the request cannot be routed. Please ask the district administration.`,
      `Für ${place} ist noch keine Koordination eingetragen; die Anfrage kann nicht weitergeleitet werden. Bitte wenden Sie sich an die Kreisverwaltung.`,
    );
  }
}

export class RequestNotYours extends DomainError {
  readonly code = 'REQUEST_NOT_YOURS';
  constructor() {
    super('This request is not waiting on you.', 'Diese Anfrage liegt nicht bei Ihnen.');
  }
}

export class RequestClosed extends DomainError {
  readonly code = 'REQUEST_CLOSED';
  constructor(state: RequestState) {
    const de: Record<RequestState, string> = {
      OPEN: 'offen',
      ROUTED: 'weitergeleitet',
      ACCEPTED: 'angenommen',
      RESOLVED: 'erledigt',
      DECLINED: 'abgelehnt',
    };
    super(`This request is already ${state.toLowerCase()}.`, `Diese Anfrage ist bereits ${de[state]}.`);
  }
}

export class RequestRouteRefused extends DomainError {
  readonly code = 'REQUEST_ROUTE_REFUSED';
  constructor() {
    super(
      "Requests go through the district coordination: a KIK passes them to the district's Koordinationskraft, who forwards them to an institution contact, an expert or another district's coordination.",
      'Anfragen laufen über die Koordination des Kreises: die KIK gibt sie an die Koordinationskraft des Kreises, diese leitet sie an eine Institution, Fachleute oder die Koordination eines anderen Kreises weiter.',
    );
  }
}

export class RequestChanged extends DomainError {
  readonly code = 'REQUEST_CHANGED';
  constructor() {
    super(
      'This request was changed meanwhile; please look at it again.',
      'Diese Anfrage wurde inzwischen geändert; bitte sehen Sie sie noch einmal an.',
    );
  }
}

export function isClosed(request: HubRequest): boolean {
  return request.state === 'RESOLVED' || request.state === 'DECLINED';
}

/** Who may receive a request forwarded from each level. */
export type ForwardTarget =
  | { kind: 'KOORDINATIONSKRAFT_OF_DISTRICT' }
  | { kind: 'INSTITUTION_CONTACT' | 'EXPERT' | 'OTHER_DISTRICT_COORDINATION' };

export function mayForward(level: RequestLevel, target: ForwardTarget): boolean {
  if (level === 'KIK') return target.kind === 'KOORDINATIONSKRAFT_OF_DISTRICT';
  if (level === 'KOORDINATIONSKRAFT') return target.kind !== 'KOORDINATIONSKRAFT_OF_DISTRICT';
  return false;
}
