import type Database from 'better-sqlite3';
import * as tokenRows from './token-rows.js';
import type { AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { AccessStore } from '../../src/services/access/domain/access-store.port.js';

// Access tokens in SQLite (the SQL lives in token-rows.ts).

export class EmbeddedTokenStore implements AccessStore {
  constructor(private readonly db: Database.Database) {}

  async saveToken(token: AccessToken, audit: AuditEntry): Promise<void> {
    tokenRows.saveToken(this.db, token, audit);
  }

  async tokenByHash(hash: string): Promise<AccessToken | null> {
    return tokenRows.tokenByHash(this.db, hash);
  }

  async listTokens(): Promise<AccessToken[]> {
    return tokenRows.listTokens(this.db);
  }

  async revokeToken(id: string, at: string, audit: AuditEntry): Promise<boolean> {
    return tokenRows.revokeToken(this.db, id, at, audit);
  }
}
