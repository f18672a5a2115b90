import neo4j from 'neo4j-driver';
import { bumpChangeSequence, READ_STATEMENT } from './change-sequence.js';
import { entityToProps, fromNeo4j, nodeToAudit } from './mapper.js';
import { renamePersonEverywhere } from './rename-person.js';
import type { Neo4jSessions, OwnChanges } from './sessions.js';
import { Statements } from './statements.js';
import { appendAudit } from './write-changes.js';
import { WriteBatches } from './write-batches.js';
import type { NetworkBundle, Person } from '../../src/domain/model.js';
import type { ChangeGuard, NetworkWriteStore } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';

// Writes of new network records, person replacement and renaming, the audit and the change
// counter, in Neo4j: each one managed transaction that reads its facts, runs the guard and writes.

export class Neo4jNetworkWriteStore implements NetworkWriteStore {
  private readonly batches: WriteBatches;

  constructor(
    private readonly sessions: Neo4jSessions,
    private readonly own: OwnChanges,
  ) {
    this.batches = new WriteBatches(sessions, own);
  }

  commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry, fresh?: readonly string[]): Promise<void> {
    return this.batches.commit(changes, guard, audit, fresh);
  }

  async replacePerson(person: Person, audit: AuditEntry): Promise<void> {
    await this.sessions.write(async (tx) => {
      const replace = new Statements().add('MATCH (e:Person {id: $id}) SET e = $props', {
        id: person.id,
        props: entityToProps(person),
      });
      await appendAudit(replace, audit).run(tx);
    });
    this.own.counted();
  }

  async renamePerson(oldId: string, newId: string, audit: AuditEntry): Promise<void> {
    await this.sessions.write(async (tx) => {
      await renamePersonEverywhere(tx, oldId, newId);
      await appendAudit(new Statements(), audit).run(tx);
    });
    this.own.counted();
  }

  async auditOf(subjectId: string, limit: number): Promise<AuditEntry[]> {
    const records = await this.sessions.records(
      'MATCH (:AuditSubject {subjectId: $id})<-[:NAMES]-(a:AuditEntry) RETURN a ORDER BY a.at DESC, a.id DESC LIMIT $limit',
      { id: subjectId, limit: neo4j.int(limit) },
    );
    return records.map((r) => nodeToAudit(r.get('a')));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.sessions.write((tx) => appendAudit(new Statements(), entry, false).run(tx));
  }

  async auditEntry(id: string): Promise<AuditEntry | null> {
    const [record] = await this.sessions.records('MATCH (a:AuditEntry {id: $id}) RETURN a', { id });
    return record ? nodeToAudit(record.get('a')) : null;
  }

  async auditByActor(actorId: string, since: string, limit: number): Promise<AuditEntry[]> {
    const records = await this.sessions.records(
      'MATCH (a:AuditEntry {actorId: $actorId}) WHERE a.at >= $since RETURN a ORDER BY a.at DESC, a.id DESC LIMIT $limit',
      { actorId, since, limit: neo4j.int(limit) },
    );
    return records.map((r) => nodeToAudit(r.get('a')));
  }

  async changeSequence(): Promise<number> {
    return fromNeo4j((await this.sessions.records(READ_STATEMENT))[0]!.get('value')) as number;
  }

  ownChanges(): number {
    return this.own.value;
  }

  async bumpChangeSequence(): Promise<void> {
    await this.sessions.write(bumpChangeSequence);
  }
}
