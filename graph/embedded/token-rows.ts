import type Database from 'better-sqlite3';
import type { AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import { appendAudit } from './lifecycle.js';
import { rowToToken, tokenToRow, type TokenRow } from './mapper.js';

// Access tokens in SQLite, kept by the hash of their secret; issuing and revoking are audited.

export function saveToken(db: Database.Database, token: AccessToken, audit: AuditEntry): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO tokens (id, hash, person_id, access, district_ags, personal_data, label, created_at, revoked_at)
         VALUES (@id, @hash, @person_id, @access, @district_ags, @personal_data, @label, @created_at, @revoked_at)`,
    ).run(tokenToRow(token));
    appendAudit(db, audit);
  }).immediate();
}

export function tokenByHash(db: Database.Database, hash: string): AccessToken | null {
  const row = db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
  return row ? rowToToken(row) : null;
}

export function listTokens(db: Database.Database): AccessToken[] {
  return (db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(rowToToken);
}

export function revokeToken(db: Database.Database, id: string, at: string, audit: AuditEntry): boolean {
  return db
    .transaction(() => {
      const changed = db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id).changes;
      if (changed) appendAudit(db, audit);
      return changed > 0;
    })
    .immediate();
}
