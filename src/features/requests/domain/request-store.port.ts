import type { HubRequest } from './requests.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';

/** Requests routed through the district coordination, saved with an optimistic version. */
export interface RequestStore {
  /**
   * Saves a request if its stored version is `version - 1` (or it is new with version 1); false
   * otherwise. `alongside` (the notices of the change) is written in the same transaction, only
   * when the request is.
   */
  saveRequest(request: HubRequest, alongside?: readonly StateEntry[]): Promise<boolean>;
  requestById(id: string): Promise<HubRequest | null>;
  /** Requests the person filed or that wait on them, newest first. */
  requestsOf(personId: string, limit: number): Promise<HubRequest[]>;
  /** Closed requests (resolved or declined) last changed before the time that still hold text. */
  closedRequestsWithText(before: string, limit: number): Promise<HubRequest[]>;
  /** Open requests whose escalation time has come. */
  requestsToEscalate(now: string, limit: number): Promise<HubRequest[]>;
}
