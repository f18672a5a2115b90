import { nodeToToken } from './mapper.js';
import type { Neo4jSessions } from './sessions.js';
import { Statements } from './statements.js';
import { appendAudit } from './write-changes.js';
import type { AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { AccessStore } from '../../src/services/access/domain/access-store.port.js';

// Access tokens as AccessToken nodes in Neo4j; saving and revoking append to the audit.

export class Neo4jTokenStore implements AccessStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveToken(token: AccessToken, audit: AuditEntry): Promise<void> {
    await this.sessions.write(async (tx) => {
      await appendAudit(new Statements().add('CREATE (t:AccessToken) SET t = $token', { token }), audit, false).run(tx);
    });
  }

  async tokenByHash(hash: string): Promise<AccessToken | null> {
    const [record] = await this.sessions.records('MATCH (t:AccessToken {hash: $hash}) RETURN t', { hash });
    return record ? nodeToToken(record.get('t')) : null;
  }

  async listTokens(): Promise<AccessToken[]> {
    return (await this.sessions.records('MATCH (t:AccessToken) RETURN t ORDER BY t.createdAt, t.id')).map((r) =>
      nodeToToken(r.get('t')),
    );
  }

  async revokeToken(id: string, at: string, audit: AuditEntry): Promise<boolean> {
    let revoked = false;
    await this.sessions.write(async (tx) => {
      const result = await tx.run(
        'MATCH (t:AccessToken {id: $id}) WHERE t.revokedAt IS NULL SET t.revokedAt = $at RETURN t.id',
        { id, at },
      );
      revoked = result.records.length > 0;
      if (revoked) await appendAudit(new Statements(), audit, false).run(tx);
    });
    return revoked;
  }
}
