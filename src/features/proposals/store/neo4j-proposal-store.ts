import type { ManagedTransaction } from 'neo4j-driver';
import { changeFields, changeOf, type ChangeProposal, type ProposedChangeFields } from '../domain/proposals.js';
import type { ProposalStore } from '../domain/proposal-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Change proposals in Neo4j: (:ChangeProposal {kind, state, createdAt, …, districtAgs})
// -[:PROPOSED_BY]->(:Person), -[:REVIEWED_IN]->(:District), -[:DECIDED_BY]->(:Person) once decided,
// and -[:CONCERNS]->(:Alliance|Entity|RoleAssignment) for what it would join, link to or end.

function toProposal(r: { get(key: string): unknown }): ChangeProposal {
  const p = (r.get('p') as { properties: Record<string, unknown> }).properties;
  const text = (key: string) => (p[key] as string | undefined) ?? null;
  return {
    id: p.id as string,
    proposerId: p.proposerId as string,
    districtAgs: (p.districtAgs as string[] | undefined) ?? [],
    change: changeOf({
      kind: p.kind as ProposedChangeFields['kind'],
      roleId: text('roleId'),
      allianceId: text('allianceId'),
      linkType: text('linkType') as ProposedChangeFields['linkType'],
      targetId: text('targetId'),
      note: text('note'),
      newName: text('newName'),
      newLanguages: p.languagesChanged === true ? ((p.newLanguages as string[] | undefined) ?? []) : null,
    }),
    comment: text('comment'),
    state: p.state as ChangeProposal['state'],
    createdAt: p.createdAt as string,
    decidedAt: text('decidedAt'),
    deciderId: text('deciderId'),
    reason: text('reason'),
  };
}

async function writeProposals(tx: ManagedTransaction, proposals: readonly ChangeProposal[]): Promise<void> {
  if (!proposals.length) return;
  const rows = proposals.map((p) => {
    const { newLanguages, ...fields } = changeFields(p.change);
    return {
      id: p.id,
      proposerId: p.proposerId,
      districtAgs: [...new Set(p.districtAgs)].sort(),
      ...fields,
      // Neo4j keeps no empty-versus-absent distinction for lists: a flag says whether they changed.
      newLanguages: newLanguages ?? [],
      languagesChanged: newLanguages !== null,
      comment: p.comment,
      state: p.state,
      createdAt: p.createdAt,
      decidedAt: p.decidedAt,
      deciderId: p.deciderId,
      reason: p.reason,
    };
  });
  await tx.run(
    `UNWIND $rows AS row
     MERGE (p:ChangeProposal {id: row.id})
     SET p = row
     WITH p, row
     OPTIONAL MATCH (p)-[old:PROPOSED_BY|REVIEWED_IN|DECIDED_BY|CONCERNS]->()
     DELETE old
     WITH DISTINCT p, row
     OPTIONAL MATCH (proposer:Entity {id: row.proposerId})
     FOREACH (_ IN CASE WHEN proposer IS NULL THEN [] ELSE [1] END | MERGE (p)-[:PROPOSED_BY]->(proposer))
     WITH p, row
     OPTIONAL MATCH (decider:Entity {id: row.deciderId})
     FOREACH (_ IN CASE WHEN decider IS NULL THEN [] ELSE [1] END | MERGE (p)-[:DECIDED_BY]->(decider))
     WITH p, row
     OPTIONAL MATCH (concerned:Entity) WHERE concerned.id IN [row.allianceId, row.targetId]
     FOREACH (_ IN CASE WHEN concerned IS NULL THEN [] ELSE [1] END | MERGE (p)-[:CONCERNS]->(concerned))
     WITH DISTINCT p, row
     OPTIONAL MATCH (role:RoleAssignment {id: row.roleId})
     FOREACH (_ IN CASE WHEN role IS NULL THEN [] ELSE [1] END | MERGE (p)-[:CONCERNS]->(role))
     WITH DISTINCT p, row
     CALL (p, row) {
       UNWIND row.districtAgs AS ags
       MATCH (d:District {ags: ags})
       MERGE (p)-[:REVIEWED_IN]->(d)
     }`,
    { rows },
  );
}

export class Neo4jProposalStore implements ProposalStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveProposal(proposal: ChangeProposal): Promise<void> {
    await this.sessions.write((tx) => writeProposals(tx, [proposal]));
  }

  async proposalById(id: string): Promise<ChangeProposal | null> {
    return (await this.proposals('MATCH (p:ChangeProposal {id: $id}) RETURN p', { id }))[0] ?? null;
  }

  async pendingProposals(districtAgs?: readonly string[]): Promise<ChangeProposal[]> {
    return this.proposals(
      `MATCH (p:ChangeProposal {state: 'PENDING'})
       WHERE $districts IS NULL OR any(ags IN p.districtAgs WHERE ags IN $districts)
       RETURN p ORDER BY p.createdAt, p.id`,
      { districts: districtAgs ?? null },
    );
  }

  async proposalsOf(proposerId: string): Promise<ChangeProposal[]> {
    return this.proposals(
      'MATCH (p:ChangeProposal {proposerId: $proposerId}) RETURN p ORDER BY p.createdAt DESC, p.id',
      {
        proposerId,
      },
    );
  }

  private async proposals(query: string, params: Record<string, unknown>): Promise<ChangeProposal[]> {
    const result = await this.sessions.read((tx) => tx.run(query, params));
    return result.records.map(toProposal);
  }
}

/** Migration: proposals kept as shared state (JSON) become records. */
export async function moveProposalsOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run("MATCH (s:SharedState) WHERE s.key STARTS WITH 'proposal:' RETURN s.value AS value");
  await writeProposals(
    tx,
    state.records.map((r) => JSON.parse(r.get('value') as string) as ChangeProposal),
  );
  await tx.run("MATCH (s:SharedState) WHERE s.key STARTS WITH 'proposal:' DELETE s");
}
