import type { AccessToken, AuditEntry } from './access.js';

/** Access tokens, kept by the hash of their secret. */
export interface AccessStore {
  saveToken(token: AccessToken, audit: AuditEntry): Promise<void>;
  tokenByHash(hash: string): Promise<AccessToken | null>;
  listTokens(): Promise<AccessToken[]>;
  /** Marks the token revoked; false when there is no such active token. */
  revokeToken(id: string, at: string, audit: AuditEntry): Promise<boolean>;
}
