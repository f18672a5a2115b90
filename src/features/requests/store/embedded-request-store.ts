import type Database from 'better-sqlite3';
import type { OwnChanges } from '../../../../graph/embedded/change-sequence.js';
import * as requestRows from './embedded-request-rows.js';
import * as stateRows from '../../../../graph/embedded/state-rows.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';
import type { RequestStore } from '../domain/request-store.port.js';
import type { HubRequest } from '../domain/requests.js';

// Requests in SQLite (the SQL lives in request-rows.ts). A saved request moves the change
// counter: requests are part of the collaboration graph and its figures, so other processes reload.

export class EmbeddedRequestStore implements RequestStore {
  constructor(
    private readonly db: Database.Database,
    private readonly own: OwnChanges,
  ) {}

  async saveRequest(request: HubRequest, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const saved = requestRows.saveRequest(this.db, request);
      if (saved) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      if (saved) this.own.bumpInTransaction(this.db);
      return saved;
    })();
  }

  async requestById(id: string): Promise<HubRequest | null> {
    return requestRows.requestById(this.db, id);
  }

  async requestsOf(personId: string, limit: number): Promise<HubRequest[]> {
    return requestRows.requestsOf(this.db, personId, limit);
  }

  async requestsToEscalate(now: string, limit: number): Promise<HubRequest[]> {
    return requestRows.requestsToEscalate(this.db, now, limit);
  }

  async closedRequestsWithText(before: string, limit: number): Promise<HubRequest[]> {
    return requestRows.closedRequestsWithText(this.db, before, limit);
  }
}
